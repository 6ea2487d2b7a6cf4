"""The home visits' figures per municipality and monitoring table (issue 12): each equals a
count made here over rounds of two municipalities, in and out of the period, erased rounds
included, and the table honours the district filter."""

from __future__ import annotations

import datetime as dt
import html
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from omzien.core.extensions import municipality_figure
from omzien.core.roles import Role
from omzien.core.tests.factories import MunicipalityFactory, login_verified, member
from omzien.visits import monitoring_figures as figures
from omzien.visits.models import RoundTombstone, VisitRound
from omzien.visits.privacy.retention import erase_round
from omzien.visits.progress import tables
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


def test_home_visit_reach_is_visits_of_letters_sent(world):
    small, other, _round = world
    m = small.municipality.pk
    reach = municipality_figure("home_visit_reach")
    # Proefdorp: five letters; visited twice (once after the period, still this round). A
    # "wil geen bezoek" is not a visit, an address without a letter not in the base.
    assert reach.compute(None, SINCE, UNTIL) == {m: pytest.approx(40.0), other.pk: 100.0}
    assert reach.base(None, SINCE, UNTIL) == {m: 5, other.pk: 1}
    assert reach.compute([m], SINCE, UNTIL) == {m: pytest.approx(40.0)}
    assert reach.compute(None, D(2026, 6, 1), UNTIL) == {}  # no round active in June


def rate_letters_on_the_progress_page(client, round_) -> str:
    """The total row's "Bezocht van brieven" as the coordinator sees it on the page."""
    url = reverse(
        "visits:round_progress",
        kwargs={"municipality_slug": round_.municipality.slug, "pk": round_.pk},
    )
    page = client.get(url)
    assert page.status_code == 200
    table = page.content.decode().split('data-testid="progress-table"', 1)[1]
    total = re.search(r'<tr class="omzien-table__total"[^>]*>(.*?)</tr>', table, re.S)[1]
    cells = [html.unescape(re.sub(r"<[^>]+>", "", c)).strip()
             for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", total, re.S)]  # fmt: skip
    assert cells[0] == "Totaal"
    return dict(zip([key for key, _label in tables.COLUMNS], cells[1:], strict=True))[
        "rate_letters"
    ]


def shown_as_percent(value: float) -> str:
    return f"{value:.1f}%".replace(".", ",")


def test_home_visit_reach_equals_visited_of_letters_on_the_progress_page(client, world):
    small, _other, round_ = world
    login_verified(client, member(Role.COORDINATOR, small.municipality))
    value = municipality_figure("home_visit_reach").compute([round_.municipality_id], SINCE, UNTIL)
    shown = rate_letters_on_the_progress_page(client, round_)
    assert shown == shown_as_percent(value[round_.municipality_id]) == "40,0%"
    # The monitoring table's row of the round reads as the progress page's total row.
    total = tables.progress(round_, exact=True).total
    row = figures.home_visits_table(small.municipality, SINCE, UNTIL, None).rows[0]
    for key in figures.TABLE_KEYS:
        assert row[key] == total.count(key), key
    assert shown_as_percent(row["response_rate"]) == total.cell("rate_letters", True) == shown


def test_an_erased_round_counts_as_before_and_as_its_progress_page(client, small_municipality):
    municipality = small_municipality.municipality
    login_verified(client, member(Role.COORDINATOR, municipality))
    with time_machine.travel(when(D(2026, 3, 1)), tick=False):
        round_ = spring(municipality, retention_days=30)
        homes = [address(round_, letter_sent_at=timezone.now()) for _ in range(8)]
        address(round_)  # no letter
        for home in homes[:3]:
            attempt(home, "visited", at=when(D(2026, 3, 10)))
        attempt(homes[3], "declined", at=when(D(2026, 3, 10)))
        round_.status, round_.closed_at = VisitRound.Status.CLOSED, timezone.now()
        round_.save()
    reach = municipality_figure("home_visit_reach")
    before = reach.compute([municipality.pk], SINCE, UNTIL)
    assert before == {municipality.pk: pytest.approx(37.5)}  # 3 of 8
    assert erase_round(round_.pk, now=when(D(2026, 6, 1))) is not None
    assert RoundTombstone.objects.filter(round=round_).exists()
    assert reach.compute([municipality.pk], SINCE, UNTIL) == before
    assert reach.base([municipality.pk], SINCE, UNTIL) == {municipality.pk: 8}
    round_.refresh_from_db()
    assert rate_letters_on_the_progress_page(client, round_) == "37,5%"


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
