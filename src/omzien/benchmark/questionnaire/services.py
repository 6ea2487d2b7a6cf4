"""Every write of the benchmark questionnaire (issue 12, item 1): acting user first, the
scoping layer's permission, one transaction, one audit event.

Several people of one municipality fill in the same response: each answer is saved on its own
(last write wins per question) and remembers who changed it and when, so nobody loses someone
else's answers to other questions. Answers can be saved and the response submitted only while
the questionnaire is open (``window.require_open``)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from omzien.benchmark.models import (
    Answer,
    AnswerSource,
    BenchmarkResponse,
    Question,
    Questionnaire,
)
from omzien.benchmark.questionnaire import values
from omzien.benchmark.questionnaire.definition import ensure_questionnaire
from omzien.benchmark.questionnaire.prefill import prefill
from omzien.benchmark.questionnaire.window import require_open
from omzien.benchmark.scoring import pillar_scores, scored
from omzien.core import audit
from omzien.core.scoping import can, require


@transaction.atomic
def open_response(
    *, actor, municipality, questionnaire: Questionnaire, today: datetime.date | None = None
) -> BenchmarkResponse:
    """The municipality's response to the questionnaire; made, and pre-filled from Omzien's
    records, the first time someone opens it while the questionnaire is open."""
    require(actor, "fill_benchmark", municipality)
    found = BenchmarkResponse.objects.filter(
        municipality=municipality, questionnaire=questionnaire
    ).first()
    if found is not None:
        return found
    require_open(questionnaire, today)
    response, created = BenchmarkResponse.objects.get_or_create(
        municipality=municipality, questionnaire=questionnaire
    )
    if created:
        filled = prefill(response)
        audit.record(
            "benchmark_response_opened",
            actor=actor,
            municipality=municipality,
            obj=response,
            year=questionnaire.year,
            prefilled=len(filled),
        )
    return response


@transaction.atomic
def refresh_prefill(
    *, actor, response: BenchmarkResponse, today: datetime.date | None = None
) -> list[str]:
    """Fetch Omzien's figures again; corrections and own answers stay as they are."""
    require(actor, "fill_benchmark", response.municipality)
    require_open(response.questionnaire, today)
    written = prefill(response)
    if written:
        rescore_submitted(response)
    audit.record(
        "benchmark_prefill_refreshed",
        actor=actor,
        municipality=response.municipality,
        obj=response,
        refreshed=len(written),
    )
    return written


def _question_of(response: BenchmarkResponse, question: Question) -> None:
    if question.questionnaire_id != response.questionnaire_id:
        raise ValidationError(_("Deze vraag hoort niet bij deze vragenlijst."))


def _parsed(question: Question, raw: Any) -> Any:
    value = values.parse(question, raw)
    if value is None:
        raise ValidationError(_("Geef een antwoord op deze vraag."))
    return value


@transaction.atomic
def save_answer(
    *,
    actor,
    response: BenchmarkResponse,
    question: Question,
    raw: Any,
    reason: str = "",
    today: datetime.date | None = None,
) -> Answer:
    """Save one answer as typed (``raw``: the text, or a list for several choices). An answer
    filled in from Omzien is changed through ``correct_prefilled`` (a reason is needed)."""
    require(actor, "fill_benchmark", response.municipality)
    require_open(response.questionnaire, today)
    _question_of(response, question)
    value = _parsed(question, raw)
    answer = Answer.objects.select_for_update().filter(response=response, question=question).first()
    if answer is not None and answer.source != AnswerSource.OWN:
        return correct_prefilled(actor=actor, answer=answer, raw=raw, reason=reason, today=today)
    answer, _created = Answer.objects.update_or_create(
        response=response,
        question=question,
        defaults={"value": value, "source": AnswerSource.OWN, "changed_by": actor},
    )
    rescore_submitted(response)
    audit.record(
        "benchmark_answer_saved",
        actor=actor,
        municipality=response.municipality,
        obj=answer,
        question=question.code,
    )
    return answer


