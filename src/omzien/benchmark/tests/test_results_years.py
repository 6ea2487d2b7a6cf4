"""The benchmark years of the demo and of the results page (issue 12): both demos count the
same three years back from today, and the results page opens on the latest year whose results
are published and the municipality submitted (else the latest year it submitted)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from omzien.benchmark.models import BenchmarkResponse, Questionnaire
from omzien.benchmark.questionnaire.demo import demo_years, load_questionnaire_demo
from omzien.benchmark.results.demo import load_results_demo
from omzien.benchmark.tests.factories_results import (
    ProvinceFactory,
    make_questionnaire,
    municipality_in,
    submit,
    uniform,
)

pytestmark = [pytest.mark.django_db, pytest.mark.issue(12)]


def _at(day: dt.date):
    return time_machine.travel(dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.UTC))


def test_both_demos_use_the_three_years_up_to_today():
    home = ProvinceFactory(name="Thuis")
    demo = municipality_in(home, 40_000, name="Demogemeente")
    for index in range(6):
        municipality_in(home, 30_000 + 1_000 * index)
    with _at(dt.date(2031, 3, 10)):
        assert demo_years() == (2029, 2030, 2031)
        load_questionnaire_demo(demo, {})
        load_results_demo(demo, {})
    assert sorted(Questionnaire.objects.values_list("year", flat=True)) == [2029, 2030, 2031]
    own = BenchmarkResponse.objects.filter(municipality=demo)
    assert sorted(r.questionnaire.year for r in own) == [2029, 2030, 2031]


def _page(client_as, own):
    url = reverse("benchmark:results", kwargs={"municipality_slug": own.slug})
    return client_as("policy", own).get(url)


def test_the_page_opens_on_the_latest_published_year_submitted(client_as):
    own = municipality_in(ProvinceFactory(), 30_000)
    for year in (2024, 2025, 2026):  # results on 1 December of each year
        submit(own, make_questionnaire(year, results_on=dt.date(year, 12, 1)), uniform(50))
    make_questionnaire(2027, results_on=dt.date(2027, 12, 1))  # not submitted
    with _at(dt.date(2026, 11, 15)):  # 2026 submitted, its results not out yet
        assert _page(client_as, own).context["year"] == 2025
    with _at(dt.date(2026, 12, 2)):
        assert _page(client_as, own).context["year"] == 2026


def test_without_published_results_the_page_opens_on_the_latest_year_submitted(client_as):
    own = municipality_in(ProvinceFactory(), 30_000)
    for year in (2025, 2026):
        submit(own, make_questionnaire(year, results_on=dt.date(year, 12, 1)), uniform(50))
    with _at(dt.date(2025, 11, 1)):
        assert _page(client_as, own).context["year"] == 2026
