from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omzien.assessment import queries, services
from omzien.assessment.charts import score_chart
from omzien.assessment.forms import AssessmentForm, WithdrawForm
from omzien.assessment.scales import INSTRUMENTS
from omzien.core import queries as core_queries
from omzien.core.permissions import municipality_view

DEFAULT_INSTRUMENT = "djg11"


@municipality_view("assess_resident")
def assessment_create(request, municipality, pk: int):
    resident = core_queries.get_resident(request.user, municipality, pk)
    instrument = request.GET.get("instrument", DEFAULT_INSTRUMENT)
    if instrument not in INSTRUMENTS:
        raise Http404
    form = AssessmentForm(request.POST or None, instrument=instrument)
    if request.method == "POST" and form.is_valid():
        assessment = services.record_assessment(
            actor=request.user,
            resident=resident,
            instrument=instrument,
            answers=form.answers(),
            taken_on=form.cleaned_data["taken_on"],
        )
        if assessment.total is None:
            messages.warning(
                request,
                _("De meting is opgeslagen, maar er ontbreken te veel antwoorden voor een score."),
            )
        else:
            messages.success(
                request,
                _("De meting is opgeslagen: %(category)s.") % {"category": assessment.category},
            )
        return redirect("core:resident_detail", municipality_slug=municipality.slug, pk=resident.pk)
    return render(
        request,
        "assessment/assessment_form.html",
        {
            "municipality": municipality,
            "resident": resident,
            "form": form,
            "instrument": INSTRUMENTS[instrument],
            "instruments": INSTRUMENTS.values(),
        },
        status=422 if request.method == "POST" else 200,
    )


def resident_assessments_section(request, municipality, resident):
    """The assessments block on the resident page: a table over time and a small chart."""
    assessments = list(queries.assessments_of(request.user, municipality, resident))
    charts = []
    for key, instrument in INSTRUMENTS.items():
        of_kind = [a for a in queries.counted(assessments) if a.instrument == key]
        chart = score_chart(of_kind, of_kind[0].max_total) if of_kind else None
        if chart:
            charts.append({"name": instrument.name, **chart})
    return (
        "assessment/resident_section.html",
        {
            "assessments": list(reversed(assessments)),
            "charts": charts,
            "instruments": INSTRUMENTS.values(),
            "municipality": municipality,
            "resident": resident,
            "withdraw_form": WithdrawForm(),
        },
    )


@municipality_view("assess_resident")
@require_POST
def assessment_withdraw(request, municipality, pk: int, assessment_pk: int):
    """Withdraw a measurement entered by mistake, with a reason (kept, audited)."""
    resident = core_queries.get_resident(request.user, municipality, pk)
    assessment = queries.get_assessment(request.user, municipality, resident, assessment_pk)
    form = WithdrawForm(request.POST)
    if form.is_valid():
        try:
            services.withdraw_assessment(
                actor=request.user, assessment=assessment, reason=form.cleaned_data["reason"]
            )
        except services.WithdrawError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("De meting is ingetrokken. Ze telt niet meer mee."))
    else:
        messages.error(request, _("Schrijf op waarom u de meting intrekt."))
    url = reverse("core:resident_detail", kwargs={"municipality_slug": municipality.slug, "pk": pk})
    return redirect(f"{url}#metingen-kop")
