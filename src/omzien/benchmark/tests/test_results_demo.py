"""The benchmark results' demo (issue 12): three years for the demo municipality, improving,
about 40 others so that its groups have 5 or more, and nothing made the second time. Runs on
questionnaires of our own (any question set works)."""

from __future__ import annotations

import pytest

from omzien.benchmark.models import BenchmarkResponse
from omzien.benchmark.questionnaire.demo import demo_years
from omzien.benchmark.results.comparison import year_scores
from omzien.benchmark.results.demo import OTHERS, load_results_demo
from omzien.benchmark.tests.factories_results import (
    ProvinceFactory,
    make_questionnaire,
    municipality_in,
)

pytestmark = [pytest.mark.django_db, pytest.mark.issue(12)]


@pytest.fixture
def demo_world():
    home, elsewhere = ProvinceFactory(name="Thuisprovincie"), ProvinceFactory(name="Elders")
    for year in demo_years():
        make_questionnaire(year)
    demo = municipality_in(home, 65_000, name="Demogemeente")
    for index in range(8):
        municipality_in(home, 20_000 + 10_000 * index)
    for index in range(40):
        municipality_in(elsewhere, 5_000 + 4_000 * index)
    return demo


def test_the_demo_makes_three_comparable_years_once(demo_world):
    made = load_results_demo(demo_world, {})
    assert made > 0
    responses = BenchmarkResponse.objects.filter(municipality=demo_world)
    assert sorted(r.questionnaire.year for r in responses) == list(demo_years())
    assert all(r.submitted_at and len(r.scores) == 5 for r in responses)
    assert BenchmarkResponse.objects.count() == 3 * (OTHERS + 1)

    means = [year_scores(y).entry(demo_world.pk).mean for y in demo_years()]
    assert means[0] < means[1] < means[2]
    for group in year_scores(demo_years()[-1]).groups_of(demo_world):
        assert not group.suppressed, group.label

    assert load_results_demo(demo_world, {}) == 0
    assert BenchmarkResponse.objects.count() == 3 * (OTHERS + 1)


def test_the_demo_is_deterministic(demo_world):
    load_results_demo(demo_world, {})
    first = {
        (r.municipality_id, r.questionnaire_id): r.scores for r in BenchmarkResponse.objects.all()
    }
    BenchmarkResponse.objects.all().delete()
    load_results_demo(demo_world, {})
    again = {
        (r.municipality_id, r.questionnaire_id): r.scores for r in BenchmarkResponse.objects.all()
    }
    assert first == again
