"""How the benchmark scores (issue 12, item 2; docs/benchmark-scores.md). Pure Python, no
Django, so the method is one small thing to read and test.

Every question scores 0 to 1:

* **ja of nee**: yes 1, no 0.
* **getal**: linear between ``scoring["zero"]`` (scores 0) and ``scoring["full"]`` (scores 1),
  clipped to 0-1; ``full`` below ``zero`` means less is better (for example days to contact).
* **één keuze**: the ``points`` (0-1) of the chosen option.
* **een of meer keuzes**: the sum of the chosen options' points divided by
  ``scoring["full_at"]`` (default: the sum of all options' points), at most 1.
* No answer, or an answer that does not fit the question, scores 0.

A pillar's score is 100 times the weighted mean of its questions' scores (weights are whole
numbers, default 1), rounded to one decimal, halves up (81.25 becomes 81.3, as people round
by hand; Python's ``round`` would give 81.2): 0-100.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any


@dataclass(frozen=True)
class ScoredQuestion:
    """What scoring needs of a question (``benchmark.models.Question`` has these fields)."""

    code: str
    pillar: int
    answer_type: str
    options: tuple[Mapping[str, Any], ...] = ()
    scoring: Mapping[str, Any] = field(default_factory=dict)
    weight: int = 1


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _points(options: Iterable[Mapping[str, Any]]) -> dict[str, float]:
    return {str(option["value"]): float(option.get("points", 0)) for option in options}


def _score_number(question: ScoredQuestion, value: Any) -> float:
    number = _number(value)
    zero, full = _number(question.scoring.get("zero")), _number(question.scoring.get("full"))
    if number is None or zero is None or full is None or zero == full:
        return 0.0
    return min(1.0, max(0.0, (number - zero) / (full - zero)))


def _score_multi(question: ScoredQuestion, value: Any) -> float:
    if not isinstance(value, list | tuple):
        return 0.0
    points = _points(question.options)
    full_at = _number(question.scoring.get("full_at")) or sum(points.values())
    if not full_at:
        return 0.0
    chosen = sum(points.get(str(item), 0.0) for item in set(map(str, value)))
    return min(1.0, chosen / full_at)


def question_score(question: ScoredQuestion, value: Any) -> float:
    """The score of one answer, 0 to 1."""
    if value is None:
        return 0.0
    if question.answer_type == "yes_no":
        return 1.0 if value is True else 0.0
    if question.answer_type == "number":
        return _score_number(question, value)
    if question.answer_type == "choice":
        return min(1.0, max(0.0, _points(question.options).get(str(value), 0.0)))
    if question.answer_type == "multi":
        return _score_multi(question, value)
    return 0.0


def _one_decimal(value: float) -> float:
    # Via the shortest text of the float, so 81.25 (or 81.24999999999999 from summing) rounds
    # as written by hand.
    return float(Decimal(repr(round(value, 9))).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def pillar_scores(
    questions: Iterable[ScoredQuestion], answers: Mapping[str, Any]
) -> dict[int, float]:
    """Score per pillar (0-100, one decimal) of the answers (``{code: value}``); a pillar
    without questions is left out."""
    totals: dict[int, list[float]] = {}
    for question in questions:
        weighted, weights = totals.setdefault(question.pillar, [0.0, 0.0])
        score = question_score(question, answers.get(question.code))
        totals[question.pillar] = [weighted + question.weight * score, weights + question.weight]
    return {
        pillar: _one_decimal(100 * weighted / weights)
        for pillar, (weighted, weights) in sorted(totals.items())
        if weights
    }


def scored(question: Any) -> ScoredQuestion:
    """A ``ScoredQuestion`` from anything with the fields (a model instance)."""
    return ScoredQuestion(
        code=question.code,
        pillar=int(question.pillar),
        answer_type=str(question.answer_type),
        options=tuple(question.options or ()),
        scoring=dict(question.scoring or {}),
        weight=int(question.weight or 1),
    )
