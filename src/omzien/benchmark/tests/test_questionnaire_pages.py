"""Who may fill in the benchmark (issue 12): policy staff and the kartrekker fill it in, a
caseworker may not open it, the programme reads it but cannot write; answers that do not fit
are refused in Dutch and nothing changes. And the programme's page of the years."""

from __future__ import annotations

import datetime

import pytest

from omzien.benchmark.models import Answer, Question, Questionnaire
from omzien.benchmark.questionnaire.definition import ensure_questionnaire
from omzien.benchmark.questionnaire.demo import load_questionnaire_demo
from omzien.benchmark.tests.factories_questionnaire import IN_WINDOW, on_day
from omzien.core.roles import Role
from omzien.core.tests.factories import login_verified, member

pytestmark = [pytest.mark.issue(12), pytest.mark.django_db]


@pytest.fixture
def town(small_municipality):
    return small_municipality.municipality


def _save(client, town, code, value, **extra):
    return client.post(
        f"/g/{town.slug}/benchmark/antwoord/",
        {"jaar": "2026", "question": code, code: value, **extra},
        HTTP_HX_REQUEST="true",
    )


@pytest.mark.parametrize("role", [Role.POLICY, Role.COORDINATOR])
def test_policy_staff_and_the_kartrekker_fill_in(client, town, role):
    ensure_questionnaire(2026)
    with on_day(IN_WINDOW):
        login_verified(client, member(role, town))
        page = client.get(f"/g/{town.slug}/benchmark/")
        saved = _save(client, town, "commitment.budget_per_resident", "1,75")
    assert page.status_code == 200 and "hx-post" in page.content.decode()
    assert "0 van 28 beantwoord" in page.content.decode()
    assert saved.status_code == 200
    assert Answer.objects.get().value == 1.75


def test_a_caseworker_may_not_open_the_benchmark(client, town):
    ensure_questionnaire(2026)
    with on_day(IN_WINDOW):
        login_verified(client, member(Role.CASEWORKER, town))
        assert client.get(f"/g/{town.slug}/benchmark/").status_code == 403
        assert _save(client, town, "commitment.alderman", "ja").status_code == 403
    assert not Answer.objects.exists()


def test_the_programme_reads_but_does_not_write(client, town):
    ensure_questionnaire(2026)
    with on_day(IN_WINDOW):
        login_verified(client, member(Role.PROGRAMME))
        page = client.get(f"/g/{town.slug}/benchmark/")
        assert _save(client, town, "commitment.alderman", "ja").status_code == 403
        submit = client.post(f"/g/{town.slug}/benchmark/indienen/", {"jaar": "2026"})
    assert page.status_code == 200
    assert "hx-post" not in page.content.decode()
    assert submit.status_code == 403
    assert not Answer.objects.exists()


@pytest.mark.parametrize(
    "code,value,message",
    [
        ("commitment.budget_per_resident", "veel", "Vul een getal in"),
        ("commitment.budget_per_resident", "-3", "Vul 0 of een hoger getal in."),
        ("people.home_visit_reach", "140", "Vul een getal van 0 tot en met 100 in."),
        ("commitment.alderman", "misschien", "Kies ja of nee."),
        ("commitment.policy", "half", "Kies een van de keuzes"),
        ("commitment.policy_domains", "space_travel", "Kies uit de keuzes"),
    ],
)
def test_values_that_do_not_fit_are_refused_in_dutch(client, town, code, value, message):
    ensure_questionnaire(2026)
    with on_day(IN_WINDOW):
        login_verified(client, member(Role.POLICY, town))
        _save(client, town, code, "")  # nothing given: refused as well
        refused = _save(client, town, code, value)
    assert refused.status_code == 422
    text = refused.content.decode()
    assert message in text
    if code.startswith(("commitment.budget", "people.home_visit_reach")):
        assert f'value="{value}"' in text  # what was typed stays on screen
    assert not Answer.objects.exists()


