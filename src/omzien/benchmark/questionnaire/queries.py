"""Reads of the benchmark questionnaire: the response a user may see and the page's sections
(a section per pillar with its questions, answers and progress)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Max

from omzien.benchmark.models import (
    Answer,
    AnswerSource,
    BenchmarkResponse,
    Pillar,
    Question,
    Questionnaire,
)
from omzien.benchmark.questionnaire import values
from omzien.core.scoping import ScopedQuerySet


def responses_visible_to(user, municipality):
    """The municipality's benchmark responses the user may see (the scoping layer)."""
    return ScopedQuerySet(model=BenchmarkResponse).visible_to(user, municipality)


def response_of(user, municipality, questionnaire: Questionnaire) -> BenchmarkResponse | None:
    return (
        responses_visible_to(user, municipality)
        .filter(questionnaire=questionnaire)
        .select_related("submitted_by", "questionnaire")
        .first()
    )


def changed_after_submit(response: BenchmarkResponse | None):
    """When an answer of the submitted response last changed after it was submitted (its
    scores were then computed again), or None."""
    if response is None or response.submitted_at is None:
        return None
    return (
        response.answers.filter(changed_at__gt=response.submitted_at)
        .aggregate(last=Max("changed_at"))
        .get("last")
    )


def questionnaire_for_year(year: str | None) -> Questionnaire | None:
    """The questionnaire of ``?jaar=``, or the latest year."""
    questionnaires = Questionnaire.objects.order_by("-year")
    if year and str(year).isdigit():
        return questionnaires.filter(year=int(year)).first()
    return questionnaires.first()


@dataclass
class QuestionRow:
    """One question on the page, with its answer and what was typed (after an error)."""

    question: Question
    answer: Answer | None = None
    typed: Any = None
    reason: str = ""
    error: str = ""
    saved: bool = False
    notice: str = ""

    @property
    def answered(self) -> bool:
        return self.answer is not None and self.answer.value is not None

    @property
    def from_omzien(self) -> bool:
        return self.answer is not None and self.answer.source != AnswerSource.OWN

    @property
    def corrected(self) -> bool:
        return self.answer is not None and self.answer.source == AnswerSource.CORRECTED

    @property
    def input_value(self) -> Any:
        if self.typed is not None:
            return self.typed
        return values.as_input(self.question, self.answer.value if self.answer else None)

    @property
    def was(self) -> str:
        """What the form showed when the page was made (see views: stale pillar forms)."""
        stored = values.as_input(self.question, self.answer.value if self.answer else None)
        return "|".join(stored) if isinstance(stored, list) else stored

    @property
    def shown(self) -> str:
        return values.shown(self.question, self.answer.value) if self.answer else ""

    @property
    def shown_prefilled(self) -> str:
        return values.shown(self.question, self.answer.prefilled_value) if self.answer else ""

    @property
    def reason_value(self) -> str:
        return self.reason or (self.answer.correction_reason if self.answer else "")


@dataclass
class PillarSection:
    pillar: int
    title: str
    rows: list[QuestionRow] = field(default_factory=list)

    @property
    def answered(self) -> int:
        return sum(1 for row in self.rows if row.answered)


def rows_for(questionnaire: Questionnaire, response: BenchmarkResponse | None):
    answers = {}
    if response is not None:
        answers = {
            answer.question_id: answer
            for answer in response.answers.select_related("changed_by").all()
        }
    return [
        QuestionRow(question, answers.get(question.pk))
        for question in questionnaire.questions.order_by("pillar", "position", "pk")
    ]


def sections_for(rows: list[QuestionRow]) -> list[PillarSection]:
    sections: dict[int, PillarSection] = {}
    for row in rows:
        pillar = row.question.pillar
        if pillar not in sections:
            sections[pillar] = PillarSection(pillar, str(Pillar(pillar).label))
        sections[pillar].rows.append(row)
    return [sections[key] for key in sorted(sections)]


def row_for(response: BenchmarkResponse | None, question: Question) -> QuestionRow:
    answer = None
    if response is not None:
        answer = (
            Answer.objects.select_related("changed_by")
            .filter(response=response, question=question)
            .first()
        )
    return QuestionRow(question, answer)
