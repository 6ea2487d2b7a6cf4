"""Core's audit actions and objects in Dutch, for the audit log (core.extensions
``audit_actions`` and ``audit_objects``; every app registers its own the same way)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from omzien.core.extensions import AuditObject, audit_objects, register_audit_actions

ACTIONS = {
    "resident_list_viewed": _("Inwonerslijst bekeken"),
    "resident_viewed": _("Inwoner bekeken"),
    "resident_created": _("Inwoner toegevoegd"),
    "resident_changed": _("Gegevens van inwoner gewijzigd"),
    "invitation_created": _("Rol aangeboden"),
    "invitation_approved": _("Aangeboden rol goedgekeurd"),
    "invitation_refused": _("Aangeboden rol afgewezen"),
    "invitation_declined": _("Aangeboden rol niet aangenomen"),
    "membership_granted": _("Rol gegeven"),
    "membership_revoked": _("Rol ingetrokken"),
    "login": _("Ingelogd"),
    "logout": _("Uitgelogd"),
    "login_failed": _("Inloggen mislukt"),
    "login_locked_out": _("Inloggen geblokkeerd"),
    "password_reset_limited": _("Te vaak nieuw wachtwoord gevraagd"),
    "second_factor_set_up": _("Tweede stap ingesteld"),
    "second_factor_verified": _("Tweede stap gelukt"),
    "second_factor_failed": _("Tweede stap mislukt"),
    "sso_login": _("Ingelogd via SSO"),
    "sso_refused": _("Inloggen via SSO geweigerd"),
    "sso_account_linked": _("Account gekoppeld aan SSO"),
    "municipality_onboarded": _("Gemeente aangemeld"),
    "team_created": _("Team gemaakt"),
    "team_districts_changed": _("Wijken van team gewijzigd"),
    "member_team_changed": _("Team van medewerker gewijzigd"),
}

#: Page views: a page records at most one of these per object or resident.
READS = ("resident_list_viewed", "resident_viewed")


def _visible_residents(user, municipality, ids) -> set[int]:
    from omzien.core.models import Resident
    from omzien.core.scoping import can

    if not can(user, "view_resident", municipality):
        return set()
    return set(
        Resident.objects.visible_to(user, municipality)
        .filter(pk__in=ids)
        .values_list("pk", flat=True)
    )


def register() -> None:
    register_audit_actions(ACTIONS, reads=READS)
    for record in (
        AuditObject("core.resident", _("Inwoner"), "core:resident_detail", _visible_residents),
        AuditObject("core.user", _("Gebruiker")),
        AuditObject("core.membership", _("Rol")),
        AuditObject("core.invitation", _("Uitnodiging")),
        AuditObject("core.team", _("Team")),
        AuditObject("core.municipality", _("Gemeente")),
    ):
        audit_objects.register(record)
