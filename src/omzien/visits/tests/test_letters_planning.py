"""Planning the visits of a round (issue 11, item 3): a proposed date and time for every
assigned address, in walking order, within the period, at most the volunteer's visits per
week, never moving a time already planned."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from omzien.core.models import AuditEvent
from omzien.core.roles import Role
from omzien.core.tests.factories import login_verified, member
from omzien.visits.letters.planning import parse_slot_times, plan_round
from omzien.visits.models import VisitAddress, VisitSettings
from omzien.visits.tests.factories import address, visit_round, volunteer

pytestmark = [pytest.mark.django_db, pytest.mark.issue(11)]

#: Monday 1 March 2027, 09:00 in Amsterdam; with the default 5 lead days the first visit
#: day is Monday 8 March.
MONDAY = dt.datetime(2027, 3, 1, 8, 0, tzinfo=dt.UTC)


@pytest.fixture
def frozen():
    with time_machine.travel(MONDAY, tick=False):
        yield


@pytest.fixture
def town(small_municipality, frozen):
    return small_municipality.municipality


def _round(town, **fields):
    values = {"starts_on": dt.date(2027, 3, 1), "ends_on": dt.date(2027, 3, 31), **fields}
    return visit_round(town, **values)


def _local(address):
    address.refresh_from_db()
    return timezone.localtime(address.proposed_at) if address.proposed_at else None


def test_planning_follows_walking_order_weekdays_slot_times_and_visits_per_week(town):
    coordinator = member(Role.COORDINATOR, town)
    round = _round(town)
    walker = volunteer(town, visits_per_week=2)
    # Made out of walking order: the plan must follow postcode and house number.
    made = [
        address(round, volunteer=walker, postcode=pc, house_number=n)
        for pc, n in [("9930AA", 1), ("9910AA", 5), ("9920AB", 2), ("9910AA", 3), ("9920AA", 9)]
    ]
    result = plan_round(coordinator, round)
    assert result.planned == 5
    times = {a.pk: _local(a) for a in made}
    in_walking_order = sorted(made, key=lambda a: (a.postcode, a.house_number))
    planned = [times[a.pk] for a in in_walking_order]
    assert planned == sorted(planned)
    assert [t.strftime("%a %d %H:%M") for t in planned] == [
        "Mon 08 10:00",
        "Tue 09 10:00",
        "Mon 15 10:00",
        "Tue 16 10:00",
        "Mon 22 10:00",
    ]
    assert max(Counter(t.isocalendar()[:2] for t in planned).values()) <= 2
    assert all(t.weekday() < 5 for t in planned)
    assert AuditEvent.objects.filter(action="visit_letters_planned").count() == 1


def test_planning_stays_within_the_period_and_leaves_what_does_not_fit(town):
    round = _round(town, ends_on=dt.date(2027, 3, 12))
    walker = volunteer(town, visits_per_week=3)
    made = [address(round, volunteer=walker) for _ in range(8)]
    result = plan_round(member(Role.COORDINATOR, town), round)
    times = [_local(a) for a in made]
    planned = [t for t in times if t]
    # One week left after the lead days (8-12 March), three visits a week, one a day.
    assert result.planned == len(planned) == 3
    assert result.not_fitting == 5
    assert all(dt.date(2027, 3, 8) <= t.date() <= dt.date(2027, 3, 12) for t in planned)


def test_a_round_that_started_long_ago_is_planned_from_today_not_in_the_past(town):
    round = visit_round(town, starts_on=dt.date(2027, 1, 1), ends_on=dt.date(2027, 4, 30))
    VisitSettings.objects.create(municipality=town, letter_lead_days=0)
    walker = volunteer(town, visits_per_week=5)
    first = address(round, volunteer=walker, postcode="9910AA")
    plan_round(member(Role.COORDINATOR, town), round)
    # 09:00 on Monday 1 March: the 10:00 slot of today is the first one still ahead.
    assert _local(first) == timezone.make_aware(dt.datetime(2027, 3, 1, 10, 0))


def test_running_the_plan_again_never_moves_a_planned_time(town):
    coordinator = member(Role.COORDINATOR, town)
    round = _round(town)
    walker = volunteer(town, visits_per_week=2)
    fixed_at = timezone.make_aware(dt.datetime(2027, 3, 8, 14, 0))
    fixed = address(round, volunteer=walker, postcode="9930ZZ", proposed_at=fixed_at)
    first = address(round, volunteer=walker, postcode="9910AA")
    plan_round(coordinator, round)
    first_time = _local(first)
    later = address(round, volunteer=walker, postcode="9910AB")
    again = plan_round(coordinator, round)
    assert again.planned == 1
    assert _local(fixed) == fixed_at
    assert _local(first) == first_time
    # The planned 14:00 visit counts against week 10: two visits there, the new one moves on.
    week_of_fixed = fixed_at.isocalendar()[:2]
    in_that_week = [t for t in (_local(fixed), first_time, _local(later))
                    if t.isocalendar()[:2] == week_of_fixed]  # fmt: skip
    assert len(in_that_week) == 2
    assert _local(later) > first_time


def test_objections_deceased_unassigned_and_barred_volunteers_get_no_time(town):
    round = _round(town)
    walker = volunteer(town)
    expired = volunteer(town, valid=False)
    objection = address(round, volunteer=walker, status=VisitAddress.Status.OBJECTION)
    deceased = address(round, volunteer=walker, status=VisitAddress.Status.DECEASED)
    nobody = address(round)
    barred = address(round, volunteer=expired)
    result = plan_round(member(Role.COORDINATOR, town), round)
    assert [_local(a) for a in (objection, deceased, nobody, barred)] == [None] * 4
    assert (result.planned, result.volunteer_may_not_visit, result.without_volunteer) == (0, 1, 1)


def test_the_municipality_chooses_the_visit_times(town):
    VisitSettings.objects.create(municipality=town, visit_slot_times="13:30, 09:15")
    round = _round(town)
    walker = volunteer(town, visits_per_week=10)
    made = [address(round, volunteer=walker) for _ in range(3)]
    plan_round(member(Role.COORDINATOR, town), round)
    assert [_local(a).strftime("%d %H:%M") for a in made] == ["08 09:15", "08 13:30", "09 09:15"]


def test_slot_times_are_read_leniently_and_refused_in_dutch():
    assert parse_slot_times("14:00; 9.30 10:00,") == [
        dt.time(9, 30),
        dt.time(10, 0),
        dt.time(14, 0),
    ]
    with pytest.raises(ValueError, match="geen tijd"):
        parse_slot_times("10 uur")
    with pytest.raises(ValueError, match="minstens"):
        parse_slot_times(" ")


def test_the_coordinator_plans_from_the_round_page(client, town):
    round = _round(town)
    walker = volunteer(town)
    planned = address(round, volunteer=walker)
    address(round)
    login_verified(client, member(Role.COORDINATOR, town))
    url = reverse("visits:letters_plan", kwargs={"municipality_slug": town.slug, "pk": round.pk})
    response = client.post(url, follow=True)
    body = response.content.decode()
    assert "1 bezoek ingepland." in body
    assert "1 adres heeft nog geen vrijwilliger." in body
    assert _local(planned) is not None
    assert 'data-testid="letters-ready">1<' in body
