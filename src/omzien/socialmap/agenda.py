"""Events of initiatives as iCalendar (issue 9): occurrences of repeating events, and the
feeds per municipality and per initiative. Repetition follows RFC 5545 in Dutch local time
(``TZID=Europe/Amsterdam``), expanded with ``recurring_ical_events``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from omzien.socialmap.models import CampaignWeek, Event

TZ = ZoneInfo("Europe/Amsterdam")
#: Products identifier of our feeds (RFC 5545 PRODID).
PRODID = "-//Omzien//Sociale kaart//NL"


def parse_rrule(text: str) -> icalendar.vRecur | None:
    """The rule, or ValidationError with a Dutch message."""
    text = (text or "").strip().removeprefix("RRULE:")
    if not text:
        return None
    try:
        rule = icalendar.vRecur.from_ical(text)
        if "FREQ" not in rule:
            raise ValueError("FREQ")
        from dateutil.rrule import rrulestr

        rrulestr(text, dtstart=dt.datetime(2026, 1, 1, tzinfo=TZ))
    except (ValueError, TypeError, KeyError):
        raise ValidationError(
            {"rrule": _("Deze herhaling begrijpen we niet, bijvoorbeeld: FREQ=WEEKLY.")}
        ) from None
    return rule


def _vevent(event: Event, stamp: dt.datetime | None = None) -> icalendar.Event:
    start = event.starts_at.astimezone(TZ)
    vevent = icalendar.Event()
    vevent.add("uid", f"event-{event.pk}@omzien")
    vevent.add("summary", event.title or event.initiative.name)
    vevent.add("dtstart", start)
    vevent.add("dtend", start + dt.timedelta(minutes=event.minutes))
    vevent.add("dtstamp", stamp or start)
    if event.rrule:
        vevent.add("rrule", parse_rrule(event.rrule))
    place = ", ".join(p for p in (event.initiative.street, event.initiative.place) if p)
    if place:
        vevent.add("location", place)
    if event.note:
        vevent.add("description", event.note)
    return vevent


def calendar(events, name: str) -> icalendar.Calendar:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    for event in events:
        cal.add_component(_vevent(event))
    return cal


def feed(events, name: str) -> icalendar.Calendar:
    """The published feed: every event with the time-zone definition RFC 5545 asks for
    (``VTIMEZONE``, so every calendar app places the times right), the time the feed was made
    (``DTSTAMP``), and a one-off event in a national week such as the Week tegen Eenzaamheid
    marked with that week's name (``CATEGORIES``)."""
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    weeks = list(CampaignWeek.objects.all())
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    for event in events:
        vevent = _vevent(event, now)
        day = event.starts_at.astimezone(TZ).date()
        names = [w.name for w in weeks if w.starts_on <= day <= w.ends_on]
        if names and not event.rrule:
            vevent.add("categories", names)
        cal.add_component(vevent)
    cal.add_missing_timezones()
    return cal


@dataclass(frozen=True)
class Occurrence:
    event_id: int
    title: str
    starts_at: dt.datetime
    ends_at: dt.datetime


def occurrences(events, start: dt.datetime, end: dt.datetime) -> list[Occurrence]:
    """Every occurrence between ``start`` and ``end``, in local time, in order."""
    found = []
    for component in recurring_ical_events.of(calendar(events, "")).between(start, end):
        uid = str(component["UID"])
        found.append(
            Occurrence(
                event_id=int(uid.split("-")[1].split("@")[0]),
                title=str(component["SUMMARY"]),
                starts_at=component["DTSTART"].dt.astimezone(TZ),
                ends_at=component["DTEND"].dt.astimezone(TZ),
            )
        )
    return sorted(found, key=lambda o: (o.starts_at, o.event_id))
