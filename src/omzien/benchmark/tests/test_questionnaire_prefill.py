"""Answers filled in from Omzien's records (issue 12): they equal the registered figure over
the 12 months before the questionnaire opens, are marked so, can be corrected only with a
reason, and a refresh never overwrites a correction or an own answer."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from omzien.benchmark.models import Answer, AnswerSource
from omzien.benchmark.questionnaire import services
from omzien.benchmark.questionnaire.definition import ensure_questionnaire
from omzien.benchmark.tests.factories_questionnaire import IN_WINDOW, on_day, registered_figures
from omzien.core.roles import Role
from omzien.core.tests.factories import member

pytestmark = [pytest.mark.issue(12), pytest.mark.django_db]


@pytest.fixture
def town(small_municipality):
    return small_municipality.municipality


def _figures(town, **overrides):
    values = {
        "signals_per_1000": ("rate", {town.pk: 2.456}),
        "contact_within_norm": ("share", {town.pk: 83.33}),
        "catalogue_activity_kinds": ("count", {town.pk: 5}),
        "home_visit_reach": ("share", {town.pk: 18.0}),
        "home_visits_done": ("count", {town.pk: 40}),
        "assessments_before_after": ("count", {town.pk: 0}),
        "coalition_partners": ("count", {town.pk: 12}),
    }
    values.update(overrides)
    return values


def _open(town, user):
    questionnaire = ensure_questionnaire(2026)
    return services.open_response(actor=user, municipality=town, questionnaire=questionnaire)


def _answers(response) -> dict[str, Answer]:
    return {a.question.code: a for a in response.answers.select_related("question")}


def test_prefilled_answers_equal_the_registered_figures(town):
    policy = member(Role.POLICY, town)
    with registered_figures(_figures(town)) as asked, on_day(IN_WINDOW):
        response = _open(town, policy)
    answers = _answers(response)
    assert answers["people.signals_per_1000"].value == 2.5  # a rate: one decimal
    assert answers["people.contact_within_norm"].value == 83.3
    assert answers["sustainable.activity_kinds"].value == 5
    assert answers["people.home_visit_reach"].value == 18
    assert answers["people.home_visits"].value is True  # 40 visits: yes
    assert answers["monitoring.effect_measured"].value is False  # 0: no
    assert answers["network.partners"].value == 12
    for answer in answers.values():
        assert answer.source == AnswerSource.PREFILLED
        assert answer.prefilled_value == answer.value
    # Figures not registered (the coalition's sectors, hours) leave the question open.
    assert "network.sectors" not in answers and "network.kartrekker_hours" not in answers
    # The benchmark period: the 12 months before 1 September 2026 (until exclusive).
    assert {(since, until) for _key, _ids, since, until in asked} == {
        (datetime.date(2025, 9, 1), datetime.date(2026, 9, 1))
    }


def test_a_figure_without_a_value_leaves_the_question_to_answer(town):
    policy = member(Role.POLICY, town)
    with registered_figures(_figures(town, home_visit_reach=("share", {}))), on_day(IN_WINDOW):
        response = _open(town, policy)
    assert "people.home_visit_reach" not in _answers(response)


def test_a_correction_needs_a_reason_and_keeps_the_figure(town):
    policy = member(Role.POLICY, town)
    with registered_figures(_figures(town)), on_day(IN_WINDOW):
        response = _open(town, policy)
        answer = _answers(response)["network.partners"]
        with pytest.raises(ValidationError) as refused:
            services.save_answer(
                actor=policy, response=response, question=answer.question, raw="15"
            )
        assert "waarom u het wijzigt" in refused.value.messages[0]
        answer.refresh_from_db()
        assert answer.value == 12 and answer.source == AnswerSource.PREFILLED
        services.save_answer(
            actor=policy,
            response=response,
            question=answer.question,
            raw="15",
            reason="Drie sportclubs doen sinds kort mee.",
        )
    answer.refresh_from_db()
    assert answer.value == 15 and answer.prefilled_value == 12
    assert answer.source == AnswerSource.CORRECTED
    assert answer.correction_reason == "Drie sportclubs doen sinds kort mee."
    assert answer.changed_by == policy


def test_a_refresh_updates_prefilled_answers_but_never_a_correction_or_own_answer(town):
    policy = member(Role.POLICY, town)
    with on_day(IN_WINDOW):
        with registered_figures(_figures(town)):
            response = _open(town, policy)
            answers = _answers(response)
            services.correct_prefilled(
                actor=policy, answer=answers["network.partners"], raw="20", reason="Eigen telling"
            )
        # Later the coalition's hours become known too, but someone already answered them.
        questionnaire = response.questionnaire
        hours = questionnaire.questions.get(code="network.kartrekker_hours")
        services.save_answer(actor=policy, response=response, question=hours, raw="8")
        newer = _figures(
            town,
            coalition_partners=("count", {town.pk: 13}),
            catalogue_activity_kinds=("count", {town.pk: 6}),
            kartrekker_hours=("number", {town.pk: 24}),
        )
        with registered_figures(newer):
            services.refresh_prefill(actor=policy, response=response)
    answers = _answers(response)
    assert answers["sustainable.activity_kinds"].value == 6  # still as filled in: refreshed
    assert answers["network.partners"].value == 20  # the correction stays
    assert answers["network.kartrekker_hours"].value == 8  # the own answer stays
    assert answers["network.kartrekker_hours"].source == AnswerSource.OWN


def test_the_page_shows_the_prefilled_figure(client, town):
    from omzien.core.tests.factories import login_verified

    ensure_questionnaire(2026)
    policy = member(Role.POLICY, town)
    with registered_figures(_figures(town)), on_day(IN_WINDOW):
        login_verified(client, policy)
        page = client.get(f"/g/{town.slug}/benchmark/")
    assert page.status_code == 200
    text = page.content.decode()
    assert 'data-testid="prefilled-network.partners"' in text
    assert "Ingevuld uit Omzien: 12 organisaties" in text
