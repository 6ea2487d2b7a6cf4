"""The coalition's pages under ``/g/<slug>/``: the overview (``view_coalition``) and the forms
for members, the kartrekker, joint activities and local participations
(``manage_coalition``). Thin: parse a form, call one service, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from omzien.benchmark.coalition import queries, services
from omzien.benchmark.coalition.forms import (
    ActivityForm,
    EndMemberForm,
    KartrekkerForm,
    MemberForm,
    ParticipationForm,
)
from omzien.benchmark.models import (
    CoalitionMember,
    JointActivity,
    Kartrekker,
    LocalParticipation,
)
from omzien.core.permissions import municipality_view
from omzien.core.scoping import can

TEMPLATES = "benchmark/coalition/"


@municipality_view("view_coalition")
@require_safe
def coalition_overview(request, municipality):
    context = queries.overview(request.user, municipality)
    can_manage = can(request.user, services.MANAGE, municipality)
    context.update(municipality=municipality, can_manage=can_manage)
    if can_manage:  # the kartrekker is edited right here (errors show on its own page)
        kartrekker = context["kartrekker"] or Kartrekker(municipality=municipality)
        context["kartrekker_form"] = KartrekkerForm(instance=kartrekker)
    return render(request, TEMPLATES + "overview.html", context)


def _form_page(request, municipality, form, save, template, context):
    """Save a valid form with ``save`` (a service); on an error show the form again as typed,
    with the message, and status 400."""
    if request.method == "POST" and form.is_valid():
        try:
            save(actor=request.user, form=form)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Opgeslagen."))
            return redirect("benchmark:coalition", municipality_slug=municipality.slug)
    context = {"municipality": municipality, "form": form, **context}
    status = 400 if request.method == "POST" else 200
    return render(request, TEMPLATES + template, context, status=status)


def _member_page(request, municipality, member: CoalitionMember, end_form=None):
    data = request.POST if request.method == "POST" and end_form is None else None
    form = MemberForm(data, instance=member, municipality=municipality)
    if end_form is None and member.pk and member.left_on is None:
        end_form = EndMemberForm(prefix="stop")
    return _form_page(
        request,
        municipality,
        form,
        services.save_member,
        "member_form.html",
        {"member": member, "end_form": end_form},
    )


@municipality_view("manage_coalition")
def member_create(request, municipality):
    return _member_page(request, municipality, CoalitionMember(municipality=municipality))


@municipality_view("manage_coalition")
def member_edit(request, municipality, pk: int):
    member = get_object_or_404(queries.members_for(request.user, municipality), pk=pk)
    if request.method == "POST" and "stop-left_on" in request.POST:
        return _end_member(request, municipality, member)
    return _member_page(request, municipality, member)


def _end_member(request, municipality, member):
    end_form = EndMemberForm(request.POST, prefix="stop")
    if end_form.is_valid():
        try:
            services.end_member(
                actor=request.user, member=member, left_on=end_form.cleaned_data["left_on"]
            )
        except ValidationError as error:
            end_form.add_error(None, error)
        else:
            messages.success(request, _("De organisatie staat nu als gestopt in de lijst."))
            return redirect("benchmark:coalition", municipality_slug=municipality.slug)
    # The member's form unchanged (unbound), the stop form with its error; status 400.
    return _member_page(request, municipality, member, end_form=end_form)


@municipality_view("manage_coalition")
def kartrekker_edit(request, municipality):
    kartrekker = queries.kartrekker_for(request.user, municipality) or Kartrekker(
        municipality=municipality
    )
    form = KartrekkerForm(request.POST or None, instance=kartrekker)
    return _form_page(
        request, municipality, form, services.save_kartrekker, "kartrekker_form.html", {}
    )


def _activity_page(request, municipality, activity: JointActivity):
    members = queries.members_for(request.user, municipality)
    form = ActivityForm(request.POST or None, instance=activity, members=members)
    return _form_page(
        request,
        municipality,
        form,
        services.save_activity,
        "activity_form.html",
        {"activity": activity},
    )


@municipality_view("manage_coalition")
def activity_create(request, municipality):
    return _activity_page(request, municipality, JointActivity(municipality=municipality))


@municipality_view("manage_coalition")
def activity_edit(request, municipality, pk: int):
    activity = get_object_or_404(queries.activities_for(request.user, municipality), pk=pk)
    return _activity_page(request, municipality, activity)


def _participation_page(request, municipality, participation: LocalParticipation):
    form = ParticipationForm(request.POST or None, instance=participation)
    return _form_page(
        request,
        municipality,
        form,
        services.save_participation,
        "participation_form.html",
        {"participation": participation},
    )


@municipality_view("manage_coalition")
def participation_create(request, municipality):
    return _participation_page(request, municipality, LocalParticipation(municipality=municipality))


@municipality_view("manage_coalition")
def participation_edit(request, municipality, pk: int):
    participation = get_object_or_404(queries.participations_for(request.user, municipality), pk=pk)
    return _participation_page(request, municipality, participation)
