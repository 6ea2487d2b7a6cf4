"""The tips of a year's questions (issue 12, item 2): the programme edits them; a municipality
sees a question's tip when it scores below half on it (``scores.weak_items``). The first tips
are the questionnaire definition's (``Question.tip``, set when the year's questionnaire is
made); this page changes them for that year only."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from omzien.benchmark.models import Pillar, Question, Questionnaire
from omzien.benchmark.results.views import chosen_year
from omzien.core import audit
from omzien.core.permissions import national_view
from omzien.core.roles import roles_allowed
from omzien.core.scoping import national_roles

#: The longest tip (characters): a tip is a short, concrete suggestion.
MAX_TIP = 1000


def may_edit_tips(user) -> bool:
    return bool(national_roles(user) & roles_allowed("manage_benchmark"))


def clean_tips(questions: list[Question], data) -> tuple[dict[int, str], dict[int, str]]:
    """The typed tips per question id, and a Dutch error per question id that is wrong."""
    tips, errors = {}, {}
    for question in questions:
        text = str(data.get(f"tip-{question.pk}", question.tip)).replace("\r\n", "\n").strip()
        if len(text) > MAX_TIP:
            errors[question.pk] = _(
                "De tip is %(length)s tekens lang. Maak hem korter: hoogstens %(max)s tekens."
            ) % {"length": len(text), "max": MAX_TIP}
        tips[question.pk] = text
    return tips, errors


@transaction.atomic
def save_tips(*, actor, questionnaire: Questionnaire, tips: dict[int, str]) -> int:
    """Store the changed tips of a year's questions (one audit event); returns how many
    changed. Raises ValidationError for a tip that is too long: then nothing changes."""
    if not may_edit_tips(actor):
        raise PermissionDenied("manage_benchmark")
    questions = {
        q.pk: q for q in Question.objects.select_for_update().filter(questionnaire=questionnaire)
    }
    too_long = [pk for pk, text in tips.items() if len(text) > MAX_TIP]
    if too_long:
        raise ValidationError(_("Een tip is te lang: hoogstens %(max)s tekens.") % {"max": MAX_TIP})
    changed = [
        questions[pk] for pk, text in tips.items() if pk in questions and questions[pk].tip != text
    ]
    for question in changed:
        question.tip = tips[question.pk]
    Question.objects.bulk_update(changed, ["tip"])
    if changed:
        audit.record(
            "benchmark_tips_changed",
            actor=actor,
            obj=questionnaire,
            year=questionnaire.year,
            questions=[q.code for q in changed],
        )
    return len(changed)


@national_view
@require_http_methods(["GET", "HEAD", "POST"])
def tips_page(request):
    """``landelijk/benchmark/tips/?jaar=``: every question of the year with its tip."""
    if not may_edit_tips(request.user):
        raise PermissionDenied("manage_benchmark")
    years = list(Questionnaire.objects.order_by("-year").values_list("year", flat=True))
    year, message = chosen_year(request, years, years[0] if years else None)
    questionnaire = Questionnaire.objects.filter(year=year).first() if year else None
    questions = list(questionnaire.questions.order_by("pillar", "position", "pk")) if year else []
    errors: dict[int, str] = {}
    saved = request.GET.get("opgeslagen")
    if request.method == "POST" and questionnaire is not None:
        tips, errors = clean_tips(questions, request.POST)
        if not errors:
            count = save_tips(actor=request.user, questionnaire=questionnaire, tips=tips)
            url = reverse("benchmark:national_tips")
            return redirect(f"{url}?jaar={year}&opgeslagen={count}")
        for question in questions:
            question.tip = tips[question.pk]
    labels = dict(Pillar.choices)
    items = [
        {"question": q, "pillar": labels.get(q.pillar, q.pillar), "error": errors.get(q.pk, "")}
        for q in questions
    ]
    context = {
        "years": years,
        "year": year,
        "message": message,
        "items": items,
        "errors": errors,
        "saved": int(saved) if saved and saved.isdigit() else None,
        "max_tip": MAX_TIP,
    }
    return render(request, "benchmark/results/tips.html", context, status=400 if errors else 200)
