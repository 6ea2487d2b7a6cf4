"""Onboarding a municipality (issue 8): its first coordinator and functional admin.

A member of the national programme team, or a system administrator (a Django superuser; the
management command ``onboard_municipality`` for scripts), invites the first coordinator and
the first admin of a municipality that has none yet. They are ordinary invitations
(``core/memberships.py``): the person chooses a password through the e-mailed link, logs in,
sets up the second factor and accepts. From then on the municipality runs itself: the
coordinator makes teams (``core/teams.py``), invites the others, sets norms and texts and
opens the signalling point. Nobody onboards themselves, and a municipality that already has a
coordinator (or an open invitation for one) is not onboarded again: its own coordinator
invites the next one.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from omzien.core import audit
from omzien.core.memberships import send_invitation
from omzien.core.models import Invitation, Membership, Municipality, User
from omzien.core.roles import Role
from omzien.core.scoping import national_roles


@dataclass(frozen=True)
class Person:
    email: str
    first_name: str = ""
    last_name: str = ""


def may_onboard(user: User | None) -> bool:
    """A system administrator or a member of the national programme team."""
    if user is None or not user.is_authenticated:
        return False
    return user.is_superuser or Role.PROGRAMME in national_roles(user)


def has_coordinator(municipality: Municipality) -> bool:
    open_invitation = Invitation.objects.filter(
        municipality=municipality,
        role=Role.COORDINATOR,
        status__in=[Invitation.Status.AWAITING_APPROVAL, Invitation.Status.AWAITING_ACCEPTANCE],
    )
    coordinator = Membership.objects.filter(municipality=municipality, role=Role.COORDINATOR)
    return coordinator.exists() or open_invitation.exists()


def _invite(actor, municipality, person: Person, role: str, request) -> Invitation:
    invitation = Invitation.objects.create(
        municipality=municipality,
        email=person.email.strip().lower(),
        first_name=person.first_name.strip(),
        last_name=person.last_name.strip(),
        role=role,
        invited_by=actor,
        status=Invitation.Status.AWAITING_ACCEPTANCE,
    )
    send_invitation(invitation, request)
    return invitation


@transaction.atomic
def onboard_municipality(
    *,
    actor: User | None,
    municipality: Municipality,
    coordinator: Person,
    admin: Person | None = None,
    request=None,
    system: bool = False,
) -> list[Invitation]:
    """Invite the first coordinator (and admin). ``system``: the management command, run by
    whoever operates the server (``actor`` None)."""
    if not system and not may_onboard(actor):
        raise PermissionDenied("onboard_municipality")
    if has_coordinator(municipality):
        raise ValidationError(
            _("%(name)s heeft al een kartrekker. Die nodigt nieuwe mensen zelf uit.")
            % {"name": municipality.name}
        )
    people = [(coordinator, Role.COORDINATOR)] + ([(admin, Role.ADMIN)] if admin else [])
    own = (getattr(actor, "email", "") or "").strip().lower()
    if own and any(person.email.strip().lower() == own for person, _role in people):
        raise ValidationError(_("U kunt uzelf geen rol geven in een gemeente."))
    if admin and admin.email.strip().lower() == coordinator.email.strip().lower():
        raise ValidationError(_("Kies twee verschillende mensen voor kartrekker en beheerder."))
    invitations = [_invite(actor, municipality, p, role, request) for p, role in people]
    audit.record(
        "municipality_onboarded",
        actor=actor,
        municipality=municipality,
        roles=[role for _p, role in people],
    )
    return invitations
