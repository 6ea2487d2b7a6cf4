"""The coordinator's round pages: the list, the form, the round's page with its parts, and
the status moves. Policy staff see the list and the progress (aggregates), nothing else."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omzien.core.permissions import municipality_view
from omzien.core.scoping import can
from omzien.visits.models import VisitRound
from omzien.visits.rounds import services
from omzien.visits.rounds.forms import RoundForm

MOVED = {
    VisitRound.Status.RUNNING: _("De ronde loopt. Vrijwilligers zien nu hun adressen."),
    VisitRound.Status.PREPARING: _("De ronde staat weer in voorbereiding."),
    VisitRound.Status.CLOSED: _("De ronde is gesloten."),
}


def round_of(request, municipality, pk: int) -> VisitRound:
    """A round the user may see in this municipality, else 404."""
    return get_object_or_404(VisitRound.objects.visible_to(request.user, municipality), pk=pk)


@municipality_view("view_visit_progress")
def round_list(request, municipality):
    rounds = (
        VisitRound.objects.visible_to(request.user, municipality)
        .annotate(n_addresses=Count("addresses"))
        .order_by("-starts_on", "-pk")
    )
    return render(
        request,
        "visits/rounds/round_list.html",
        {
            "municipality": municipality,
            "rounds": rounds,
            "can_manage": can(request.user, "manage_visit_rounds", municipality),
        },
    )


def _form_page(request, municipality, round: VisitRound):
    form = RoundForm(request.POST or None, instance=round, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_round(actor=request.user, round=round, form=form)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De ronde is opgeslagen."))
            return redirect("visits:round_detail", municipality_slug=municipality.slug, pk=saved.pk)
    return render(
        request,
        "visits/rounds/round_form.html",
        {"municipality": municipality, "form": form, "round": round},
        status=400 if request.method == "POST" else 200,
    )


@municipality_view("manage_visit_rounds")
def round_create(request, municipality):
    return _form_page(request, municipality, services.new_round(municipality))


@municipality_view("manage_visit_rounds")
def round_edit(request, municipality, pk: int):
    return _form_page(request, municipality, round_of(request, municipality, pk))


@municipality_view("view_visit_progress")
def round_detail(request, municipality, pk: int):
    round = round_of(request, municipality, pk)
    manage = can(request.user, "manage_visit_rounds", municipality)
    counts = {}
    if manage:
        counts = dict(round.addresses.values_list("status").annotate(n=Count("pk")).order_by())
    return render(
        request,
        "visits/rounds/round_detail.html",
        {
            "municipality": municipality,
            "round": round,
            "can_manage": manage,
            "counts": counts,
            "total": sum(counts.values()),
            "moves": sorted(services.MOVES.get(round.status, set())) if manage else [],
            "statuses": VisitRound.Status,
        },
    )


@municipality_view("manage_visit_rounds")
@require_POST
def round_move(request, municipality, pk: int):
    round = round_of(request, municipality, pk)
    status = request.POST.get("status", "")
    try:
        services.move_round(actor=request.user, round=round, status=status)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, MOVED[status])
    return redirect("visits:round_detail", municipality_slug=municipality.slug, pk=round.pk)
