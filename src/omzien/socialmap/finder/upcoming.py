"""The finder's agenda: the coming meetings of a municipality's published initiatives (or of
one initiative), day by day, with those in a national week such as the Week tegen
Eenzaamheid marked (``CampaignWeek``, dates per year in the Django admin)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import groupby

from django.db.models import Q
from django.utils import timezone

from omzien.socialmap import agenda
from omzien.socialmap.agenda import TZ
from omzien.socialmap.choices import Status
from omzien.socialmap.models import CampaignWeek, Event, Initiative

#: How far ahead the agenda looks, and how many meetings it lists at most.
WEEKS_AHEAD = 6
MAX_ITEMS = 300


@dataclass(frozen=True)
class Item:
    initiative: Initiative
    title: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    week: CampaignWeek | None


@dataclass(frozen=True)
class Day:
    date: dt.date
    items: list[Item]


def window(weeks: int = WEEKS_AHEAD) -> tuple[dt.datetime, dt.datetime]:
    start = timezone.now().astimezone(TZ)
    return start, start + dt.timedelta(weeks=weeks)


def campaign_weeks(start: dt.date, end: dt.date) -> list[CampaignWeek]:
    """The national weeks that overlap [start, end]."""
    return list(CampaignWeek.objects.filter(starts_on__lte=end, ends_on__gte=start))


def _week_of(day: dt.date, weeks: list[CampaignWeek]) -> CampaignWeek | None:
    return next((w for w in weeks if w.starts_on <= day <= w.ends_on), None)


def items(municipality, *, initiative: Initiative | None = None, weeks: int = WEEKS_AHEAD):
    """The coming meetings in order, at most ``MAX_ITEMS``."""
    start, end = window(weeks)
    events = Event.objects.filter(
        municipality=municipality, initiative__status=Status.PUBLISHED
    ).filter(Q(starts_at__range=(start - dt.timedelta(days=1), end)) | ~Q(rrule=""))
    if initiative is not None:
        events = events.filter(initiative=initiative)
    events = list(events.filter(starts_at__lte=end).select_related("initiative"))
    by_id = {event.pk: event for event in events}
    national = campaign_weeks(start.date(), end.date())
    found = []
    for occurrence in agenda.occurrences(events, start, end)[:MAX_ITEMS]:
        event = by_id[occurrence.event_id]
        found.append(
            Item(
                initiative=event.initiative,
                title=occurrence.title,
                starts_at=occurrence.starts_at,
                ends_at=occurrence.ends_at,
                week=_week_of(occurrence.starts_at.date(), national),
            )
        )
    return found


def days(found: list[Item]) -> list[Day]:
    return [
        Day(date=date, items=list(group))
        for date, group in groupby(found, key=lambda item: item.starts_at.date())
    ]