def test_submitting_asks_to_confirm_unanswered_questions(client, town):
    ensure_questionnaire(2026)
    with on_day(IN_WINDOW):
        login_verified(client, member(Role.POLICY, town))
        _save(client, town, "commitment.alderman", "ja")
        asked = client.post(f"/g/{town.slug}/benchmark/indienen/", {"jaar": "2026"})
        assert "27 vragen zijn nog niet beantwoord" in asked.content.decode()
        done = client.post(
            f"/g/{town.slug}/benchmark/indienen/", {"jaar": "2026", "bevestigd": "ja"}
        )
        page = client.get(f"/g/{town.slug}/benchmark/")
    assert done.status_code == 302
    assert "is ingediend" in page.content.decode()
    assert "Ingediend op" in page.content.decode()


def test_the_programme_makes_next_year_and_sets_its_dates(client):
    first = ensure_questionnaire(2025)
    Question.objects.filter(questionnaire=first, code="commitment.alderman").update(
        text="Is er een wethouder eenzaamheid?"
    )
    programme = member(Role.PROGRAMME)
    login_verified(client, programme)
    assert client.post("/landelijk/benchmark/nieuw/", {"jaar": "2026"}).status_code == 302
    made = Questionnaire.objects.get(year=2026)
    assert made.questions.count() == first.questions.count() == 28
    assert made.questions.get(code="commitment.alderman").text == "Is er een wethouder eenzaamheid?"
    assert made.opens_on == datetime.date(2026, 9, 1)
    page = client.get("/landelijk/benchmark/").content.decode()
    assert "2026" in page and "1 september 2026" in page
    refused = client.post(
        "/landelijk/benchmark/data/?jaar=2026",
        {"opens_on": "2026-09-10", "closes_on": "2026-09-01", "results_on": "2026-12-01"},
    )
    assert refused.status_code == 422
    assert "De sluitdatum moet na de openingsdatum liggen." in refused.content.decode()
    made.refresh_from_db()
    assert made.closes_on == datetime.date(2026, 10, 7)
    moved = client.post(
        "/landelijk/benchmark/data/?jaar=2026",
        {"opens_on": "2026-09-10", "closes_on": "2026-10-20", "results_on": "2026-12-01"},
    )
    assert moved.status_code == 302
    made.refresh_from_db()
    assert made.closes_on == datetime.date(2026, 10, 20)


def test_policy_staff_cannot_reach_the_programme_pages(client, town):
    ensure_questionnaire(2026)
    login_verified(client, member(Role.POLICY, town))
    assert client.get("/landelijk/benchmark/").status_code == 403
    assert client.post("/landelijk/benchmark/nieuw/", {"jaar": "2027"}).status_code == 403
    assert not Questionnaire.objects.filter(year=2027).exists()


def test_the_demo_makes_the_last_three_years_once(town):
    with on_day(datetime.date(2026, 12, 2)):
        assert load_questionnaire_demo(town, {}) == 3
        assert load_questionnaire_demo(town, {}) == 0
    assert list(Questionnaire.objects.values_list("year", flat=True)) == [2026, 2025, 2024]


def test_without_javascript_a_pillar_is_saved_with_its_button(client, town):
    ensure_questionnaire(2026)
    url = f"/g/{town.slug}/benchmark/antwoord/"
    with on_day(IN_WINDOW):
        login_verified(client, member(Role.POLICY, town))
        refused = client.post(
            url,
            {
                "jaar": "2026",
                "pillar": "1",
                "commitment.alderman": "ja",
                "commitment.budget_per_resident": "twee",
                "commitment.policy_domains": ["welfare", "care"],
            },
        )
        text = refused.content.decode()
        assert refused.status_code == 422
        assert "Eén antwoord is niet opgeslagen." in text
        assert 'value="twee"' in text and "Vul een getal in" in text
        saved = dict(Answer.objects.values_list("question__code", "value"))
        assert saved == {
            "commitment.alderman": True,
            "commitment.policy_domains": ["welfare", "care"],
        }
        fixed = client.post(
            url, {"jaar": "2026", "pillar": "1", "commitment.budget_per_resident": "2"}
        )
    assert fixed.status_code == 302 and fixed["Location"].endswith("#pijler-1")
    assert Answer.objects.get(question__code="commitment.budget_per_resident").value == 2
