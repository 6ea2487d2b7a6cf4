"""Screens about roles: members and invitations (admin), the roles page with approvals and the
history of grants (coordinator and admin), and the invitee's answer."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omzien.core import memberships, queries
from omzien.core.forms import InviteForm
from omzien.core.models import Invitation
from omzien.core.permissions import municipality_view

_OPEN = (Invitation.Status.AWAITING_APPROVAL, Invitation.Status.AWAITING_ACCEPTANCE)


def _invite(request, municipality, form) -> bool:
    data = form.cleaned_data
    try:
        invitation = memberships.invite_member(
            actor=request.user,
            municipality=municipality,
            request=request,
            **{key: data[key] for key in InviteForm.base_fields},
        )
    except ValidationError as error:
        form.add_error(None, error)
        return False
    if invitation.status == Invitation.Status.AWAITING_APPROVAL:
        messages.success(
            request,
            _(
                "De uitnodiging wacht op goedkeuring door een kartrekker of een andere "
                "functioneel beheerder. Daarna krijgt de persoon een e-mail."
            ),
        )
    else:
        messages.success(
            request,
            _(
                "De uitnodiging is verstuurd. De persoon krijgt een e-mail en krijgt de rol "
                "als hij of zij de uitnodiging aanneemt."
            ),
        )
    return True


@municipality_view("manage_memberships")
def member_list(request, municipality):
    form = InviteForm(request.POST or None, municipality=municipality)
    if request.method == "POST" and form.is_valid() and _invite(request, municipality, form):
        return redirect("core:member_list", municipality_slug=municipality.slug)
    context = {
        "municipality": municipality,
        "memberships": queries.memberships_for(request.user, municipality),
        "invitations": queries.invitations_for(request.user, municipality).filter(status__in=_OPEN),
        "form": form,
    }
    return render(request, "core/member_list.html", context)


@municipality_view("manage_memberships")
@require_POST
def member_revoke(request, municipality, pk: int):
    membership = get_object_or_404(queries.memberships_for(request.user, municipality), pk=pk)
    try:
        memberships.revoke_membership(actor=request.user, membership=membership)
    except PermissionDenied as refusal:
        messages.error(request, str(refusal) or _("Dat mag u niet."))
    else:
        messages.success(request, _("De rol is ingetrokken."))
    return redirect("core:member_list", municipality_slug=municipality.slug)


@municipality_view("approve_memberships")
def roles_page(request, municipality):
    invitations = queries.invitations_for(request.user, municipality)
    context = {
        "municipality": municipality,
        "awaiting": invitations.filter(status=Invitation.Status.AWAITING_APPROVAL),
        "history": queries.role_events_for(request.user, municipality),
    }
    return render(request, "core/roles.html", context)


def _decide(request, municipality, pk: int, approve: bool):
    invitation = get_object_or_404(queries.invitations_for(request.user, municipality), pk=pk)
    try:
        memberships.decide_invitation(
            actor=request.user, invitation=invitation, approve=approve, request=request
        )
    except (PermissionDenied, ValidationError) as refusal:
        text = refusal.messages[0] if isinstance(refusal, ValidationError) else str(refusal)
        messages.error(request, text or _("Dat mag u niet."))
    else:
        messages.success(
            request,
            _("Goedgekeurd. De persoon krijgt een e-mail.")
            if approve
            else _("De uitnodiging is niet goedgekeurd."),
        )
    return redirect("core:roles", municipality_slug=municipality.slug)


@municipality_view("approve_memberships")
@require_POST
def invitation_approve(request, municipality, pk: int):
    return _decide(request, municipality, pk, approve=True)


@municipality_view("approve_memberships")
@require_POST
def invitation_refuse(request, municipality, pk: int):
    return _decide(request, municipality, pk, approve=False)


@login_required
def my_invitations(request):
    return render(
        request,
        "core/invitations.html",
        {"invitations": queries.open_invitations_of(request.user)},
    )


def _answer(request, pk: int, accept: bool):
    invitation = get_object_or_404(queries.open_invitations_of(request.user), pk=pk)
    try:
        memberships.answer_invitation(actor=request.user, invitation=invitation, accept=accept)
    except (PermissionDenied, ValidationError) as refusal:
        text = refusal.messages[0] if isinstance(refusal, ValidationError) else str(refusal)
        messages.error(request, text or _("Dat mag u niet."))
        return redirect("core:invitations")
    if accept:
        messages.success(
            request,
            _("U heeft de rol in %(municipality)s aangenomen.")
            % {"municipality": invitation.municipality.name},
        )
        return redirect("core:municipality_home", municipality_slug=invitation.municipality.slug)
    messages.success(request, _("U heeft de uitnodiging afgeslagen."))
    return redirect("core:invitations")


@login_required
@require_POST
def invitation_accept(request, pk: int):
    return _answer(request, pk, accept=True)


@login_required
@require_POST
def invitation_decline(request, pk: int):
    return _answer(request, pk, accept=False)
