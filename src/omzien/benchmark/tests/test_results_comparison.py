"""The benchmark's comparison groups (issue 12, item 2): province, size class and country,
hand-checked means, medians and percentiles, and nothing published for a group of fewer than 5
municipalities."""

from __future__ import annotations

import pytest

from omzien.benchmark.results.comparison import percentile, size_class, year_scores
from omzien.benchmark.tests.factories_results import (
    ProvinceFactory,
    make_questionnaire,
    municipality_in,
    submit,
    uniform,
)

pytestmark = [pytest.mark.django_db, pytest.mark.issue(12)]


@pytest.fixture
def world():
    """Province P: scores 10, 20, 30 (own), 40, 50; province Q: 60 ... 100. Sizes: own and
    the scores 20 and 80 are 50,000-100,000, three more of 50,000-100,000 (60, 70, 90)."""
    questionnaire = make_questionnaire(2025)
    p, q = ProvinceFactory(name="Provincie P"), ProvinceFactory(name="Provincie Q")
    middle = {20, 30, 60, 70, 80, 90}
    made = {}
    for score, province in [(s, p) for s in (10, 20, 30, 40, 50)] + [
        (s, q) for s in (60, 70, 80, 90, 100)
    ]:
        inhabitants = 65_000 if score in middle else 15_000
        municipality = municipality_in(province, inhabitants, name=f"Gemeente {score}")
        submit(municipality, questionnaire, uniform(score))
        made[score] = municipality
    return made


def test_size_classes_follow_the_documented_bounds():
    assert size_class(19_999) == "tot-20000"
    assert size_class(20_000) == "20000-50000"
    assert size_class(50_000) == "50000-100000"
    assert size_class(100_000) == "vanaf-100000"
    assert size_class(None) == "onbekend"
    assert size_class("veel") == "onbekend"


def test_percentile_counts_the_others_below_and_ties_half():
    assert percentile(30, [10, 20, 40, 50]) == 50
    assert percentile(50, [10, 20, 30, 40]) == 100
    assert percentile(10, [20, 30, 40, 50]) == 0
    assert percentile(30, [30, 30, 10, 50]) == 50


def test_the_groups_of_a_municipality_are_hand_checked(world):
    own = world[30]
    province, size, country = year_scores(2025).groups_of(own)
    assert (province.kind, province.label, province.count) == ("province", "Provincie P", 5)
    assert province.pillars[1].mean == 30.0
    assert province.pillars[1].median == 30.0
    assert province.pillars[3].percentile == 50  # 10, 20 below of 4 others
    assert (size.kind, size.count) == ("size", 6)
    assert size.pillars[2].mean == round((20 + 30 + 60 + 70 + 80 + 90) / 6, 1)
    assert size.pillars[2].median == 65.0
    assert size.pillars[2].percentile == 20  # 20 below of 5 others
    assert (country.count, country.pillars[5].mean) == (10, 55.0)
    assert country.pillars[1].percentile == 22  # 2 of 9 others lower: 22.2


def test_a_group_of_four_publishes_nothing_and_of_five_it_does():
    questionnaire = make_questionnaire(2025)
    province = ProvinceFactory()
    members = [municipality_in(province, 30_000) for _ in range(5)]
    for index, municipality in enumerate(members[:4]):
        submit(municipality, questionnaire, uniform(10 * (index + 1)))
    group = year_scores(2025).groups_of(members[0])[0]
    assert group.count == 4 and group.suppressed
    assert all(f.mean is None and f.median is None for f in group.pillars.values())
    assert group.pillars[1].percentile is None

    submit(members[4], questionnaire, uniform(50))
    group = year_scores(2025).groups_of(members[0])[0]
    assert group.count == 5 and not group.suppressed
    assert group.pillars[1].mean == 30.0


def test_drafts_and_other_years_do_not_count():
    this_year, last_year = make_questionnaire(2025), make_questionnaire(2024)
    municipality = municipality_in(ProvinceFactory())
    submit(municipality, this_year, uniform(40), submitted=False)
    submit(municipality, last_year, uniform(70))
    assert year_scores(2025).entries == []
    assert [e.scores[1] for e in year_scores(2024).entries] == [70.0]


def test_scores_not_stored_are_computed_from_the_answers():
    questionnaire = make_questionnaire(2025)
    municipality = municipality_in(ProvinceFactory())
    answers = {"p1_janee": True, "p1_getal": 1, "p1_keuze": "deels", "p1_meer": ["helemaal"]}
    submit(municipality, questionnaire, answers=answers)
    entry = year_scores(2025).entries[0]
    # pillar 1: (1 + 0.5 + 0.5 + 1/1.5) / 4 = 0.6667 -> 66.7; pillar 2: no answer -> 0.
    assert entry.scores[1] == 66.7
    assert entry.scores[2] == 0.0


def test_a_year_is_read_in_one_query(world, django_assert_num_queries):
    with django_assert_num_queries(1):
        scores = year_scores(2025)
    assert len(scores.entries) == 10
    assert {e.size for e in scores.entries} == {"tot-20000", "50000-100000"}


def test_the_figures_per_province_and_size_class(world):
    scores = year_scores(2025)
    provinces = {g.label: g for g in scores.groups_by("province")}
    assert provinces["Provincie Q"].pillars[1].mean == 80.0
    sizes = {g.kind + g.label: g for g in scores.groups_by("size")}
    assert [g.count for g in sizes.values()] == [4, 6]
    assert next(iter(sizes.values())).suppressed  # 4 small ones: nothing published
