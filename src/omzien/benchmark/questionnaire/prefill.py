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

Small numbers (core/suppression.py, as everywhere policy staff look): a count below 5, or a
share, rate or mean whose ``base`` (the records it is computed on, for a rate the count) is
below 5, is not filled in either; the page says "Te weinig gegevens in Omzien om dit in te
vullen" (``not_filled``). A yes/no question from a count (ja above 0) is still filled in: it
says only "at least one". A refresh removes an answer still as pre-filled that is now too few.

Pre-filling runs when a response is first opened and again on a refresh; it only writes
answers that are missing or still as pre-filled, never a correction or an own answer.
"""

from __future__ import annotations

import datetime
from typing import Any

from omzien.benchmark.models import Answer, AnswerSource, AnswerType, BenchmarkResponse, Question
from omzien.core.extensions import municipality_figure
from omzien.core.suppression import derived_hidden, is_suppressed


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


def too_few(question: Question, figure, figure_value: Any, base: Any) -> bool:
    """The small-number rule (core/suppression.py) here too: policy staff see no count below 5
    and no share, rate or mean on fewer than 5 records elsewhere, so the benchmark does not
    fill them in. A yes/no from a count says only "at least one" and is filled in."""
    if question.answer_type == AnswerType.YES_NO and figure.kind == "count":
        return False
    if figure.base is not None and derived_hidden(base, counts_hidden=False):
        return True
    return figure.kind == "count" and (figure_value is None or is_suppressed(figure_value))


class Figures:
    """The registered figures for one municipality over a questionnaire's benchmark period,
    each asked once (value and base)."""

    def __init__(self, municipality_id: int, questionnaire) -> None:
        self.municipality_id = municipality_id
        self.since, self.until = benchmark_period(questionnaire)
        self.found: dict[str, tuple[Any, Any]] = {}

    def of(self, figure) -> tuple[Any, Any]:
        if figure.key not in self.found:
            ids = [self.municipality_id]
            value = (figure.compute(ids, self.since, self.until) or {}).get(self.municipality_id)
            base = None
            if figure.base is not None:
                base = (figure.base(ids, self.since, self.until) or {}).get(self.municipality_id)
            self.found[figure.key] = (value, base)
        return self.found[figure.key]

    def too_few(self, question: Question) -> bool:
        figure = municipality_figure(question.prefill_key) if question.prefill_key else None
        return figure is not None and too_few(question, figure, *self.of(figure))

    def answer(self, question: Question) -> tuple[Any, Any]:
        """(answer value, figure value); the answer is None when the question is left to be
        answered: no figure, no value, or too few records."""
        figure = municipality_figure(question.prefill_key) if question.prefill_key else None
        if figure is None:
            return None, None
        figure_value, base = self.of(figure)
        if too_few(question, figure, figure_value, base):
            return None, figure_value
        return _as_answer(question, figure.kind, figure_value), figure_value


def figures_for(
    response: BenchmarkResponse, questions, figures: Figures | None = None
) -> dict[int, tuple[Any, Any]]:
    """{question id: (answer value, figure value)} for the questions Omzien's records answer."""
    figures = figures or Figures(response.municipality_id, response.questionnaire)
    found: dict[int, tuple[Any, Any]] = {}
    for question in questions:
        value, figure_value = figures.answer(question)
        if value is not None:
            found[question.pk] = (value, figure_value)
    return found


def not_filled(municipality_id: int, questionnaire, question: Question, figures=None) -> bool:
    """True for a question with a registered figure that Omzien cannot fill in for the
    municipality (too few records, or no value): the page says "Te weinig gegevens in Omzien
    om dit in te vullen"."""
    if not question.prefill_key or municipality_figure(question.prefill_key) is None:
        return False
    figures = figures or Figures(municipality_id, questionnaire)
    return figures.answer(question)[0] is None


def prefill(response: BenchmarkResponse, *, actor=None) -> list[str]:
    """Fill in (or refresh) the answers Omzien's records give; returns the codes written.
    Never touches an own answer or a correction."""
    questions = list(response.questionnaire.questions.exclude(prefill_key=""))
    existing = {answer.question_id: answer for answer in response.answers.all()}
    figures = Figures(response.municipality_id, response.questionnaire)
    found = figures_for(response, questions, figures)
    written = []
    for question in questions:
        answer = existing.get(question.pk)
        if question.pk not in found:
            if (
                answer is not None
                and answer.source == AnswerSource.PREFILLED
                and figures.too_few(question)
            ):
                answer.delete()  # now too few records to show: nobody typed it
                written.append(question.code)
            continue
        value = found[question.pk][0]
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
