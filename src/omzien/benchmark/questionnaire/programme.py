"""The programme's questionnaire page (``landelijk/benchmark/``): the years, making next
year's questionnaire, and the dates each year opens, closes and shows its results."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from omzien.benchmark.models import Questionnaire
from omzien.benchmark.questionnaire import queries, services
from omzien.benchmark.questionnaire.window import today
from omzien.core.permissions import national_view
from omzien.core.scoping import can


class DateInput(forms.DateInput):
    input_type = "date"


class DatesForm(forms.Form):
    opens_on = forms.DateField(
        label=gettext_lazy("Open vanaf"),
        widget=DateInput(format="%Y-%m-%d"),
        error_messages={
            "required": gettext_lazy("Vul de openingsdatum in."),
            "invalid": gettext_lazy("Vul een geldige datum in."),
        },
    )
    closes_on = forms.DateField(
        label=gettext_lazy("Open tot en met"),
        widget=DateInput(format="%Y-%m-%d"),
        error_messages={
            "required": gettext_lazy("Vul de sluitdatum in."),
            "invalid": gettext_lazy("Vul een geldige datum in."),
        },
    )
    results_on = forms.DateField(
        label=gettext_lazy("Uitslag op"),
        widget=DateInput(format="%Y-%m-%d"),
        error_messages={
            "required": gettext_lazy("Vul de datum van de uitslag in."),
            "invalid": gettext_lazy("Vul een geldige datum in."),
        },
    )


def _may_manage(user) -> bool:
    return user.is_superuser or can(user, "manage_benchmark", None)


@national_view
def programme_page(request):
    questionnaires = Questionnaire.objects.annotate(
        n_questions=Count("questions", distinct=True),
        n_responses=Count("responses", distinct=True),
        n_submitted=Count(
            "responses", filter=Q(responses__submitted_at__isnull=False), distinct=True
        ),
    ).order_by("-year")
    latest = questionnaires.first()
    day = today()
    return render(
        request,
        "benchmark/questionnaire/programme.html",
        {
            "questionnaires": questionnaires,
            "next_year": (latest.year + 1) if latest else day.year,
            "today": day,
            "can_manage": _may_manage(request.user),
        },
    )


@national_view
@require_POST
def programme_create(request):
    raw = request.POST.get("jaar", "")
    try:
        if not raw.isdigit():
            raise ValidationError(_("Kies een jaar vanaf 2019."))
        questionnaire = services.create_questionnaire(actor=request.user, year=int(raw))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("De vragenlijst van %(year)s staat klaar, met %(n)s vragen.")
            % {"year": questionnaire.year, "n": questionnaire.questions.count()},
        )
    return redirect("benchmark:questionnaire_programme")


@national_view
def programme_dates(request):
    if not _may_manage(request.user):
        raise PermissionDenied
    questionnaire = queries.questionnaire_for_year(request.GET.get("jaar"))
    if questionnaire is None or not request.GET.get("jaar"):
        raise Http404
    initial = {
        "opens_on": questionnaire.opens_on,
        "closes_on": questionnaire.closes_on,
        "results_on": questionnaire.results_on,
    }
    form = DatesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_questionnaire_dates(
                actor=request.user, questionnaire=questionnaire, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("De data van %(year)s zijn opgeslagen.") % {"year": questionnaire.year}
            )
            return redirect("benchmark:questionnaire_programme")
    return render(
        request,
        "benchmark/questionnaire/programme_dates.html",
        {"form": form, "questionnaire": questionnaire},
        status=422 if request.method == "POST" else 200,
    )
