"""From a provider's verified claims to an account and its memberships (docs/sso.md, "Mapping").

* The account is found by ``(issuer, subject)`` (``SsoIdentity``), never by e-mail alone. Only a
  provider with ``link_verified_email`` links a first login to an existing account with the same
  e-mail address, and only when the token says ``email_verified: true`` and every membership of
  that account is in the provider's municipality (an account without memberships may be linked).
* The roles are the rows of the provider's table whose value is in the roles claim.
* The identity provider is the source of the roles **in its table**: a role of the table that
  the claim no longer gives is revoked at the next login; roles outside the table (given by an
  invitation) are left alone.
* Nobody without a role from the table gets in; a first login without one creates no account.
* Platform operators (Django staff, superusers) never log in through SSO.
* Every grant, revocation, link, new account and refusal is audited with numbers and codes only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from omzien.core import audit
from omzien.core.models import Membership, SsoIdentity, SsoProvider, User
from omzien.core.scoping import forget_memberships
from omzien.core.services import username_for


@dataclass
class SignIn:
    """What a login through a provider did. ``refused`` holds a reason code (see views)."""

    user: User | None = None
    refused: str = ""
    created: bool = False
    mfa: bool = False
    granted: list[str] = field(default_factory=list)
    revoked: list[str] = field(default_factory=list)


def claim_values(claims: dict, name: str) -> set[str]:
    """A claim as a set of strings: a list gives its items, a string is one value."""
    value = claims.get(name)
    if isinstance(value, list | tuple):
        return {str(item) for item in value if item is not None}
    if value is None or value == "":
        return set()
    return {str(value)}


def roles_for(provider: SsoProvider, claims: dict) -> set[str]:
    values = claim_values(claims, provider.roles_claim)
    return {rule.role for rule in provider.rules.all() if rule.claim_value in values}


def asserted_mfa(provider: SsoProvider, claims: dict) -> bool:
    """The MFA rule: an ``amr`` value of the provider's list, or an ``acr`` of its list."""
    if claim_values(claims, "amr") & provider.amr_list():
        return True
    acr = claims.get("acr")
    return isinstance(acr, str) and acr in provider.acr_list()


def sign_in(provider: SsoProvider, claims: dict) -> SignIn:
    """Find (or create) the account, bring its memberships in line with the claims, and audit.
    A refusal still commits the revocations: a role removed at the IdP is gone either way."""
    with transaction.atomic():
        result = _sign_in(provider, claims)
    if result.refused:
        audit.record(
            "sso_refused",
            obj=result.user,
            municipality=provider.municipality,
            provider=provider.pk,
            reason=result.refused,
        )
    return result


def _sign_in(provider: SsoProvider, claims: dict) -> SignIn:
    subject = claims.get(provider.subject_claim)
    if not isinstance(subject, str | int) or str(subject) == "":
        return SignIn(refused="claims")
    wanted = roles_for(provider, claims)
    identity = (
        SsoIdentity.objects.select_related("user")
        .filter(issuer=provider.issuer, subject=str(subject))
        .first()
    )
    result = SignIn(mfa=asserted_mfa(provider, claims))
    if identity is None:
        if not wanted:
            result.refused = "no_role"
            return result
        user, result.refused, result.created = _link_or_create(provider, claims)
        if user is None:
            return result
        identity = SsoIdentity.objects.create(
            user=user, provider=provider, issuer=provider.issuer, subject=str(subject)
        )
    result.user = identity.user
    if not result.user.is_active:
        result.refused = "inactive"
        return result
    if result.user.is_staff or result.user.is_superuser:
        result.refused = "staff"  # platform operators log in with password and code
        return result
    result.granted, result.revoked = _sync(provider, result.user, wanted)
    if not wanted:
        result.refused = "no_role"
        return result
    identity.last_login = timezone.now()
    identity.save(update_fields=["last_login"])
    audit.record(
        "sso_login",
        actor=result.user,
        municipality=provider.municipality,
        provider=provider.pk,
        mfa=result.mfa,
        account_created=result.created,
    )
    return result


def _email(claims: dict) -> str:
    email = claims.get("email")
    return email.strip().lower() if isinstance(email, str) else ""


def _link_or_create(provider: SsoProvider, claims: dict) -> tuple[User | None, str, bool]:
    """(user, refusal reason, created) for a first login through this provider."""
    email = _email(claims)
    if not email or "@" not in email:
        return None, "no_email", False
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        trusted = claims.get("email_verified") is True and not existing.is_staff
        if provider.link_verified_email and trusted and not existing.is_superuser:
            if _elsewhere(existing, provider):
                return None, "email_taken", False
            audit.record(
                "sso_account_linked",
                actor=existing,
                municipality=provider.municipality,
                provider=provider.pk,
            )
            return existing, "", False
        return None, "email_taken", False
    if not provider.create_accounts:
        return None, "no_account", False
    user = User(
        username=username_for(email),
        email=email,
        first_name=str(claims.get("given_name") or "")[:150],
        last_name=str(claims.get("family_name") or "")[:150],
    )
    user.set_unusable_password()
    user.save()
    return user, "", True


def _elsewhere(user: User, provider: SsoProvider) -> bool:
    """Whether the account holds a role outside the provider's municipality (a national role
    counts as outside): one municipality's identity provider never takes over such an account."""
    return (
        Membership.objects.filter(user=user)
        .exclude(municipality_id=provider.municipality_id)
        .exists()
    )


def _sync(provider: SsoProvider, user: User, wanted: set[str]) -> tuple[list[str], list[str]]:
    """Grant the wanted roles of the table, revoke the table's roles no longer wanted."""
    municipality = provider.municipality
    managed = {rule.role for rule in provider.rules.all()}
    current = {
        m.role: m
        for m in Membership.objects.filter(user=user, municipality=municipality, role__in=managed)
    }
    granted, revoked = [], []
    for role in sorted(wanted - current.keys()):
        membership = Membership.objects.create(user=user, municipality=municipality, role=role)
        _audit_membership("membership_granted", membership, provider)
        granted.append(role)
    for role in sorted(current.keys() - wanted):
        membership = current[role]
        _audit_membership("membership_revoked", membership, provider)
        membership.delete()
        revoked.append(role)
    forget_memberships(user)
    return granted, revoked


def _audit_membership(action: str, membership: Membership, provider) -> None:
    """One audit event of a role granted or revoked through the provider's role table."""
    audit.record(
        action,
        municipality=membership.municipality,
        obj=membership,
        role=membership.role,
        user=membership.user_id,
        via="sso",
        provider=provider.pk,
    )
