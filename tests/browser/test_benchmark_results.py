"""Policy staff see their benchmark results with the radar chart and the same figures in a
table; the programme team opens the overview of every municipality (issue 12, item 2). Both
pages pass axe-core."""

from __future__ import annotations

import datetime as dt

import pytest
from axe import assert_accessible

from omzien.benchmark.tests.factories_results import (
    ProvinceFactory,
    make_questionnaire,
    municipality_in,
    submit,
    uniform,
)
from omzien.core.tests.factories import TEST_PASSWORD, member

pytestmark = pytest.mark.issue(12)


@pytest.fixture
def site(transactional_db, live_url):
    questionnaire = make_questionnaire(2025, results_on=dt.date(2020, 1, 1))
    province = ProvinceFactory(name="Provincie P")
    own = municipality_in(province, 30_000, name="Eigen Gemeente", slug="eigen-gemeente")
    submit(own, questionnaire, {1: 70, 2: 40, 3: 55, 4: 80, 5: 35})
    submit(own, make_questionnaire(2024, results_on=dt.date(2020, 1, 1)), uniform(30))
    for score in (20, 40, 60, 80):
        submit(municipality_in(province, 30_000), questionnaire, uniform(score))
    return live_url, own


def test_policy_staff_see_the_radar_chart_and_the_table(page, sign_in, site):
    live_url, own = site
    sign_in(page, live_url, member("policy", own, with_password=True).username, TEST_PASSWORD)
    page.goto(f"{live_url}/g/{own.slug}/benchmark/resultaten/?jaar=2025")
    radar = page.locator("#benchmark-radar")
    assert "tabel hieronder" in radar.get_attribute("aria-label")
    page.wait_for_function("() => window.Chart && Chart.getChart('benchmark-radar')")
    assert page.evaluate("() => Boolean(Chart.getChart('benchmark-trend'))")
    table = page.get_by_test_id("scores-table").inner_text()
    assert "70,0" in table and "Gemiddelde Provincie P" in table
    assert_accessible(page, "benchmarkuitslag gemeente")


def test_the_programme_opens_the_national_overview(page, sign_in, site):
    live_url, _own = site
    sign_in(page, live_url, member("programme", None, with_password=True).username, TEST_PASSWORD)
    page.goto(f"{live_url}/landelijk/benchmark/resultaten/?jaar=2025")
    assert "Eigen Gemeente" in page.get_by_test_id("national-results").inner_text()
    assert_accessible(page, "benchmarkuitslag landelijk")
