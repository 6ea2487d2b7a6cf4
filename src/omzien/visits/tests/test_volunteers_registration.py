"""Volunteers (issue 11, item 4): registration by the coordinator, the VOG's expiry, the
volunteer's own record, and who may open the coordinator's pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from omzien.core.models import AuditEvent
from omzien.core.roles import Role
from omzien.core.tests.factories import MunicipalityFactory, login_verified, member
from omzien.visits.models import VisitSettings, Volunteer
from omzien.visits.tests.factories import address, visit_round, volunteer

pytestmark = [pytest.mark.django_db, pytest.mark.issue(11)]


def _url(name, municipality, **kwargs):
    return reverse(f"visits:{name}", kwargs={"municipality_slug": municipality.slug, **kwargs})


def _form(person, district, **changes):
    return {
        "user": person.pk,
        "phone": "06 12345678",
        "trained_on": "2026-01-10",
        "vog_issued_on": "2024-02-29",
        "districts": [district.pk],
        "visits_per_week": 3,
        "availability": "dinsdagochtend",
        "active": "on",
        **changes,
    }


def test_coordinator_registers_a_volunteer_and_the_vog_expiry_follows_the_settings(
    client, small_municipality
):
    town = small_municipality.municipality
    VisitSettings.objects.create(municipality=town, vog_valid_years=5)
    person = member(Role.VOLUNTEER, town, first_name="Vera", last_name="Vrij")
    member(Role.CASEWORKER, town, first_name="Wim", last_name="Werker")
    login_verified(client, member(Role.COORDINATOR, town))
    page = client.get(_url("volunteer_create", town)).content.decode()
    assert "Vera Vrij" in page
    assert "Wim Werker" not in page  # only people with the volunteer role

    noord = small_municipality.districts[0]
    response = client.post(_url("volunteer_create", town), _form(person, noord))
    registered = Volunteer.objects.get(municipality=town, user=person)
    assert response.status_code == 302
    # Issued on 29 February 2024, valid five years: until 28 February 2029.
    assert registered.vog_valid_until == dt.date(2029, 2, 28)
    assert list(registered.districts.all()) == [noord]
    assert AuditEvent.objects.filter(action="volunteer_registered").count() == 1
    edit = client.get(response["Location"]).content.decode()
    assert "28 februari 2029" in edit
    # Registered once: she is no longer offered on the registration page.
    assert "Vera Vrij" not in client.get(_url("volunteer_create", town)).content.decode()


def test_a_vog_from_the_future_is_refused_in_dutch_and_keeps_what_was_typed(
    client, small_municipality
):
    town = small_municipality.municipality
    person = member(Role.VOLUNTEER, town)
    login_verified(client, member(Role.COORDINATOR, town))
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    response = client.post(
        _url("volunteer_create", town),
        _form(
            person,
            small_municipality.districts[0],
            vog_issued_on=tomorrow,
            phone="06 987654321",
        ),
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "De afgiftedatum van de VOG ligt in de toekomst." in body
    assert 'value="06 987654321"' in body
    assert 'value="dinsdagochtend"' in body
    assert not Volunteer.objects.exists()


def test_someone_without_the_volunteer_role_cannot_be_registered(client, small_municipality):
    town = small_municipality.municipality
    outsider = member(Role.CASEWORKER, town)
    login_verified(client, member(Role.COORDINATOR, town))
    response = client.post(
        _url("volunteer_create", town), _form(outsider, small_municipality.districts[0])
    )
    assert response.status_code == 400
    assert "Kies iemand uit de lijst." in response.content.decode()
    assert not Volunteer.objects.exists()


def test_changing_the_vog_date_recomputes_its_expiry(client, small_municipality):
    town = small_municipality.municipality
    helper = volunteer(town, districts=[small_municipality.districts[1]])
    login_verified(client, member(Role.COORDINATOR, town))
    data = _form(helper.user, small_municipality.districts[1], vog_issued_on="2025-06-01")
    del data["user"]
    response = client.post(_url("volunteer_edit", town, pk=helper.pk), data)
    helper.refresh_from_db()
    assert response.status_code == 302
    assert helper.vog_valid_until == dt.date(2028, 6, 1)  # default: three years
    assert AuditEvent.objects.filter(action="volunteer_changed", object_id=str(helper.pk)).exists()


def test_the_list_shows_vog_status_training_and_open_addresses(client, small_municipality):
    town = small_municipality.municipality
    today = timezone.localdate()
    fine = volunteer(town)
    soon = volunteer(town, vog_valid_until=today + dt.timedelta(days=10))
    gone = volunteer(town, valid=False, trained_on=None)
    running = visit_round(town)
    address(running, volunteer=fine)
    address(running, volunteer=fine)
    address(running, volunteer=fine, status="done")
    login_verified(client, member(Role.COORDINATOR, town))
    body = client.get(_url("volunteer_list", town)).content.decode()

    def row(v):
        start = body.index(f'data-testid="volunteer-{v.pk}"')
        return body[start : body.index("</tr>", start)]

    assert 'data-vog="valid"' in row(fine) and "geldig tot" in row(fine)
    assert 'data-vog="expiring"' in row(soon) and "verloopt binnenkort" in row(soon)
    assert 'data-vog="expired"' in row(gone) and "verlopen op" in row(gone)
    assert "nog niet" in row(gone)  # not trained
    assert '<td data-label="Open adressen" class="omzien-number">2</td>' in row(fine)


def test_without_candidates_the_page_points_to_the_invitations(client, small_municipality):
    town = small_municipality.municipality
    login_verified(client, member(Role.COORDINATOR, town))
    body = client.get(_url("volunteer_create", town)).content.decode()
    assert 'data-testid="no-candidates"' in body
    assert reverse("core:member_list", args=[town.slug]) in body


def test_a_volunteer_sees_their_own_record_read_only(client, small_municipality):
    town = small_municipality.municipality
    me = volunteer(town, phone="06 11112222", districts=[small_municipality.districts[2]])
    volunteer(town, phone="06 99998888")
    login_verified(client, me.user)
    body = client.get(_url("my_volunteer_record", town)).content.decode()
    assert "06 11112222" in body
    assert "Zuid" in body
    assert "06 99998888" not in body
    assert "<form" not in body.split('id="inhoud"')[-1]


def test_a_volunteer_cannot_open_the_coordinator_pages(client, small_municipality):
    town = small_municipality.municipality
    me = volunteer(town)
    running = visit_round(town)
    mine = address(running, volunteer=me)
    login_verified(client, me.user)
    for url in (
        _url("volunteer_list", town),
        _url("volunteer_create", town),
        _url("volunteer_edit", town, pk=me.pk),
        _url("volunteer_handover", town, pk=me.pk),
        _url("round_distribute", town, pk=running.pk),
        _url("address_reassign", town, pk=mine.pk),
    ):
        assert client.get(url).status_code == 403, url
        assert client.post(url).status_code == 403, url


def test_another_municipalitys_coordinator_gets_nothing(client, small_municipality):
    town = small_municipality.municipality
    helper = volunteer(town)
    running = visit_round(town)
    assigned = address(running, volunteer=helper)
    elsewhere = MunicipalityFactory()
    other = member(Role.COORDINATOR, elsewhere)
    login_verified(client, other)
    for name, pk in (
        ("volunteer_edit", helper.pk),
        ("volunteer_handover", helper.pk),
        ("round_distribute", running.pk),
        ("address_reassign", assigned.pk),
    ):
        for municipality in (town, elsewhere):
            url = _url(name, municipality, pk=pk)
            assert client.get(url).status_code in (403, 404), url
            assert client.post(url, {"receiver": ""}).status_code in (403, 404), url
    assigned.refresh_from_db()
    assert assigned.volunteer == helper


def test_the_volunteer_page_links_each_open_address_to_its_visit_form_and_letter(
    client, small_municipality
):
    """The coordinator types in a paper visit form or prints one letter from here."""
    town = small_municipality.municipality
    walker = volunteer(town)
    soon = timezone.now() + dt.timedelta(days=7)
    open_address = address(visit_round(town), volunteer=walker, street="Brinkweg", proposed_at=soon)
    login_verified(client, member(Role.COORDINATOR, town))
    page = client.get(_url("volunteer_edit", town, pk=walker.pk)).content.decode()
    form = reverse("visits:visit_form", args=[town.slug, open_address.pk])
    letter = reverse("visits:letters_letter", args=[town.slug, open_address.pk])
    assert f'href="{form}"' in page and f'href="{letter}"' in page
    assert client.get(form).status_code == 200
    assert client.get(letter)["Content-Type"] == "application/pdf"
