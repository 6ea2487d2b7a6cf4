"""The programme's benchmark overview, its exports and the tips editor (issue 12, item 2)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse

from omzien.benchmark.models import Question
from omzien.benchmark.results.tips import MAX_TIP
from omzien.benchmark.tests.factories_results import (
    ProvinceFactory,
    make_questionnaire,
    municipality_in,
    submit,
    uniform,
)
from omzien.core.models import AuditEvent

pytestmark = [pytest.mark.django_db, pytest.mark.issue(12)]


@pytest.fixture
def year():
    """Province P with 5 submitted (10 ... 50), province Q with 2 (60, 70), one draft."""
    questionnaire = make_questionnaire(2025, results_on=dt.date(2099, 1, 1))
    p, q = ProvinceFactory(name="Provincie P"), ProvinceFactory(name="Provincie Q")
    for score in (10, 20, 30, 40, 50):
        submit(municipality_in(p, 30_000, name=f"Gemeente P{score}"), questionnaire, uniform(score))
    for score in (60, 70):
        submit(
            municipality_in(q, 150_000, name=f"Gemeente Q{score}"), questionnaire, uniform(score)
        )
    submit(municipality_in(q, name="Gemeente Concept"), questionnaire, uniform(99), submitted=False)
    return questionnaire


def test_the_programme_sees_every_submitted_municipality(client_as, year):
    response = client_as("programme").get(reverse("benchmark:national_results") + "?jaar=2025")
    page = response.content.decode()
    assert response.status_code == 200
    for name in ("Gemeente P10", "Gemeente P50", "Gemeente Q60", "Gemeente Q70"):
        assert name in page
    assert "Gemeente Concept" not in page
    assert len(response.context["rows"]) == 7
    provinces = {row["label"]: row for row in response.context["aggregates"]["province"]}
    assert provinces["Provincie P"]["cells"][0] == "30,0"
    assert provinces["Provincie Q"]["cells"] == ["te weinig gemeenten"] * 5
    assert provinces["Provincie Q"]["count"] == "<5"
    assert response.context["aggregates"]["country"][0]["cells"][0] == "40,0"


def test_the_overview_sorts_by_a_pillar(client_as, year):
    url = reverse("benchmark:national_results") + "?jaar=2025&sorteer=3&volgorde=af"
    rows = client_as("programme").get(url).context["rows"]
    assert [row[0] for row in rows][:3] == ["Gemeente Q70", "Gemeente Q60", "Gemeente P50"]


@pytest.mark.parametrize("role", ["policy", "coordinator", "admin"])
def test_the_overview_is_only_for_the_programme(client_as, year, role):
    municipality = municipality_in(None)
    client = client_as(role, municipality)
    for name in ("national_results", "national_results_csv", "national_tips"):
        assert client.get(reverse(f"benchmark:{name}")).status_code == 403


def test_the_csv_holds_every_municipality_with_its_scores(client_as, year):
    url = reverse("benchmark:national_results_csv") + "?jaar=2025"
    response = client_as("programme").get(url)
    lines = response.content.decode("utf-8-sig").strip().splitlines()
    assert response["Content-Disposition"] == 'attachment; filename="benchmark-2025.csv"'
    assert lines[0].startswith("Gemeente;CBS-code;Provincie;Inwoners;Grootteklasse;1. ")
    assert len(lines) == 8
    row = next(line for line in lines if line.startswith("Gemeente Q60;")).split(";")
    assert row[2:5] == ["Provincie Q", "150000", "100.000 inwoners of meer"]
    assert row[5:] == ["60,0"] * 6


def test_the_xlsx_holds_numbers(client_as, year):
    from openpyxl import load_workbook

    url = reverse("benchmark:national_results_xlsx") + "?jaar=2025"
    content = client_as("programme").get(url).content
    sheet = load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 8
    assert ("Gemeente P10" in [r[0] for r in rows]) and rows[1][5] == 10.0


def tips_url(year=2025):
    return reverse("benchmark:national_tips") + f"?jaar={year}"


def test_the_programme_edits_a_tip_with_an_audit_event(client_as, year):
    question = year.questions.get(code="p2_janee")
    client = client_as("programme")
    response = client.post(tips_url(), {f"tip-{question.pk}": "Zoek een wethouder die trekt."})
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.tip == "Zoek een wethouder die trekt."
    assert Question.objects.get(questionnaire=year, code="p1_janee").tip == "Tip 1: begin klein."
    event = AuditEvent.objects.get(action="benchmark_tips_changed")
    assert event.actor == client.user
    assert "1 tip gewijzigd." in client.get(response["Location"]).content.decode()


def test_a_tip_too_long_changes_nothing_and_says_why(client_as, year):
    first, second = year.questions.order_by("pk")[:2]
    data = {f"tip-{first.pk}": "Nieuw.", f"tip-{second.pk}": "x" * (MAX_TIP + 1)}
    response = client_as("programme").post(tips_url(), data)
    assert response.status_code == 400
    assert "Maak hem korter: hoogstens 1000 tekens." in response.content.decode()
    assert "x" * (MAX_TIP + 1) in response.content.decode()  # what was typed stays
    first.refresh_from_db()
    assert first.tip != "Nieuw."
    assert not AuditEvent.objects.filter(action="benchmark_tips_changed").exists()


def test_the_tips_editor_refuses_a_policy_user(client_as, year):
    question = year.questions.first()
    client = client_as("policy", municipality_in(None))
    response = client.post(tips_url(), {f"tip-{question.pk}": "Anders."})
    assert response.status_code == 403
    question.refresh_from_db()
    assert question.tip != "Anders."


def test_the_overview_reads_in_a_fixed_number_of_queries(
    client_as, year, django_assert_max_num_queries
):
    client = client_as("programme")
    client.get(reverse("benchmark:national_results"))  # session and memberships warm
    questionnaire = year
    province = ProvinceFactory()
    for score in range(20):
        submit(municipality_in(province), questionnaire, uniform(score))
    # session, user, device, memberships, the session saved; years, scores, count: no more
    # for more municipalities.
    with django_assert_max_num_queries(10):
        response = client.get(reverse("benchmark:national_results") + "?jaar=2025")
    assert len(response.context["rows"]) == 27
