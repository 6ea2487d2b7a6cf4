"""The questionnaire's window (issue 12): answers can be saved only from the opening day up to
and including the closing day; outside it the page is read-only and says when it opens or
closed. Several people fill it in without losing each other's answers."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from omzien.benchmark.models import Answer, BenchmarkResponse
from omzien.benchmark.questionnaire import services
from omzien.benchmark.questionnaire.definition import ensure_questionnaire
from omzien.benchmark.tests.factories_questionnaire import IN_WINDOW, on_day
from omzien.core.roles import Role
from omzien.core.tests.factories import login_verified, member

pytestmark = [pytest.mark.issue(12), pytest.mark.django_db]


@pytest.fixture
def town(small_municipality):
    return small_municipality.municipality


def _page(client, user, town, day):
    with on_day(day):
        login_verified(client, user)
        return client.get(f"/g/{town.slug}/benchmark/")


def test_before_opening_the_page_is_read_only_and_says_when_it_opens(client, town):
    ensure_questionnaire(2026)
    page = _page(client, member(Role.POLICY, town), town, datetime.date(2026, 8, 31))
    text = page.content.decode()
    assert page.status_code == 200
    assert "gaat open op 1 september 2026" in text
    assert "hx-post" not in text and 'name="commitment.alderman"' not in text
    assert not BenchmarkResponse.objects.exists()


def test_on_the_last_day_answers_are_saved(client, town):
    questionnaire = ensure_questionnaire(2026)
    policy = member(Role.POLICY, town)
    last_day = datetime.date(2026, 10, 7)
    page = _page(client, policy, town, last_day)
    assert "tot en met 7 oktober 2026" in page.content.decode()
    with on_day(last_day):
        saved = client.post(
            f"/g/{town.slug}/benchmark/antwoord/",
            {"jaar": "2026", "question": "commitment.alderman", "commitment.alderman": "ja"},
            HTTP_HX_REQUEST="true",
        )
    assert saved.status_code == 200
    assert "Opgeslagen" in saved.content.decode()
    answer = Answer.objects.get(question__questionnaire=questionnaire)
    assert answer.value is True and answer.changed_by == policy


def test_after_closing_nothing_is_saved_and_the_page_says_so(client, town):
    questionnaire = ensure_questionnaire(2026)
    policy = member(Role.POLICY, town)
    with on_day(IN_WINDOW):
        response = services.open_response(
            actor=policy, municipality=town, questionnaire=questionnaire
        )
    closed = datetime.date(2026, 10, 8)
    page = _page(client, policy, town, closed)
    assert "is gesloten" in page.content.decode()
    assert "tot en met 7 oktober 2026" in page.content.decode()
    question = questionnaire.questions.get(code="commitment.alderman")
    with on_day(closed):
        with pytest.raises(ValidationError):
            services.save_answer(actor=policy, response=response, question=question, raw="ja")
        with pytest.raises(ValidationError):
            services.submit_response(actor=policy, response=response)
        refused = client.post(
            f"/g/{town.slug}/benchmark/antwoord/",
            {"jaar": "2026", "question": "commitment.alderman", "commitment.alderman": "ja"},
            HTTP_HX_REQUEST="true",
        )
    assert refused.status_code == 422
    assert "is gesloten" in refused.content.decode()
    assert not Answer.objects.exists()


def test_the_programme_moves_the_window(town):
    questionnaire = ensure_questionnaire(2026)
    programme = member(Role.PROGRAMME)
    services.set_questionnaire_dates(
        actor=programme,
        questionnaire=questionnaire,
        opens_on=datetime.date(2026, 11, 1),
        closes_on=datetime.date(2026, 12, 15),
        results_on=datetime.date(2027, 1, 15),
    )
    questionnaire.refresh_from_db()
    assert questionnaire.is_open(datetime.date(2026, 12, 2))
    with pytest.raises(ValidationError) as refused:
        services.set_questionnaire_dates(
            actor=programme,
            questionnaire=questionnaire,
            opens_on=datetime.date(2026, 11, 1),
            closes_on=datetime.date(2026, 10, 1),
            results_on=datetime.date(2026, 9, 1),
        )
    assert refused.value.message_dict["closes_on"] == [
        "De sluitdatum moet na de openingsdatum liggen."
    ]
    questionnaire.refresh_from_db()
    assert questionnaire.closes_on == datetime.date(2026, 12, 15)


def test_two_people_answer_different_questions_and_both_are_kept(client, town):
    from django.test import Client

    ensure_questionnaire(2026)
    policy, kartrekker = member(Role.POLICY, town), member(Role.COORDINATOR, town)
    other = Client()
    # Both open the page (same values on screen), then each saves the first pillar's form
    # with one question changed: nobody's answer is overwritten by the other's stale form.
    _page(client, policy, town, IN_WINDOW)
    _page(other, kartrekker, town, IN_WINDOW)
    url = f"/g/{town.slug}/benchmark/antwoord/"
    base = {
        "jaar": "2026",
        "pillar": "1",
        "commitment.alderman-was": "",
        "commitment.policy-was": "",
    }
    with on_day(IN_WINDOW):
        first = client.post(url, {**base, "commitment.alderman": "ja"})
        second = other.post(url, {**base, "commitment.policy": "adopted"})
    assert first.status_code == second.status_code == 302
    answers = {
        a.question.code: (a.value, a.changed_by) for a in Answer.objects.select_related("question")
    }
    assert answers == {
        "commitment.alderman": (True, policy),
        "commitment.policy": ("adopted", kartrekker),
    }
    page = _page(client, policy, town, IN_WINDOW).content.decode()
    assert "2 van 28 beantwoord" in page
    assert f"Laatst gewijzigd door {kartrekker.display_name}" in page
