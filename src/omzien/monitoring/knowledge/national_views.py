"""The programme's curation of approaches (national pages under ``landelijk/aanpakken/``):
the queue of submitted approaches, and an approach's page with publish, return (with a
note), feature and unpublish."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from omzien.core.permissions import national_view
from omzien.monitoring.knowledge import queries, services
from omzien.monitoring.knowledge.forms import NoteForm
from omzien.monitoring.models import Approach, ApproachState

DONE = {
    "publish": _("De aanpak is gepubliceerd: alle gemeenten kunnen hem nu vinden."),
    "return": _("De aanpak is teruggestuurd naar de gemeente, met uw toelichting."),
    "unpublish": _("De aanpak is niet meer gepubliceerd en teruggestuurd naar de gemeente."),
    "feature": _("De aanpak staat nu bovenaan als uitgelicht."),
    "unfeature": _("De aanpak is niet meer uitgelicht."),
}


@national_view
def curation_queue(request):
    return render(
        request,
        "monitoring/knowledge/curation_queue.html",
        {"queue": queries.curation_queue(), "curated": queries.curated()[:100]},
    )


def _act(request, approach: Approach, action: str, note: str) -> None:
    if action in ("feature", "unfeature"):
        services.set_featured(actor=request.user, approach=approach, featured=action == "feature")
    elif action in services.MOVES and services.MOVES[action][0] == "curate_approaches":
        services.move_approach(actor=request.user, approach=approach, action=action, note=note)
    else:
        raise ValidationError(_("Deze stap bestaat niet."))


@national_view
def curation_detail(request, pk: int):
    # A draft belongs to its municipality alone, even for the programme.
    approach = get_object_or_404(
        Approach.objects.exclude(state=ApproachState.DRAFT).select_related(
            "municipality", "initiative"
        ),
        pk=pk,
    )
    form = NoteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        action = request.POST.get("actie", "")
        try:
            _act(request, approach, action, form.cleaned_data["note"])
        except ValidationError as error:
            form.add_error("note" if action in services.NEEDS_NOTE else None, error)
        else:
            messages.success(request, DONE[action])
            return redirect("monitoring:curation_detail", pk=pk)
    return render(
        request,
        "monitoring/knowledge/curation_detail.html",
        {
            "approach": approach,
            "form": form,
            "moves": services.moves_for(approach, "curate_approaches"),
        },
        status=400 if form.errors else 200,
    )
