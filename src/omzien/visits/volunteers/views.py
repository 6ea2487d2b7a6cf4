"""The coordinator's volunteer pages (list, registration, hand-over), the distribution of a
round's addresses ("Verdeel"), moving one address, and the volunteer's own record."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from omzien.core.permissions import municipality_view
from omzien.core.scoping import can
from omzien.visits.models import VisitAddress, VisitRound, Volunteer
from omzien.visits.volunteers import assignment, queries, services
from omzien.visits.volunteers.forms import ReceiverForm, VolunteerForm


def _volunteer_of(request, municipality, pk: int) -> Volunteer:
    return get_object_or_404(Volunteer.objects.visible_to(request.user, municipality), pk=pk)


@municipality_view("manage_volunteers")
def volunteer_list(request, municipality):
    today = timezone.localdate()
    volunteers = list(queries.volunteers_for(request.user, municipality))
    for volunteer in volunteers:
        volunteer.vog_status = queries.vog_status(volunteer, today)
    return render(
        request,
        "visits/volunteers/volunteer_list.html",
        {
            "municipality": municipality,
            "volunteers": volunteers,
            "can_invite": can(request.user, "manage_memberships", municipality),
        },
    )


def _form_page(request, municipality, volunteer: Volunteer, extra=None):
    candidates = None
    if volunteer.pk is None:
        candidates = queries.candidates_for(request.user, municipality)
    form = VolunteerForm(
        request.POST or None, instance=volunteer, municipality=municipality, candidates=candidates
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_volunteer(actor=request.user, volunteer=volunteer, form=form)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De gegevens van de vrijwilliger zijn opgeslagen."))
            return redirect(
                "visits:volunteer_edit", municipality_slug=municipality.slug, pk=saved.pk
            )
    return render(
        request,
        "visits/volunteers/volunteer_form.html",
        {
            "municipality": municipality,
            "form": form,
            "volunteer": volunteer,
            "no_candidates": candidates is not None and not candidates.exists(),
            "can_invite": can(request.user, "manage_memberships", municipality),
            **(extra or {}),
        },
        status=400 if request.method == "POST" else 200,
    )


@municipality_view("manage_volunteers")
def volunteer_create(request, municipality):
    return _form_page(request, municipality, Volunteer(municipality=municipality))


@municipality_view("manage_volunteers")
def volunteer_edit(request, municipality, pk: int):
    volunteer = _volunteer_of(request, municipality, pk)
    extra = {"vog_status": queries.vog_status(volunteer)}
    if request.method != "POST":
        extra["addresses"] = queries.open_addresses_of(request.user, municipality, volunteer)
    return _form_page(request, municipality, volunteer, extra)


@municipality_view("manage_volunteers")
def volunteer_handover(request, municipality, pk: int):
    volunteer = _volunteer_of(request, municipality, pk)
    receivers = queries.receivers_for(
        request.user, municipality, timezone.localdate(), besides=volunteer
    )
    form = ReceiverForm(request.POST or None, receivers=receivers)
    if request.method == "POST" and form.is_valid():
        try:
            moved = services.hand_over(
                actor=request.user, volunteer=volunteer, receiver=form.cleaned_data["receiver"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                ngettext("%(n)s adres is overgedragen.", "%(n)s adressen zijn overgedragen.", moved)
                % {"n": moved},
            )
            return redirect("visits:volunteer_list", municipality_slug=municipality.slug)
    return render(
        request,
        "visits/volunteers/handover.html",
        {
            "municipality": municipality,
            "volunteer": volunteer,
            "form": form,
            "open_count": services.open_addresses(volunteer).count(),
        },
        status=400 if request.method == "POST" else 200,
    )


@municipality_view("manage_volunteers")
def address_reassign(request, municipality, pk: int):
    address = get_object_or_404(
        VisitAddress.objects.visible_to(request.user, municipality).select_related(
            "round", "district", "volunteer__user"
        ),
        pk=pk,
    )
    receivers = queries.receivers_for(
        request.user, municipality, assignment.visit_day(address.round)
    )
    form = ReceiverForm(
        request.POST or None, receivers=receivers, initial={"receiver": address.volunteer_id}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.reassign_address(
                actor=request.user, address=address, volunteer=form.cleaned_data["receiver"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Het adres is opnieuw toegewezen."))
            return redirect(
                "visits:round_distribute", municipality_slug=municipality.slug, pk=address.round_id
            )
    else:
        queries.audited_list(request.user, municipality, [address], address)
    return render(
        request,
        "visits/volunteers/reassign.html",
        {"municipality": municipality, "address": address, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@municipality_view("manage_volunteers")
def round_distribute(request, municipality, pk: int):
    round = get_object_or_404(VisitRound.objects.visible_to(request.user, municipality), pk=pk)
    if request.method == "POST":
        try:
            done = assignment.distribute(actor=request.user, round=round)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _distributed_message(done))
        return redirect("visits:round_distribute", municipality_slug=municipality.slug, pk=pk)
    rows = queries.distribution_for(request.user, municipality, round)
    return render(
        request,
        "visits/volunteers/distribute.html",
        {
            "municipality": municipality,
            "round": round,
            "rows": rows,
            "day": assignment.visit_day(round),
            "stranded": queries.stranded_for(request.user, municipality, round, rows),
            "listed": queries.LISTED,
            "closed": round.status == VisitRound.Status.CLOSED,
        },
    )


def _distributed_message(done: assignment.Distribution) -> str:
    text = ngettext(
        "%(n)s adres is verdeeld over %(v)s vrijwilliger(s).",
        "%(n)s adressen zijn verdeeld over %(v)s vrijwilliger(s).",
        done.assigned,
    ) % {"n": done.assigned, "v": done.volunteers}
    left = sum(done.left.values())
    if left:
        text += " " + ngettext(
            "%(n)s adres bleef over: in die wijk mag geen vrijwilliger bezoeken.",
            "%(n)s adressen bleven over: in die wijken mag geen vrijwilliger bezoeken.",
            left,
        ) % {"n": left}
    return text


@municipality_view("record_visit")
def my_record(request, municipality):
    record = queries.own_record(request.user, municipality)
    return render(
        request,
        "visits/volunteers/my_record.html",
        {
            "municipality": municipality,
            "record": record,
            "vog_status": queries.vog_status(record) if record else "",
        },
    )
