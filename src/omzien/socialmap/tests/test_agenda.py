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
from omzien.socialmap.models import CampaignWeek, Event
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


def test_the_feed_marks_the_week_tegen_eenzaamheid_and_defines_its_time_zone(client, setting):
    """A one-off event inside the stored week carries its name; one outside does not; the
    feed defines Europe/Amsterdam (VTIMEZONE) and is stamped with the time it was made."""
    municipality, organisation, coordinator = setting
    week = CampaignWeek.objects.create(
        year=2031, name="Week tegen Eenzaamheid",
        starts_on=dt.date(2031, 9, 25), ends_on=dt.date(2031, 10, 4),
    )  # fmt: skip
    inside = initiative(organisation, name="Open middag", status=Status.PUBLISHED)
    outside = initiative(organisation, name="Kerstdiner", status=Status.PUBLISHED)
    services.add_event(actor=coordinator, initiative=inside,
                       starts_at=dt.datetime(2031, 9, 30, 14, 0, tzinfo=TZ))  # fmt: skip
    services.add_event(actor=coordinator, initiative=outside,
                       starts_at=dt.datetime(2031, 12, 20, 17, 0, tzinfo=TZ))  # fmt: skip
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    calendar = icalendar.Calendar.from_ical(client.get("/activiteiten/zeist/agenda.ics").content)
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    assert [str(c) for c in events["Open middag"]["CATEGORIES"].cats] == [week.name]
    assert "CATEGORIES" not in events["Kerstdiner"]
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    assert events["Kerstdiner"]["DTSTAMP"].dt >= before
    assert events["Open middag"]["DTSTART"].dt == dt.datetime(2031, 9, 30, 14, 0, tzinfo=TZ)


def test_a_change_of_the_meetings_is_a_new_version_with_the_meetings_in_it(setting):
    municipality, organisation, coordinator = setting
    koffie = initiative(organisation)
    start = dt.datetime(2027, 3, 2, 10, 0, tzinfo=TZ)
    event = services.add_event(actor=coordinator, initiative=koffie, starts_at=start,
                               rrule="FREQ=WEEKLY")  # fmt: skip
    koffie.refresh_from_db()
    added = koffie.versions.get(number=koffie.version)
    assert added.data["events"] == [{"starts_at": start.isoformat(), "minutes": 120,
                                     "rrule": "FREQ=WEEKLY", "title": "", "note": ""}]  # fmt: skip
    services.remove_event(actor=coordinator, event=event)
    koffie.refresh_from_db()
    assert koffie.version == added.number + 1
    assert koffie.versions.get(number=koffie.version).data["events"] == []


def test_an_event_is_only_removed_through_its_own_initiative(client, setting):
    """The removal route takes an initiative and an event: an event of another initiative
    (of this or another municipality) is not found and stays."""
    municipality, organisation, coordinator = setting
    own = initiative(organisation, name="Eigen")
    other = initiative(organisation, name="Ander")
    elsewhere = initiative(
        OrganisationFactory(municipality=Municipality.objects.get(code="GM0310"))
    )
    start = dt.datetime(2027, 3, 2, 10, 0, tzinfo=TZ)
    theirs = services.add_event(actor=coordinator, initiative=other, starts_at=start)
    foreign = Event.objects.create(initiative=elsewhere, municipality=elsewhere.municipality,
                                   starts_at=start)  # fmt: skip
    login_verified(client, coordinator)
    for event in (theirs, foreign):
        url = f"/g/zeist/sociale-kaart/{own.pk}/bijeenkomst/{event.pk}/verwijderen/"
        assert client.post(url).status_code == 404
    assert Event.objects.filter(pk__in=[theirs.pk, foreign.pk]).count() == 2
