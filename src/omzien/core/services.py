"""Writes of core records: acting user first, one transaction, audit inside."""

from __future__ import annotations

import hashlib

from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from omzien.core import audit
from omzien.core.models import Membership, Municipality, Resident, User
from omzien.core.scoping import forget_memberships, require


@transaction.atomic
def create_resident(*, actor: User, municipality: Municipality, data: dict) -> Resident:
    require(actor, "change_resident", municipality)
    resident = Resident(municipality=municipality, **data)
    resident.full_clean(exclude=["district"])
    resident.save()
    audit.record("resident_created", actor=actor, resident=resident)
    return resident


@transaction.atomic
def update_resident(*, actor: User, resident: Resident, data: dict) -> Resident:
    require(actor, "change_resident", resident)
    changed = [field for field, value in data.items() if getattr(resident, field) != value]
    for field in changed:
        setattr(resident, field, data[field])
    if changed:
        resident.full_clean(exclude=["district"])
        resident.save()
        audit.record("resident_changed", actor=actor, resident=resident, fields=changed)
    return resident


def username_for(email: str) -> str:
    """A username for a new account: the e-mail address when it fits the column (150), else
    its start with a short hash. People log in with their e-mail address either way."""
    limit = User._meta.get_field("username").max_length
    if len(email) <= limit:
        return email
    digest = hashlib.sha256(email.encode()).hexdigest()[:12]
    return f"{email[: limit - 13]}-{digest}"


def _send_invitation(request, user: User, municipality: Municipality) -> None:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    link = request.build_absolute_uri(
        reverse("core:password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    )
    send_mail(
        subject=_("Uitnodiging voor Omzien (%(municipality)s)")
        % {"municipality": municipality.name},
        message=_(
            "U bent uitgenodigd om Omzien te gebruiken.\n\n"
            "Kies via deze link een wachtwoord:\n%(link)s\n\n"
            "Daarna stelt u bij de eerste keer inloggen een tweede stap in met een app op uw "
            "telefoon.\n"
        )
        % {"link": link},
        from_email=None,
        recipient_list=[user.email],
    )


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
) -> Membership:
    """Create (or find) the user by e-mail and grant a role; new users get an invitation."""
    require(actor, "manage_memberships", municipality)
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    is_new = user is None
    if is_new:
        user = User(
            username=username_for(email), email=email, first_name=first_name, last_name=last_name
        )
        user.set_unusable_password()
        user.save()
    membership, created = Membership.objects.get_or_create(
        user=user,
        municipality=municipality,
        role=role,
        defaults={"organisation": organisation, "team": team},
    )
    if not created:
        membership.organisation = organisation
        membership.team = team
        membership.save(update_fields=["organisation", "team"])
    membership.districts.set(districts)
    forget_memberships(user)
    audit.record(
        "membership_granted",
        actor=actor,
        municipality=municipality,
        obj=membership,
        role=role,
        user=user.pk,
        new_user=is_new,
    )
    if is_new and request is not None:
        transaction.on_commit(lambda: _send_invitation(request, user, municipality))
    return membership


@transaction.atomic
def revoke_membership(*, actor: User, membership: Membership) -> None:
    require(actor, "manage_memberships", membership)
    audit.record(
        "membership_revoked",
        actor=actor,
        municipality=membership.municipality,
        obj=membership,
        role=membership.role,
        user=membership.user_id,
    )
    membership.delete()
