"""Answers filled in from Omzien's own records (issue 12, item 1).

A question with a ``prefill_key`` gets the value of that registered
``core.extensions.municipality_figure`` for the municipality over the **benchmark period: the
12 months before the questionnaire opens** (for 2026, opening 1 September 2026: from
1 September 2025 up to and including 31 August 2026). The period is fixed by the year's
opening date, so a refresh later in the window uses the same period.

The figure becomes the answer: ja of nee: ja when the figure is above 0; getal: the figure,
a whole number for counts and one decimal for shares, rates and means; één keuze: the option
whose ``from``/``to`` range holds the figure (no question uses that yet). A figure that is not
registered, or has no value for the municipality, leaves the question to be answered.

Pre-filling runs when a response is first opened and again on a refresh; it only writes
answers that are missing or still as pre-filled, never a correction or an own answer.
"""

from __future__ import annotations

import datetime
from typing import Any

from omzien.benchmark.models import Answer, AnswerSource, AnswerType, BenchmarkResponse, Question
from omzien.core.extensions import municipality_figure


def benchmark_period(questionnaire) -> tuple[datetime.date, datetime.date]:
    """(since, until) of the figures: the 12 months before the questionnaire opens (until
    exclusive)."""
    until = questionnaire.opens_on
    try:
        since = until.replace(year=until.year - 1)
    except ValueError:  # 29 February
        since = until.replace(year=until.year - 1, day=28)
    return since, until


def _as_answer(question: Question, kind: str, figure_value: Any) -> Any:
    if figure_value is None or isinstance(figure_value, bool):
        return None
    try:
        number = float(figure_value)
    except (TypeError, ValueError):
        return None
    if question.answer_type == AnswerType.YES_NO:
        return number > 0
    if question.answer_type == AnswerType.NUMBER:
        if kind == "count":
            return int(round(number))
        rounded = round(number, 1)
        return int(rounded) if rounded.is_integer() else rounded
    if question.answer_type == AnswerType.CHOICE:
        for option in question.options or ():
            low, high = option.get("from"), option.get("to")
            if low is None and high is None:
                continue
            if (low is None or number >= low) and (high is None or number < high):
                return option["value"]
    return None


def figures_for(response: BenchmarkResponse, questions) -> dict[int, tuple[Any, Any]]:
    """{question id: (answer value, figure value)} for the questions Omzien's records answer."""
    since, until = benchmark_period(response.questionnaire)
    found: dict[int, tuple[Any, Any]] = {}
    cache: dict[str, Any] = {}
    for question in questions:
        if not question.prefill_key:
            continue
        figure = municipality_figure(question.prefill_key)
        if figure is None:
            continue
        if question.prefill_key not in cache:
            values = figure.compute([response.municipality_id], since, until) or {}
            cache[question.prefill_key] = values.get(response.municipality_id)
        figure_value = cache[question.prefill_key]
        value = _as_answer(question, figure.kind, figure_value)
        if value is not None:
            found[question.pk] = (value, figure_value)
    return found


def prefill(response: BenchmarkResponse, *, actor=None) -> list[str]:
    """Fill in (or refresh) the answers Omzien's records give; returns the codes written.
    Never touches an own answer or a correction."""
    questions = list(response.questionnaire.questions.exclude(prefill_key=""))
    existing = {answer.question_id: answer for answer in response.answers.all()}
    found = figures_for(response, questions)
    written = []
    for question in questions:
        if question.pk not in found:
            continue
        value = found[question.pk][0]
        answer = existing.get(question.pk)
        if answer is None:
            Answer.objects.create(
                response=response,
                question=question,
                value=value,
                source=AnswerSource.PREFILLED,
                prefilled_value=value,
                changed_by=None,
            )
        elif answer.source == AnswerSource.PREFILLED and answer.value != value:
            answer.value = answer.prefilled_value = value
            answer.save(update_fields=["value", "prefilled_value", "changed_at"])
        else:
            continue
        written.append(question.code)
    return written
