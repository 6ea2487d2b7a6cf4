"""Events with RFC 5545 repetition and the iCalendar feeds (issue 9, second slice)."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from omzien.core.models import Municipality
from omzien.core.roles import Role
from omzien.core.tests.factories import OrganisationFactory, login_verified, member
from omzien.socialmap import agenda, services
from omzien.socialmap.choices import Status
from omzien.socialmap.models import Event
from omzien.socialmap.tests.factories import initiative

pytestmark = [pytest.mark.django_db, pytest.mark.issue(9)]
TZ = agenda.TZ


@pytest.fixture
def setting():
    municipality = Municipality.objects.get(code="GM0355")
    organisation = OrganisationFactory(municipality=municipality, name="Buurtwerk")
    coordinator = member(Role.COORDINATOR, municipality)
    return municipality, organisation, coordinator


def test_a_weekly_morning_stays_at_ten_across_the_change_to_winter_time(setting):
    municipality, organisation, coordinator = setting
    koffie = initiative(organisation, status=Status.PUBLISHED)
    # Tuesdays 10:00; winter time starts on Sunday 25 October 2026.
    rule = services.rule_for("weekly", dt.date(2026, 11, 10))
    services.add_event(actor=coordinator, initiative=koffie, rrule=rule,
                       starts_at=dt.datetime(2026, 10, 13, 10, 0, tzinfo=TZ))  # fmt: skip
    found = agenda.occurrences(
        Event.objects.all(),
        dt.datetime(2026, 10, 1, tzinfo=TZ),
        dt.datetime(2026, 12, 1, tzinfo=TZ),
    )
    assert [o.starts_at.date() for o in found] == [
        dt.date(2026, 10, 13), dt.date(2026, 10, 20), dt.date(2026, 10, 27),
        dt.date(2026, 11, 3), dt.date(2026, 11, 10)]  # fmt: skip
    assert {(o.starts_at.hour, o.starts_at.minute) for o in found} == {(10, 0)}
    assert {o.starts_at.utcoffset() for o in found} == {
        dt.timedelta(hours=2),
        dt.timedelta(hours=1),
    }


def test_a_bad_rule_changes_nothing(setting):
    municipality, organisation, coordinator = setting
    koffie = initiative(organisation)
    for rule in ("FREQ=SOMETIMES", "BYDAY=TU", "onzin"):
        with pytest.raises(ValidationError):
            services.add_event(actor=coordinator, initiative=koffie, rrule=rule,
                               starts_at=dt.datetime(2026, 10, 13, 10, tzinfo=TZ))  # fmt: skip
    assert not Event.objects.exists()


def test_the_feeds_parse_back_and_hold_only_published_initiatives(client, setting):
    municipality, organisation, coordinator = setting
    published = initiative(organisation, name="Wandelen", status=Status.PUBLISHED)
    draft = initiative(organisation, name="Geheim concept")
    start = dt.datetime(2026, 9, 29, 14, 0, tzinfo=TZ)  # Week tegen Eenzaamheid 2026
    for each in (published, draft):
        services.add_event(actor=coordinator, initiative=each, starts_at=start,
                           rrule="FREQ=WEEKLY;COUNT=3")  # fmt: skip
    feed = client.get("/activiteiten/zeist/agenda.ics")
    assert feed.status_code == 200 and feed["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(feed.content)
    events = [c for c in calendar.walk("VEVENT")]
    assert [str(e["SUMMARY"]) for e in events] == ["Wandelen"]
    assert events[0]["DTSTART"].dt == start and "FREQ" in events[0]["RRULE"]
    assert client.get(f"/activiteiten/zeist/{published.pk}/agenda.ics").status_code == 200
    assert client.get(f"/activiteiten/zeist/{draft.pk}/agenda.ics").status_code == 404
    assert client.get(f"/activiteiten/de-bilt/{published.pk}/agenda.ics").status_code == 404


def test_the_staff_page_adds_a_repeating_meeting_and_a_partner_only_to_its_own(client, setting):
    municipality, organisation, coordinator = setting
    koffie = initiative(organisation)
    login_verified(client, coordinator)
    client.post(
        f"/g/zeist/sociale-kaart/{koffie.pk}/bijeenkomst/",
        {"bijeenkomst-date": "2026-10-06", "bijeenkomst-time": "10:00",
         "bijeenkomst-minutes": "90", "bijeenkomst-repeat": "biweekly",
         "bijeenkomst-until": "2026-12-31"},
    )  # fmt: skip
    event = Event.objects.get()
    assert event.rrule == "FREQ=WEEKLY;INTERVAL=2;UNTIL=20261231T225959Z"
    assert event.starts_at == dt.datetime(2026, 10, 6, 10, 0, tzinfo=TZ)
    other = OrganisationFactory(municipality=municipality, name="Anders")
    partner = member(Role.REPORTER, municipality)
    partner.memberships.update(organisation=other)
    with pytest.raises(PermissionDenied):
        services.add_event(actor=partner, initiative=koffie,
                           starts_at=dt.datetime(2026, 10, 6, 10, tzinfo=TZ))  # fmt: skip
