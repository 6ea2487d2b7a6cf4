"""A municipality's own benchmark results (issue 12, item 2): its scores, its trend over the
years and the tips for its weak items. Reads only the municipality's own responses."""

from __future__ import annotations

from dataclasses import dataclass

from omzien.benchmark.models import Answer, BenchmarkResponse, Pillar, Question
from omzien.benchmark.results.comparison import computed_scores, stored_scores
from omzien.benchmark.scoring import pillar_scores, question_score, scored

#: An item scoring below this (0-1) is weak: its tip is shown.
WEAK_BELOW = 0.5


def response_scores(response: BenchmarkResponse) -> dict[str, float]:
    """The scores per pillar of a response's answers, as stored (``{"1": 80.0, ...}``)."""
    questions = [
        scored(q) for q in Question.objects.filter(questionnaire=response.questionnaire_id)
    ]
    answers = dict(Answer.objects.filter(response=response).values_list("question__code", "value"))
    return {str(p): s for p, s in pillar_scores(questions, answers).items()}


def store_scores(response: BenchmarkResponse) -> dict[str, float]:
    """Compute and store a response's scores (when it is submitted)."""
    response.scores = response_scores(response)
    response.save(update_fields=["scores", "updated_at"])
    return response.scores


def submitted_response(municipality, year: int) -> BenchmarkResponse | None:
    return (
        BenchmarkResponse.objects.filter(
            municipality=municipality, questionnaire__year=year, submitted_at__isnull=False
        )
        .select_related("questionnaire")
        .first()
    )


@dataclass(frozen=True)
class TrendYear:
    year: int
    scores: dict[int, float]


def trend(municipality) -> list[TrendYear]:
    """The municipality's pillar scores of every year it submitted, oldest first."""
    rows = list(
        BenchmarkResponse.objects.filter(municipality=municipality, submitted_at__isnull=False)
        .order_by("questionnaire__year")
        .values_list("pk", "questionnaire_id", "questionnaire__year", "scores")
    )
    result = []
    for pk, questionnaire_id, year, raw in rows:
        scores = stored_scores(raw) or computed_scores([pk], questionnaire_id).get(pk, {})
        result.append(TrendYear(year, scores))
    return result


@dataclass(frozen=True)
class Tip:
    pillar: int
    pillar_label: str
    code: str
    question: str
    score: int  # 0-100
    tip: str


def weak_items(response: BenchmarkResponse | None) -> list[Tip]:
    """The tips of the questions the response scores below half on (no answer scores 0), in
    the questionnaire's order; questions without a tip are left out."""
    if response is None:
        return []
    values = dict(Answer.objects.filter(response=response).values_list("question_id", "value"))
    questions = Question.objects.filter(questionnaire=response.questionnaire_id).exclude(tip="")
    labels = dict(Pillar.choices)
    result = []
    for question in questions.order_by("pillar", "position", "pk"):
        score = question_score(scored(question), values.get(question.pk))
        if score < WEAK_BELOW:
            result.append(
                Tip(
                    question.pillar,
                    str(labels.get(question.pillar, question.pillar)),
                    question.code,
                    question.text,
                    round(100 * score),
                    question.tip,
                )
            )
    return result
