"""The social map's part of the demo (issue 9): all seven kinds, published and waiting
initiatives, meetings in the coming weeks and in the Week tegen Eenzaamheid; made once."""

import datetime as dt

import pytest

from omzien.core.demo import load_demo
from omzien.socialmap import agenda
from omzien.socialmap.choices import ActivityKind, Status
from omzien.socialmap.models import Event, Initiative

pytestmark = [pytest.mark.django_db, pytest.mark.issue(9)]


def test_the_demo_has_a_local_offer_with_meetings():
    load_demo()
    kinds = {kind for each in Initiative.objects.values_list("kinds", flat=True) for kind in each}
    assert kinds == set(ActivityKind.values)
    statuses = set(Initiative.objects.values_list("status", flat=True))
    assert {Status.PUBLISHED, Status.SUBMITTED} <= statuses
    now = dt.datetime.now(agenda.TZ)
    coming = agenda.occurrences(Event.objects.all(), now, now + dt.timedelta(days=14))
    assert len(coming) >= 18  # every weekly meeting, at least once in the next two weeks
    week = Initiative.objects.get(name__startswith="Week tegen Eenzaamheid")
    start = week.events.get().starts_at.astimezone(agenda.TZ)
    assert (start.month, start.day) in {(9, d) for d in range(25, 31)} | {
        (10, d) for d in range(1, 8)
    }
    count = Initiative.objects.count()
    load_demo()
    assert Initiative.objects.count() == count
