"""Writes of roles: invitations, their approval and acceptance, and revoking a role.

The rules (docs/roles.md, "Memberships"):

* Nobody grants, approves or accepts a role offered by themselves, nor revokes their own.
* A role that sees personal data (``PERSONAL_DATA_ROLES``) offered by someone who is not a
  coordinator of the municipality waits for **approval** by a coordinator or by another admin
  of the municipality: never the inviter, never the person invited.
* Every invitation waits for the **person**, who accepts or declines after logging in
  (``/uitnodigingen/``); a new address first gets an account without a password and an e-mail
  with a link to choose one. The inviter sees the same for an address with and without an
  account, and nothing stored about an existing account before it accepts.
* Each step is one transaction with its audit event; the coordinator sees them all on the
  roles page (``ROLE_EVENTS`` in core/scoping.py).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from omzien.core import audit
from omzien.core.models import Invitation, Membership, Municipality, User
from omzien.core.roles import PERSONAL_DATA_ROLES, Role
from omzien.core.scoping import forget_memberships, require, roles_in
from omzien.core.services import username_for

Status = Invitation.Status


def _is_self(actor: User, email: str) -> bool:
    return bool(actor.email) and actor.email.strip().lower() == email


def needs_approval(actor: User, municipality: Municipality, role: str) -> bool:
    """A role that sees personal data, offered by someone who is not a coordinator there."""
    return role in PERSONAL_DATA_ROLES and Role.COORDINATOR not in roles_in(actor, municipality)


@transaction.atomic
def invite_member(
    *,
    actor: User,
    municipality: Municipality,
    email: str,
    first_name: str,
    last_name: str,
    role: str,
    organisation=None,
    team=None,
    districts=(),
    request=None,
) -> Invitation:
    """Offer a role to an e-mail address. Nothing is granted yet (see the module)."""
    require(actor, "manage_memberships", municipality)
    email = email.strip().lower()
    if _is_self(actor, email):
        raise ValidationError(
            _(
                "U kunt uzelf geen rol geven. Vraag een kartrekker of een andere functioneel "
                "beheerder van uw gemeente."
            )
        )
    approval = needs_approval(actor, municipality, role)
    invitation = Invitation.objects.create(
        municipality=municipality,
        email=email,
        first_name=first_name,
        last_name=last_name,
        role=role,
        organisation=organisation,
        team=team,
        invited_by=actor,
        status=Status.AWAITING_APPROVAL if approval else Status.AWAITING_ACCEPTANCE,
    )
    invitation.districts.set(districts)
    audit.record(
        "invitation_created",
        actor=actor,
        municipality=municipality,
        obj=invitation,
        role=role,
        needs_approval=approval,
    )
    if not approval:
        _send(invitation, request)
    return invitation


def send_invitation(invitation: Invitation, request=None) -> None:
    """Find or create the account of the address and e-mail the person (also used when a
    municipality is onboarded, ``core/onboarding.py``)."""
    _send(invitation, request)


def _send(invitation: Invitation, request) -> None:
    """Find or create the account of the address and e-mail the person."""
    user = User.objects.filter(email__iexact=invitation.email).first()
    if user is None:
        user = User(
            username=username_for(invitation.email),
            email=invitation.email,
            first_name=invitation.first_name,
            last_name=invitation.last_name,
        )
        user.set_unusable_password()
        user.save()
    invitation.user = user
    invitation.save(update_fields=["user"])
    transaction.on_commit(lambda: _mail(request, user, invitation.municipality))


def _absolute(request, path: str) -> str:
    """A full link: from the request, or (a management command) from OMZIEN_BASE_URL."""
    if request is not None:
        return request.build_absolute_uri(path)
    return getattr(settings, "OMZIEN_BASE_URL", "").rstrip("/") + path


def _mail(request, user: User, municipality: Municipality) -> None:
    if user.has_usable_password():
        link = _absolute(request, reverse("core:invitations"))
        step = _("Log in en neem de uitnodiging aan (of sla haar af):\n%(link)s\n")
    else:
        uid = urlsafe_base64_encode(force_bytes(user.pk))
        token = default_token_generator.make_token(user)
        link = _absolute(
            request,
            reverse("core:password_reset_confirm", kwargs={"uidb64": uid, "token": token}),
        )
        step = _(
            "Kies via deze link een wachtwoord:\n%(link)s\n\n"
            "Log daarna in en neem de uitnodiging aan. Bij de eerste keer inloggen stelt u "
            "misschien ook een tweede stap in met een app op uw telefoon.\n"
        )
    send_mail(
        subject=_("Uitnodiging voor Omzien (%(municipality)s)")
        % {"municipality": municipality.name},
        message=_("U bent uitgenodigd voor een rol in Omzien (%(municipality)s).\n\n")
        % {"municipality": municipality.name}
        + step % {"link": link},
        from_email=None,
        recipient_list=[user.email],
    )


def _locked_open(invitation: Invitation, status: str) -> Invitation:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status != status:
        raise ValidationError(_("Over deze uitnodiging is al besloten."))
    return invitation


@transaction.atomic
def decide_invitation(*, actor: User, invitation: Invitation, approve: bool, request=None):
    """A coordinator or another admin approves (or refuses) a role awaiting approval."""
    require(actor, "approve_memberships", invitation)
    invitation = _locked_open(invitation, Status.AWAITING_APPROVAL)
    if actor.pk == invitation.invited_by_id or _is_self(actor, invitation.email):
        raise PermissionDenied(
            _("Een rol keurt iemand anders goed dan wie uitnodigde of wie wordt uitgenodigd.")
        )
    invitation.approved_by = actor
    invitation.status = Status.AWAITING_ACCEPTANCE if approve else Status.REFUSED
    if not approve:
        invitation.decided_at = timezone.now()
    invitation.save(update_fields=["approved_by", "status", "decided_at"])
    audit.record(
        "invitation_approved" if approve else "invitation_refused",
        actor=actor,
        obj=invitation,
        role=invitation.role,
        invited_by=invitation.invited_by_id,
    )
    if approve:
        _send(invitation, request)
    return invitation


@transaction.atomic
def answer_invitation(*, actor: User, invitation: Invitation, accept: bool) -> Invitation:
    """The person accepts (the role is granted) or declines an invitation to them."""
    invitation = _locked_open(invitation, Status.AWAITING_ACCEPTANCE)
    if invitation.user_id != actor.pk:
        raise PermissionDenied
    if actor.pk in (invitation.invited_by_id, invitation.approved_by_id):
        raise PermissionDenied(_("U kunt geen rol aannemen die u zelf gaf of goedkeurde."))
    invitation.status = Status.ACCEPTED if accept else Status.DECLINED
    invitation.decided_at = timezone.now()
    invitation.save(update_fields=["status", "decided_at"])
    if not accept:
        audit.record("invitation_declined", actor=actor, obj=invitation, role=invitation.role)
        return invitation
    membership, created = Membership.objects.get_or_create(
        user=actor,
        municipality=invitation.municipality,
        role=invitation.role,
        defaults={"organisation": invitation.organisation, "team": invitation.team},
    )
    if not created:
        membership.organisation = invitation.organisation
        membership.team = invitation.team
        membership.save(update_fields=["organisation", "team"])
    membership.districts.set(invitation.districts.all())
    forget_memberships(actor)
    audit.record(
        "membership_granted",
        actor=actor,
        municipality=invitation.municipality,
        obj=membership,
        role=invitation.role,
        user=actor.pk,
        invitation=invitation.pk,
        invited_by=invitation.invited_by_id,
        approved_by=invitation.approved_by_id,
    )
    return invitation


@transaction.atomic
def revoke_membership(*, actor: User, membership: Membership) -> None:
    require(actor, "manage_memberships", membership)
    if membership.user_id == actor.pk:
        raise PermissionDenied(_("U kunt uw eigen rol niet intrekken."))
    audit.record(
        "membership_revoked",
        actor=actor,
        municipality=membership.municipality,
        obj=membership,
        role=membership.role,
        user=membership.user_id,
    )
    membership.delete()
    forget_memberships(membership.user)
