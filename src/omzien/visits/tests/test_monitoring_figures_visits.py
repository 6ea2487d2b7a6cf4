"""The home visits' figures per municipality and monitoring table (issue 12): each equals a
count made here over rounds of two municipalities, in and out of the period, erased rounds
included, and the table honours the district filter."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from omzien.core.extensions import municipality_figure
from omzien.core.tests.factories import MunicipalityFactory
from omzien.visits import monitoring_figures as figures
from omzien.visits.models import RoundTombstone, VisitRound
from omzien.visits.tests.factories import address, attempt, visit_round

pytestmark = [pytest.mark.django_db, pytest.mark.issue(12)]

AMS = ZoneInfo("Europe/Amsterdam")
D = dt.date
SINCE, UNTIL = D(2026, 1, 1), D(2026, 7, 1)


def when(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(11), tzinfo=AMS)


def spring(municipality, **fields) -> VisitRound:
    return visit_round(
        municipality, name="Voorjaar", reference_date=D(2026, 3, 1), starts_on=D(2026, 3, 1),
        ends_on=D(2026, 5, 31), **fields,
    )  # fmt: skip


@pytest.fixture
def world(small_municipality):
    """Proefdorp: a spring round with six addresses in Noord and Zuid, another municipality
    with a round, a round in preparation and one of last year."""
    small = small_municipality
    noord, zuid = small.districts[0], small.districts[2]
    round_ = spring(small.municipality)
    sent = timezone.now()
    homes = [address(round_, district=d, letter_sent_at=sent) for d in (noord,) * 3 + (zuid,) * 2]
    homes.append(address(round_, district=zuid))  # no letter
    attempt(homes[0], "visited", at=when(D(2026, 3, 10)))
    attempt(homes[1], "declined", at=when(D(2026, 3, 11)))
    attempt(homes[2], "not_home", at=when(D(2026, 3, 12)))
    attempt(homes[3], "not_home", at=when(D(2026, 3, 12)))
    attempt(homes[3], "visited", at=when(D(2026, 7, 2)))  # visited after the period
    other = MunicipalityFactory()
    theirs = spring(other)
    attempt(address(theirs, letter_sent_at=sent), "visited", at=when(D(2026, 4, 1)))
    address(theirs)
    preparing = spring(small.municipality, status=VisitRound.Status.PREPARING)
    address(preparing)
    last_year = visit_round(
        small.municipality, name="Vorig jaar", reference_date=D(2025, 3, 1),
        starts_on=D(2025, 3, 1), ends_on=D(2025, 5, 31),
    )  # fmt: skip
    attempt(address(last_year), "visited", at=when(D(2025, 4, 1)))
    return small, other, round_


def test_home_visits_done_count_visits_in_the_period_per_municipality(world):
    small, other, _round = world
    assert figures.home_visits_done(None, SINCE, UNTIL) == {small.municipality.pk: 1, other.pk: 1}
    assert figures.home_visits_done(None, SINCE, D(2026, 8, 1))[small.municipality.pk] == 2


def test_home_visit_reach_is_the_share_of_addresses_reached_at_the_door(world):
    small, other, _round = world
    m = small.municipality.pk
    reach = municipality_figure("home_visit_reach")
    # Proefdorp: visited, declined and (after the period, still this round) visited of six.
    assert reach.compute(None, SINCE, UNTIL) == {m: pytest.approx(50.0), other.pk: 50.0}
    assert reach.base(None, SINCE, UNTIL) == {m: 6, other.pk: 2}
    assert reach.compute(None, D(2026, 6, 1), UNTIL) == {}  # no round active in June


def test_an_erased_round_counts_from_its_tombstone():
    municipality = MunicipalityFactory()
    round_ = spring(municipality, status=VisitRound.Status.CLOSED, erased_at=timezone.now())
    RoundTombstone.objects.create(
        round=round_, erased_at=timezone.now(),
        counts={"districts": {"none": {"addresses": 10, "reached": 3}, "7": {"addresses": 10}}},
    )  # fmt: skip
    reach = municipality_figure("home_visit_reach")
    assert reach.compute([municipality.pk], SINCE, UNTIL) == {municipality.pk: 15.0}
    assert reach.base([municipality.pk], SINCE, UNTIL) == {municipality.pk: 20}


def test_the_table_per_round_and_district(world):
    small, _other, _round = world
    data = figures.home_visits_table(small.municipality, SINCE, UNTIL, None)
    assert [row["round"] for row in data.rows] == ["Voorjaar"]
    row = data.rows[0]
    assert (row["addresses"], row["letters_sent"], row["reached"]) == (6, 5, 3)
    assert (row["visited"], row["declined"], row["not_home"]) == (2, 1, 1)
    assert row["response_rate"] == pytest.approx(40.0)
    noord = figures.home_visits_table(small.municipality, SINCE, UNTIL, [small.districts[0].pk])
    row = noord.rows[0]
    assert (row["addresses"], row["visited"], row["declined"], row["not_home"]) == (3, 1, 1, 1)
    assert "gekozen wijken" in noord.note
    assert "Fictief" not in str(data.rows)
