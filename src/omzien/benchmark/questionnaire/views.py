"""The municipality's benchmark page (issue 12, item 1): questions by pillar, saved as you go
(htmx: each question's fragment posts on change and comes back with "Opgeslagen"; without
JavaScript a save button per pillar), and the submit with a check of unanswered questions.
``fill_benchmark`` edits; ``view_benchmark`` reads."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omzien.benchmark.models import AnswerSource, AnswerType, Questionnaire
from omzien.benchmark.questionnaire import queries, services, values
from omzien.benchmark.questionnaire.window import today, window_message
from omzien.core.permissions import municipality_view
from omzien.core.scoping import can


def _page_url(municipality, questionnaire: Questionnaire, anchor: str = "") -> str:
    url = reverse("benchmark:questionnaire", kwargs={"municipality_slug": municipality.slug})
    return f"{url}?jaar={questionnaire.year}{anchor}"


def _context(request, municipality, questionnaire, rows=None):
    day = today()
    editable = bool(
        questionnaire
        and questionnaire.is_open(day)
        and can(request.user, "fill_benchmark", municipality)
    )
    response = None
    if questionnaire is not None:
        if editable:
            response = services.open_response(
                actor=request.user, municipality=municipality, questionnaire=questionnaire
            )
        else:
            response = queries.response_of(request.user, municipality, questionnaire)
        rows = rows or queries.rows_for(questionnaire, response)
    rows = rows or []
    return {
        "municipality": municipality,
        "questionnaire": questionnaire,
        "years": Questionnaire.objects.order_by("-year").values_list("year", flat=True),
        "response": response,
        "changed_after_submit": queries.changed_after_submit(response),
        "sections": queries.sections_for(rows),
        "answered": sum(1 for row in rows if row.answered),
        "total": len(rows),
        "editable": editable,
        "window": window_message(questionnaire, day) if questionnaire else "",
    }


@municipality_view("view_benchmark")
def questionnaire_page(request, municipality):
    questionnaire = queries.questionnaire_for_year(request.GET.get("jaar"))
    if request.GET.get("jaar") and questionnaire is None:
        raise Http404
    context = _context(request, municipality, questionnaire)
    return render(request, "benchmark/questionnaire/page.html", context)


def _posted(request, question):
    if question.answer_type == AnswerType.MULTI:
        return request.POST.getlist(question.code)
    return request.POST.get(question.code, "")


def _reason_only(row, raw, reason: str) -> bool:
    """A reason typed beside an answer that is still Omzien's figure (htmx posts on every
    change, the reason's too): saving would keep the figure and drop the reason, so nothing is
    saved yet; the reason stays in the form and is saved with the changed answer."""
    answer = row.answer
    if answer is None or answer.source != AnswerSource.PREFILLED or not reason.strip():
        return False
    try:
        return values.parse(row.question, raw) == answer.prefilled_value
    except ValidationError:
        return False


def _save_one(request, response, row) -> bool:
    question = row.question
    raw = _posted(request, question)
    reason = request.POST.get(f"{question.code}-reden", "")
    if _reason_only(row, raw, reason):
        row.reason = reason
        row.notice = _(
            "Uw reden is bewaard in het formulier. Wijzig nu het antwoord: dan slaan we "
            "antwoord en reden samen op."
        )
        return True
    try:
        row.answer = services.save_answer(
            actor=request.user, response=response, question=question, raw=raw, reason=reason
        )
    except ValidationError as error:
        row.typed, row.reason, row.error = raw, reason, " ".join(error.messages)
        return False
    row.reason, row.saved = reason, True
    return True


def _unchanged(request, row) -> bool:
    """A pillar form posts every question of the pillar: only what this person changed is
    saved, so answers someone else gave in the meantime stay."""
    raw = _posted(request, row.question)
    typed = "|".join(raw) if isinstance(raw, list) else raw.strip()
    return not typed or typed == request.POST.get(f"{row.question.code}-was", "")


def _response_for_save(request, municipality):
    questionnaire = queries.questionnaire_for_year(request.POST.get("jaar"))
    if questionnaire is None:
        raise Http404
    return questionnaire, services.open_response(
        actor=request.user, municipality=municipality, questionnaire=questionnaire
    )


@municipality_view("fill_benchmark")
@require_POST
def save(request, municipality):
    try:
        questionnaire, response = _response_for_save(request, municipality)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("benchmark:questionnaire", municipality_slug=municipality.slug)
    rows = queries.rows_for(questionnaire, response)
    code = request.POST.get("question", "")
    if code:  # one question, from htmx
        row = next((row for row in rows if row.question.code == code), None)
        if row is None:
            raise Http404
        saved = _save_one(request, response, row)
        section = next(
            each for each in queries.sections_for(rows) if each.pillar == row.question.pillar
        )
        return render(
            request,
            "benchmark/questionnaire/_question.html",
            {
                "row": row,
                "editable": True,
                "questionnaire": questionnaire,
                "municipality": municipality,
                "oob_section": section,
                "answered": sum(1 for each in rows if each.answered),
                "total": len(rows),
            },
            status=200 if saved else 422,
        )
    pillar = request.POST.get("pillar", "")
    chosen = [row for row in rows if str(row.question.pillar) == pillar]
    failed = [
        row
        for row in chosen
        if not _unchanged(request, row) and not _save_one(request, response, row)
    ]
    if failed:
        context = _context(request, municipality, questionnaire, rows)
        context["error_count"] = len(failed)
        return render(request, "benchmark/questionnaire/page.html", context, status=422)
    messages.success(request, _("Uw antwoorden zijn opgeslagen."))
    return redirect(_page_url(municipality, questionnaire, f"#pijler-{pillar}"))


@municipality_view("fill_benchmark")
@require_POST
def refresh(request, municipality):
    questionnaire = queries.questionnaire_for_year(request.POST.get("jaar"))
    if questionnaire is None:
        raise Http404
    try:
        response = services.open_response(
            actor=request.user, municipality=municipality, questionnaire=questionnaire
        )
        written = services.refresh_prefill(actor=request.user, response=response)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("De cijfers uit Omzien zijn opnieuw opgehaald: %(n)s antwoorden bijgewerkt.")
            % {"n": len(written)},
        )
    return redirect(_page_url(municipality, questionnaire))


@municipality_view("fill_benchmark")
@require_POST
def submit(request, municipality):
    questionnaire = queries.questionnaire_for_year(request.POST.get("jaar"))
    if questionnaire is None:
        raise Http404
    try:
        response = services.open_response(
            actor=request.user, municipality=municipality, questionnaire=questionnaire
        )
        rows = queries.rows_for(questionnaire, response)
        unanswered = [row for row in rows if not row.answered]
        if unanswered and request.POST.get("bevestigd") != "ja":
            return render(
                request,
                "benchmark/questionnaire/confirm.html",
                {
                    "municipality": municipality,
                    "questionnaire": questionnaire,
                    "unanswered": unanswered,
                },
            )
        services.submit_response(actor=request.user, response=response)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _(
                "De benchmark %(year)s is ingediend. U kunt tot en met de sluitdatum nog "
                "antwoorden wijzigen en opnieuw indienen."
            )
            % {"year": questionnaire.year},
        )
    return redirect(_page_url(municipality, questionnaire))
