"""First-contact deadlines with frozen time: the norm sets them, overdue cases head the
lists, a reached attempt ends the overdue state (issue 4)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from omzien.core.roles import Role
from omzien.core.tests.factories import login_verified, member
from omzien.signalling.cases import queries, services
from omzien.signalling.cases.queue import deadline_text
from omzien.signalling.settings import settings_of
from omzien.signalling.tests.factories import file_signal, zeist

pytestmark = [pytest.mark.django_db, pytest.mark.issue(4)]

AMS = ZoneInfo("Europe/Amsterdam")
START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=AMS)
CRISIS = "Ze zei dat ze niet meer wil leven."


def at(hours: float):
    return time_machine.travel(START + dt.timedelta(hours=hours), tick=False)


def order_in_queue(client, user, municipality) -> list[int]:
    login_verified(client, user)
    response = client.get(
        reverse("signalling:case_queue", kwargs={"municipality_slug": municipality.slug})
    )
    return [row.case.pk for row in response.context["rows"]]


def test_a_normal_signal_gets_the_48_hour_norm_and_an_urgent_one_4_hours():
    with at(0):
        normal = file_signal(postcode="3701 AB", house_number="1").case
        urgent = file_signal(postcode="3701 AB", house_number="2", concern=CRISIS).case
    assert normal.contact_deadline == START + dt.timedelta(hours=48)
    assert urgent.urgent
    assert urgent.contact_deadline == START + dt.timedelta(hours=4)


def test_the_norm_is_the_municipalitys_own():
    municipality = zeist()
    norms = settings_of(municipality)
    norms.first_contact_hours, norms.urgent_contact_hours = 24, 2
    norms.save()
    with at(0):
        normal = file_signal(municipality, postcode="3701 AB", house_number="1").case
        urgent = file_signal(municipality, postcode="3701 AB", house_number="2", concern=CRISIS)
    assert normal.contact_deadline == START + dt.timedelta(hours=24)
    assert urgent.case.contact_deadline == START + dt.timedelta(hours=2)


def test_an_urgent_signal_joining_a_case_brings_its_deadline_forward():
    with at(0):
        case = file_signal(postcode="3701 AB", house_number="7").case
    with at(10):
        joined = file_signal(postcode="3701 AB", house_number="7", concern=CRISIS)
    assert joined.joined_existing_case
    case.refresh_from_db()
    assert case.urgent
    assert case.contact_deadline == START + dt.timedelta(hours=14)


def test_after_the_deadline_without_first_contact_a_case_is_listed_first(client):
    municipality = zeist()
    coordinator = member(Role.COORDINATOR, municipality)
    with at(0):
        old = file_signal(municipality, postcode="3701 AB", house_number="1").case  # due at 48
    with at(30):
        newer = file_signal(municipality, postcode="3701 AB", house_number="2").case  # due at 78
        urgent = file_signal(
            municipality, postcode="3701 AB", house_number="3", concern=CRISIS
        ).case  # due at 34
    with at(33):
        # Nothing late yet: urgent first, then by deadline.
        assert order_in_queue(client, coordinator, municipality) == [urgent.pk, old.pk, newer.pk]
        assert not old.is_overdue()
    with at(40):
        # The urgent case is late: it leads.
        assert order_in_queue(client, coordinator, municipality) == [urgent.pk, old.pk, newer.pk]
        assert urgent.is_overdue() and not old.is_overdue()
    with at(49):
        # Both late: the late ones lead (urgent first among them), then the rest.
        assert order_in_queue(client, coordinator, municipality) == [urgent.pk, old.pk, newer.pk]
        assert old.is_overdue()
        overdue = {c.pk for c in queries.overdue_cases(municipality)}
        assert overdue == {urgent.pk, old.pk}


def test_a_late_normal_case_goes_before_an_urgent_case_that_is_not_late(client):
    """Once someone has taken the urgent case (an untaken urgent case goes first: below)."""
    municipality = zeist()
    coordinator = member(Role.COORDINATOR, municipality)
    worker = member(Role.CASEWORKER, municipality)
    with at(0):
        late = file_signal(municipality, postcode="3701 AB", house_number="1").case
    with at(47):
        urgent = file_signal(
            municipality, postcode="3701 AB", house_number="2", concern=CRISIS
        ).case
        services.assign_case(actor=coordinator, case=urgent, caseworker=worker)
    with at(49):
        assert order_in_queue(client, coordinator, municipality) == [late.pk, urgent.pk]
        rows = queries.open_cases_for(coordinator, municipality)
        assert [(c.pk, c.overdue) for c in rows] == [(late.pk, True), (urgent.pk, False)]


@pytest.mark.issue(8)
def test_an_urgent_case_nobody_took_is_at_the_top_even_before_late_ones(client):
    municipality = zeist()
    coordinator = member(Role.COORDINATOR, municipality)
    with at(0):
        late = file_signal(municipality, postcode="3701 AB", house_number="1").case
    with at(47):
        urgent = file_signal(
            municipality, postcode="3701 AB", house_number="2", concern=CRISIS
        ).case
    with at(49):
        assert order_in_queue(client, coordinator, municipality) == [urgent.pk, late.pk]


def test_a_reached_attempt_stops_a_case_being_overdue(client):
    municipality = zeist()
    coordinator = member(Role.COORDINATOR, municipality)
    worker = member(Role.CASEWORKER, municipality)
    with at(0):
        case = file_signal(municipality, postcode="3701 AB", house_number="1").case
        other = file_signal(municipality, postcode="3701 AB", house_number="2").case
        services.assign_case(actor=coordinator, case=case, caseworker=worker)
    with at(50):
        services.log_attempt(actor=worker, case=case, method="phone", reached=False)
        case.refresh_from_db()
        assert case.is_overdue(), "an attempt without contact does not stop the clock"
        services.log_attempt(actor=worker, case=case, method="visit", reached=True)
        case.refresh_from_db()
        assert not case.is_overdue()
        assert case.first_contact_at == START + dt.timedelta(hours=50)
        assert order_in_queue(client, coordinator, municipality) == [other.pk, case.pk]
        login_verified(client, coordinator)
        url = reverse("signalling:case_queue", kwargs={"municipality_slug": municipality.slug})
        late_tab = client.get(url + "?lijst=te-laat").context["rows"]
        assert [row.case.pk for row in late_tab] == [other.pk]
        assert deadline_text(case) == "eerste contact gehad"


def test_the_deadline_reads_as_time_left_or_time_late(client):
    municipality = zeist()
    with at(0):
        case = file_signal(municipality, postcode="3701 AB", house_number="1").case
    with at(45):
        assert deadline_text(case) == "nog 3 uur"
    with at(47.5):
        assert deadline_text(case) == "nog 30 minuten"
    with at(50):
        assert deadline_text(case) == "2 uur te laat"
    with at(48 + 24 * 3):
        assert deadline_text(case) == "3 dagen te laat"
    with at(0):
        assert deadline_text(case) == "nog 2 dagen"
    with at(1):
        assert deadline_text(case) == "nog 47 uur"


def test_the_case_page_shows_the_deadline_relative(client):
    municipality = zeist()
    coordinator = member(Role.COORDINATOR, municipality)
    with at(0):
        case = file_signal(municipality, postcode="3701 AB", house_number="1").case
    with at(50):
        login_verified(client, coordinator)
        url = reverse(
            "signalling:case_detail", kwargs={"municipality_slug": municipality.slug, "pk": case.pk}
        )
        html = client.get(url).content.decode()
    assert "2 uur te laat" in html
    assert "uiterlijk 4 maart 2026 09:00" in html
