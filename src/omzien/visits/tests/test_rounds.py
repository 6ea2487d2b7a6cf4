"""Rounds and the volunteer's address list (issue 11, items 1, 4 and 7)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from omzien.core.models import AuditEvent
from omzien.core.roles import Role
from omzien.core.tests.factories import login_verified, member
from omzien.visits.models import VisitRound
from omzien.visits.tests.factories import address, visit_round, volunteer

pytestmark = [pytest.mark.django_db, pytest.mark.issue(11)]


def _url(name, municipality, **kwargs):
    return reverse(f"visits:{name}", kwargs={"municipality_slug": municipality.slug, **kwargs})


def test_coordinator_creates_a_round_and_starts_it(client, small_municipality):
    town = small_municipality.municipality
    login_verified(client, member(Role.COORDINATOR, town))
    response = client.post(
        _url("round_create", town),
        {
            "name": "Huisbezoeken 75+ 2027",
            "target": "and_older",
            "target_age": 75,
            "reference_date": "2027-01-01",
            "districts": [small_municipality.districts[0].pk],
            "starts_on": "2027-01-15",
            "ends_on": "2027-06-30",
            "letter_text": "Wij komen graag langs.",
            "not_home_text": "U was niet thuis.",
            "retention_days": 60,
        },
    )
    created = VisitRound.objects.get(municipality=town)
    assert response.status_code == 302
    assert created.status == VisitRound.Status.PREPARING
    assert list(created.districts.all()) == [small_municipality.districts[0]]
    client.post(_url("round_move", town, pk=created.pk), {"status": "running"})
    created.refresh_from_db()
    assert created.status == VisitRound.Status.RUNNING
    assert AuditEvent.objects.filter(action="visit_round_moved").exists()
    page = client.get(_url("round_detail", town, pk=created.pk))
    assert "Huisbezoeken 75+ 2027" in page.content.decode()


def test_a_round_ending_before_it_starts_is_refused_and_keeps_what_was_typed(
    client, small_municipality
):
    town = small_municipality.municipality
    login_verified(client, member(Role.COORDINATOR, town))
    response = client.post(
        _url("round_create", town),
        {
            "name": "Verkeerde ronde",
            "target": "exact",
            "target_age": 75,
            "reference_date": "2027-01-01",
            "starts_on": "2027-06-30",
            "ends_on": "2027-01-15",
            "letter_text": "x",
            "not_home_text": "y",
            "retention_days": 60,
        },
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "De laatste bezoekdag ligt voor de eerste." in body
    assert 'value="Verkeerde ronde"' in body
    assert not VisitRound.objects.exists()


def test_a_closed_round_cannot_start_again(client, small_municipality):
    town = small_municipality.municipality
    login_verified(client, member(Role.COORDINATOR, town))
    closed = visit_round(town, status=VisitRound.Status.CLOSED)
    client.post(_url("round_move", town, pk=closed.pk), {"status": "running"})
    closed.refresh_from_db()
    assert closed.status == VisitRound.Status.CLOSED


def test_policy_sees_the_rounds_but_cannot_change_them(client, small_municipality):
    town = small_municipality.municipality
    running = visit_round(town)
    address(running)
    login_verified(client, member(Role.POLICY, town))
    assert client.get(_url("round_list", town)).status_code == 200
    detail = client.get(_url("round_detail", town, pk=running.pk)).content.decode()
    assert 'data-testid="round-total"' not in detail
    assert client.get(_url("round_create", town)).status_code == 403
    assert client.get(_url("round_edit", town, pk=running.pk)).status_code == 403


def test_a_caseworker_cannot_open_the_rounds(client, small_municipality):
    town = small_municipality.municipality
    login_verified(client, member(Role.CASEWORKER, town))
    assert client.get(_url("round_list", town)).status_code == 403


def test_a_volunteer_sees_only_their_own_addresses_in_walking_order(client, small_municipality):
    town = small_municipality.municipality
    running = visit_round(town)
    mine, other = volunteer(town), volunteer(town)
    late = address(running, volunteer=mine, postcode="9920AC", house_number=2, surname="Later")
    early = address(running, volunteer=mine, postcode="9920AB", house_number=10, surname="Eerder")
    address(running, volunteer=other, surname="Anderman")
    login_verified(client, mine.user)
    body = client.get(_url("my_addresses", town)).content.decode()
    assert "Anderman" not in body
    assert body.index(early.surname) < body.index(late.surname)
    assert AuditEvent.objects.filter(action="visit_addresses_viewed").count() == 1


def test_a_volunteer_whose_vog_expired_sees_nothing(client, small_municipality):
    town = small_municipality.municipality
    running = visit_round(town)
    expired = volunteer(town, valid=False)
    address(running, volunteer=expired, surname="Geheim")
    login_verified(client, expired.user)
    body = client.get(_url("my_addresses", town)).content.decode()
    assert "Geheim" not in body
    assert 'data-testid="no-vog"' in body


def test_the_edit_form_shows_the_round_dates_so_a_browser_keeps_them(client, small_municipality):
    """A date field is <input type="date">, which only takes 2027-01-15: in Dutch format the
    browser showed it empty and saving the form lost the dates."""
    import datetime as dt

    town = small_municipality.municipality
    login_verified(client, member(Role.COORDINATOR, town))
    running = visit_round(town, starts_on=dt.date(2027, 1, 15), ends_on=dt.date(2027, 6, 30))
    body = client.get(_url("round_edit", town, pk=running.pk)).content.decode()
    assert 'value="2027-01-15"' in body and 'value="2027-06-30"' in body
