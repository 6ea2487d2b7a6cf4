"""The municipality's benchmark results page (issue 12, item 2): own scores, the comparison from
the year's results date, tips for weak items only, the trend, and nothing of another
municipality."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from omzien.benchmark.results import factsheet
from omzien.benchmark.tests.factories_results import (
    ProvinceFactory,
    make_questionnaire,
    municipality_in,
    submit,
    uniform,
)
from omzien.core.tests.factories import member

pytestmark = [pytest.mark.django_db, pytest.mark.issue(12)]

PAST = dt.date(2020, 1, 1)
FUTURE = dt.date(2099, 1, 1)


def url(municipality, year=None):
    base = reverse("benchmark:results", kwargs={"municipality_slug": municipality.slug})
    return f"{base}?jaar={year}" if year else base


@pytest.fixture
def province():
    return ProvinceFactory(name="Provincie P")


def five_in(province, questionnaire, *, own_answers=None):
    """The own municipality (scores from ``own_answers`` or 45 everywhere) and four others."""
    own = municipality_in(province, 30_000, name="Eigen Gemeente")
    if own_answers is not None:
        submit(own, questionnaire, answers=own_answers)
    else:
        submit(own, questionnaire, uniform(45))
    others = []
    for index, score in enumerate((20, 40, 60, 80)):
        other = municipality_in(province, 30_000, name=f"Andere Gemeente {index}")
        submit(other, questionnaire, uniform(score + 0.3))
        others.append(other)
    return own, others


def test_before_the_results_date_the_municipality_sees_only_its_own_scores(client_as, province):
    questionnaire = make_questionnaire(2025, results_on=FUTURE)
    own, _others = five_in(province, questionnaire)
    page = client_as("policy", own).get(url(own, 2025)).content.decode()
    assert "45,0" in page
    assert "1 januari 2099" in page
    assert "Gemiddelde Provincie P" not in page
    assert "49,2" not in page  # the province's mean (45 + 20.3 + 40.3 + 60.3 + 80.3) / 5


def test_from_the_results_date_the_comparison_shows(client_as, province):
    questionnaire = make_questionnaire(2025, results_on=PAST)
    own, _others = five_in(province, questionnaire)
    response = client_as("policy", own).get(url(own, 2025))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Gemiddelde Provincie P" in page and "49,2" in page
    assert "Uw percentiel in Nederland" in page
    assert 'aria-describedby="scores-tabel"' in page  # the chart points to the table
    assert response.context["chart"]["series"][0]["values"] == [45.0] * 5


def test_a_group_of_four_shows_te_weinig_gemeenten_and_no_figure(client_as, province):
    questionnaire = make_questionnaire(2025, results_on=PAST)
    own, others = five_in(province, questionnaire)
    others[0].benchmark_responses.all().delete()
    page = client_as("policy", own).get(url(own, 2025)).content.decode()
    assert "te weinig gemeenten" in page
    assert "Provincie P: te weinig gemeenten" in page
    assert "56,5" not in page  # the mean of the four left: (45 + 40.3 + 60.3 + 80.3) / 4


def test_tips_show_for_weak_items_only(client_as, province):
    questionnaire = make_questionnaire(2025, results_on=PAST)
    answers = {
        "p1_janee": True,  # strong: no tip
        "p1_getal": 0.5,  # 0.25: weak
        "p1_keuze": "deels",  # 0.5: not below half, no tip
        "p1_meer": ["helemaal"],  # 0.67: no tip
        "p2_janee": False,  # weak
        "p3_janee": True,
        "p4_janee": True,
        "p5_janee": True,
    }
    own, _others = five_in(province, questionnaire, own_answers=answers)
    response = client_as("policy", own).get(url(own, 2025))
    codes = [tip.code for tip in response.context["tips"]]
    assert codes == ["p1_getal", "p2_janee"]
    page = response.content.decode()
    assert "Tip getal: maak structureel budget vrij." in page
    assert "Tip keuze" not in page and "Tip 1:" not in page


def test_the_trend_lists_every_submitted_year(client_as, province):
    own = municipality_in(province)
    submit(own, make_questionnaire(2024, results_on=PAST), uniform(30))
    submit(own, make_questionnaire(2025, results_on=PAST), uniform(55))
    response = client_as("policy", own).get(url(own))
    assert response.context["year"] == 2025
    assert [row["year"] for row in response.context["trend"]] == [2024, 2025]
    assert response.context["trend"][0]["scores"] == ["30,0"] * 5
    assert response.context["trend_chart"]["labels"] == ["2024", "2025"]
    assert 'aria-describedby="trend-tabel"' in response.content.decode()


def test_an_unknown_year_says_so_in_dutch(client_as, province):
    questionnaire = make_questionnaire(2025, results_on=PAST)
    own, _others = five_in(province, questionnaire)
    response = client_as("policy", own).get(url(own, "1999"))
    assert response.status_code == 200
    assert "Er is geen benchmark van het jaar &#x27;1999&#x27;" in response.content.decode()
    assert response.context["year"] == 2025


def test_a_policy_user_sees_nothing_of_another_municipality(client_as, province):
    questionnaire = make_questionnaire(2025, results_on=PAST)
    own, others = five_in(province, questionnaire)
    client = client_as("policy", own)
    assert client.get(url(others[0], 2025)).status_code == 404
    page = client.get(url(own, 2025)).content.decode()
    assert "Andere Gemeente" not in page
    assert "80,3" not in page and "20,3" not in page


def test_a_caseworker_has_no_results_page(client_as, province):
    own = municipality_in(province)
    make_questionnaire(2025)
    assert client_as("caseworker", own).get(url(own)).status_code == 403


def test_the_factsheet_section_compares_with_province_and_country(province):
    questionnaire = make_questionnaire(2025, results_on=PAST)
    own, _others = five_in(province, questionnaire, own_answers={"p2_janee": False})
    part = factsheet.build(member("policy", own), own)
    assert part.header == ("Pijler", "Uw gemeente", "Provincie P", "Nederland")
    assert part.rows[0][1] == "0,0"
    assert any("Tip 2: begin klein." in p for p in part.paragraphs)
    tips = [p for p in part.paragraphs if p.startswith(("Bestuurlijk", "Een ", "Betrek", "Monit"))]
    assert len(tips) <= 5
    assert factsheet.build(member("caseworker", own), own) is None


def test_the_factsheet_shows_te_weinig_gemeenten_for_a_small_group(province):
    questionnaire = make_questionnaire(2025, results_on=PAST)
    own = municipality_in(province)
    submit(own, questionnaire, uniform(60))
    part = factsheet.build(member("policy", own), own)
    assert part.rows[0][2:] == ("te weinig gemeenten", "te weinig gemeenten")