@transaction.atomic
def correct_prefilled(
    *, actor, answer: Answer, raw: Any, reason: str, today: datetime.date | None = None
) -> Answer:
    """Change an answer Omzien filled in. A different value needs a reason; giving the figure
    from Omzien again makes it a pre-filled answer once more."""
    response = answer.response
    require(actor, "fill_benchmark", response.municipality)
    require_open(response.questionnaire, today)
    value = _parsed(answer.question, raw)
    reason = (reason or "").strip()
    if value == answer.prefilled_value:
        answer.source, answer.correction_reason = AnswerSource.PREFILLED, ""
    elif not reason:
        raise ValidationError(
            _(
                "Dit antwoord kwam uit Omzien. Schrijf kort op waarom u het wijzigt, "
                "bijvoorbeeld: de cijfers van de GGD zijn nieuwer."
            )
        )
    else:
        answer.source, answer.correction_reason = AnswerSource.CORRECTED, reason
    answer.value, answer.changed_by = value, actor
    answer.save(update_fields=["value", "source", "correction_reason", "changed_by", "changed_at"])
    rescore_submitted(response)
    audit.record(
        "benchmark_answer_corrected",
        actor=actor,
        municipality=response.municipality,
        obj=answer,
        question=answer.question.code,
        source=answer.source,
    )
    return answer


def compute_scores(response: BenchmarkResponse) -> dict[str, float]:
    """The score per pillar (``{"1": 80.0, ...}``) of the response's answers."""
    questions = [scored(question) for question in response.questionnaire.questions.all()]
    answers = {
        code: value for code, value in response.answers.values_list("question__code", "value")
    }
    return {str(pillar): score for pillar, score in pillar_scores(questions, answers).items()}


def rescore_submitted(response: BenchmarkResponse) -> None:
    """After an answer of a submitted response changed (within the window): compute and store
    its scores again in the same transaction, so the stored scores (comparison, trend,
    factsheet) always belong to the answers (tips). ``submitted_at`` stays; the page says when
    answers changed after submitting. Locks the response after the answer was written, so two
    people saving at once end with the scores of both answers."""
    locked = BenchmarkResponse.objects.select_for_update().filter(pk=response.pk).first()
    if locked is None or locked.submitted_at is None:
        return
    locked.scores = compute_scores(locked)
    locked.save(update_fields=["scores", "updated_at"])
    response.scores = locked.scores


@transaction.atomic
def submit_response(
    *, actor, response: BenchmarkResponse, today: datetime.date | None = None
) -> BenchmarkResponse:
    """Submit (or, within the window, submit again): the scores are computed and stored."""
    require(actor, "fill_benchmark", response.municipality)
    require_open(response.questionnaire, today)
    response = BenchmarkResponse.objects.select_for_update().get(pk=response.pk)
    again = response.submitted_at is not None
    response.scores = compute_scores(response)
    response.submitted_at, response.submitted_by = timezone.now(), actor
    response.save(update_fields=["scores", "submitted_at", "submitted_by", "updated_at"])
    audit.record(
        "benchmark_submitted",
        actor=actor,
        municipality=response.municipality,
        obj=response,
        year=response.questionnaire.year,
        again=again,
    )
    return response


def _require_programme(actor, action: str) -> None:
    if not (getattr(actor, "is_superuser", False) or can(actor, action, None)):
        raise PermissionDenied(action)


@transaction.atomic
def create_questionnaire(*, actor, year: int) -> Questionnaire:
    """The programme makes a year's questionnaire (a copy of the latest earlier year)."""
    _require_programme(actor, "manage_benchmark")
    if not 2019 <= year <= 2100:
        raise ValidationError(_("Kies een jaar vanaf 2019."))
    existed = Questionnaire.objects.filter(year=year).exists()
    questionnaire = ensure_questionnaire(year)
    if not existed:
        audit.record("benchmark_questionnaire_created", actor=actor, obj=questionnaire, year=year)
    return questionnaire


@transaction.atomic
def set_questionnaire_dates(
    *,
    actor,
    questionnaire: Questionnaire,
    opens_on: datetime.date,
    closes_on: datetime.date,
    results_on: datetime.date,
) -> Questionnaire:
    """The programme sets when the questionnaire opens, closes and shows the results."""
    _require_programme(actor, "manage_benchmark")
    errors = {}
    if closes_on <= opens_on:
        errors["closes_on"] = _("De sluitdatum moet na de openingsdatum liggen.")
    if results_on <= closes_on:
        errors["results_on"] = _("De uitslag moet na de sluitdatum komen.")
    if errors:
        raise ValidationError(errors)
    questionnaire.opens_on, questionnaire.closes_on = opens_on, closes_on
    questionnaire.results_on = results_on
    questionnaire.save(update_fields=["opens_on", "closes_on", "results_on"])
    audit.record(
        "benchmark_dates_set",
        actor=actor,
        obj=questionnaire,
        year=questionnaire.year,
        opens_on=opens_on.isoformat(),
        closes_on=closes_on.isoformat(),
    )
    return questionnaire
