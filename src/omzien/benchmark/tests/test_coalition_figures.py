"""The coalition's figures (issue 12) equal the records, counted by hand, grouped for two
municipalities in one call; an ended member or participation no longer counts."""

from __future__ import annotations

import datetime as dt

import pytest

from omzien.benchmark.models import Sector
from omzien.benchmark.tests.factories_coalition import (
    coalition_member,
    kartrekker,
    participation,
    partnership,
)
from omzien.core.extensions import municipality_figure
from omzien.core.tests.factories import MunicipalityFactory

pytestmark = [pytest.mark.django_db, pytest.mark.issue(12)]

SINCE, UNTIL = dt.date(2026, 1, 1), dt.date(2027, 1, 1)


def _figure(key, ids=None):
    return municipality_figure(key).compute(ids, SINCE, UNTIL)


@pytest.fixture
def two():
    """A: 4 members in 3 sectors at the end of 2026 (plus one that left in 2026, one that
    joins in 2027), 12.5 hours, 2 running participations and 1 ended in 2026 (3 in the
    period). B: 1 member, 8 hours, 1 participation."""
    a, b = MunicipalityFactory(), MunicipalityFactory()
    coalition_member(a, sector=Sector.WELFARE)
    coalition_member(a, sector=Sector.WELFARE, joined_on=dt.date(2026, 6, 1))
    coalition_member(a, sector=Sector.CARE)
    coalition_member(a, sector=Sector.RETAIL, left_on=dt.date(2027, 1, 1))  # left after
    coalition_member(a, sector=Sector.HOUSING, left_on=dt.date(2026, 5, 1))  # ended
    coalition_member(a, sector=Sector.EDUCATION, joined_on=dt.date(2027, 1, 1))  # later
    coalition_member(b, sector=Sector.SPORT_CULTURE)
    kartrekker(a, "12.5")
    kartrekker(b, "8")
    post, shop, chemist = partnership(), partnership(), partnership()
    participation(a, post)
    participation(a, shop, since=dt.date(2026, 3, 1))
    participation(a, chemist, ended_on=dt.date(2026, 9, 1))  # in the period, not at its end
    participation(a, chemist, ended_on=dt.date(2025, 6, 1))  # before the period
    participation(a, post, since=dt.date(2027, 2, 1))  # after the period
    participation(b, post)
    return a, b


def test_figures_equal_the_records_grouped_for_two_municipalities(two):
    a, b = two
    ids = [a.pk, b.pk]
    assert _figure("coalition_partners", ids) == {a.pk: 4, b.pk: 1}
    assert _figure("coalition_sectors", ids) == {a.pk: 3, b.pk: 1}
    assert _figure("kartrekker_hours", ids) == {a.pk: 12.5, b.pk: 8.0}
    assert _figure("national_partners_active", ids) == {a.pk: 2, b.pk: 1}
    assert _figure("collaborations", ids) == {a.pk: 3, b.pk: 1}


def test_figures_for_every_municipality_and_for_one(two):
    a, b = two
    assert _figure("coalition_partners") == {a.pk: 4, b.pk: 1}
    assert _figure("collaborations", [b.pk]) == {b.pk: 1}


def test_an_ended_member_no_longer_counts(two, django_assert_max_num_queries):
    a, _b = two
    ended = coalition_member(a, sector=Sector.LIVED_EXPERIENCE, left_on=dt.date(2026, 12, 31))
    assert _figure("coalition_partners", [a.pk]) == {a.pk: 4}
    ended.left_on = None
    ended.save()
    with django_assert_max_num_queries(1):
        assert _figure("coalition_sectors", [a.pk]) == {a.pk: 4}


def test_the_figures_are_registered_with_their_national_rule():
    national = {key: municipality_figure(key).national for key in (
        "coalition_partners", "coalition_sectors", "kartrekker_hours",
        "national_partners_active", "collaborations")}  # fmt: skip
    assert national["national_partners_active"] == "distinct"
    assert national["collaborations"] == "sum"
    assert municipality_figure("kartrekker_hours").kind == "number"


def test_the_national_figure_counts_each_partnership_once(two):
    """Chapter 7 asks how many national coalition members are active locally: a partnership
    active in many municipalities counts once nationally (a sum would count it per
    municipality)."""
    a, b = two
    c = MunicipalityFactory()
    post = b.partnership_participations.get().partnership
    participation(c, post)
    figure = municipality_figure("national_partners_active")
    per_municipality = figure.compute(None, SINCE, UNTIL)
    assert sum(per_municipality.values()) == 4  # post 3 times, shop once
    assert figure.national_total(None, SINCE, UNTIL) == 2  # post and shop
    assert figure.national_total([b.pk, c.pk], SINCE, UNTIL) == 1  # post only
    assert figure.national_total([], SINCE, UNTIL) == 0
