"""The benchmark's scoring on a hand-computed questionnaire (issue 12): the method of
benchmark/scoring.py, worked out by hand below, and the scores stored when a municipality
submits."""

from __future__ import annotations

import pytest

from omzien.benchmark.models import AnswerType, Pillar
from omzien.benchmark.questionnaire import services
from omzien.benchmark.questionnaire.definition import definition, ensure_questionnaire
from omzien.benchmark.scoring import ScoredQuestion, pillar_scores, scored
from omzien.benchmark.tests.factories_questionnaire import IN_WINDOW, on_day
from omzien.core.roles import Role
from omzien.core.tests.factories import member

pytestmark = pytest.mark.issue(12)


def _options(*points):
    return tuple(
        {"value": chr(97 + i), "label": chr(97 + i), "points": p} for i, p in enumerate(points)
    )


HAND = [
    # Pillar 1: (2 * 1 + 1 * 0.75 + 1 * 0.5) / (2 + 1 + 1) = 3.25 / 4 = 0.8125 -> 81.25 -> 81.3
    ScoredQuestion("p1.yes", 1, "yes_no", weight=2),
    ScoredQuestion("p1.number", 1, "number", scoring={"zero": 0, "full": 2}),
    ScoredQuestion("p1.choice", 1, "choice", options=_options(0, 0.5, 1)),
    # Pillar 2: multi a of full_at 2 = 0.5; less is better (10 -> 0, 2 -> 1), 4 gives
    # (4 - 10) / (2 - 10) = 0.75; no = 0. (0.5 + 0.75 + 0) / 3 = 0.41666 -> 41.7
    ScoredQuestion("p2.multi", 2, "multi", options=_options(1, 1, 1, 1), scoring={"full_at": 2}),
    ScoredQuestion("p2.days", 2, "number", scoring={"zero": 10, "full": 2}),
    ScoredQuestion("p2.yes", 2, "yes_no"),
    # Pillar 3: unanswered, a number that is a bool, an unknown option: 0 + 0 + 0 -> 0.0
    ScoredQuestion("p3.yes", 3, "yes_no"),
    ScoredQuestion("p3.number", 3, "number", scoring={"zero": 0, "full": 5}),
    ScoredQuestion("p3.choice", 3, "choice", options=_options(0, 1)),
    # Pillar 4: 30 above full 20 is clipped to 1 -> 100.0
    ScoredQuestion("p4.number", 4, "number", scoring={"zero": 0, "full": 20}),
    # Pillar 5: multi without full_at: all points 0.5 + 0.5 + 1 = 2; a twice and b give
    # (0.5 + 0.5) / 2 = 0.5 -> 50.0
    ScoredQuestion("p5.multi", 5, "multi", options=_options(0.5, 0.5, 1)),
]
ANSWERS = {
    "p1.yes": True,
    "p1.number": 1.5,
    "p1.choice": "b",
    "p2.multi": ["a"],
    "p2.days": 4,
    "p2.yes": False,
    "p3.number": True,
    "p3.choice": "z",
    "p4.number": 30,
    "p5.multi": ["a", "a", "b"],
}


def test_pillar_scores_of_a_hand_computed_questionnaire():
    assert pillar_scores(HAND, ANSWERS) == {1: 81.3, 2: 41.7, 3: 0.0, 4: 100.0, 5: 50.0}


def test_a_pillar_without_answers_scores_zero_and_one_without_questions_is_left_out():
    assert pillar_scores(HAND[:3], {}) == {1: 0.0}


def test_the_questionnaire_of_omzien_scores_every_kind_of_answer():
    questions = [scored(type("Q", (), item)) for item in definition()]
    assert {q.pillar for q in questions} == set(Pillar.values)
    assert {q.answer_type for q in questions} == set(AnswerType.values)
    full = {}
    for item in definition():
        kind = item["answer_type"]
        if kind == "yes_no":
            full[item["code"]] = True
        elif kind == "number":
            full[item["code"]] = item["scoring"]["full"]
        elif kind == "choice":
            full[item["code"]] = max(item["options"], key=lambda o: o["points"])["value"]
        else:
            full[item["code"]] = [option["value"] for option in item["options"]]
    assert pillar_scores(questions, full) == {pillar: 100.0 for pillar in Pillar.values}


@pytest.mark.django_db
def test_submitting_stores_the_score_per_pillar(small_municipality):
    town = small_municipality.municipality
    questionnaire = ensure_questionnaire(2026)
    policy = member(Role.POLICY, town)
    with on_day(IN_WINDOW):
        response = services.open_response(
            actor=policy, municipality=town, questionnaire=questionnaire
        )
        question = questionnaire.questions.get(code="commitment.alderman")  # weight 2 of 6
        services.save_answer(actor=policy, response=response, question=question, raw="ja")
        budget = questionnaire.questions.get(code="commitment.budget_per_resident")
        services.save_answer(actor=policy, response=response, question=budget, raw="1,5")
        submitted = services.submit_response(actor=policy, response=response)
    # Pillar 1 weights: agreement 1, alderman 2, policy 2, budget 1, domains 1 = 7.
    # alderman 2 * 1 + budget 1 * (1.5 / 2 = 0.75) = 2.75; 2.75 / 7 = 0.392857 -> 39.3
    assert submitted.scores["1"] == 39.3
    assert submitted.scores["5"] == 0.0
    assert submitted.submitted_by == policy and submitted.submitted_at is not None
