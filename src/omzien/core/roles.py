"""The roles of DESIGN.md and what each may do: the one permission table.

``core.scoping`` reads this table; nothing else decides who may do what.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    REPORTER = "reporter", _("Signaleerder")
    CASEWORKER = "caseworker", _("Welzijnswerker")
    COORDINATOR = "coordinator", _("Kartrekker")
    VOLUNTEER = "volunteer", _("Vrijwilliger")
    POLICY = "policy", _("Beleidsmedewerker")
    PROGRAMME = "programme", _("Landelijk programmateam")
    ADMIN = "admin", _("Functioneel beheerder")


#: Roles that see personal data of residents and therefore need a second factor.
PERSONAL_DATA_ROLES = frozenset({Role.CASEWORKER, Role.COORDINATOR, Role.VOLUNTEER, Role.ADMIN})

#: Roles whose membership is national (no municipality).
NATIONAL_ROLES = frozenset({Role.PROGRAMME})

#: action -> roles allowed to perform it within a municipality.
PERMISSIONS: dict[str, frozenset[str]] = {
    # Municipality-level
    "view_municipality": frozenset(Role.values),
    "submit_signal": frozenset({Role.REPORTER, Role.CASEWORKER, Role.COORDINATOR}),
    "view_residents": frozenset({Role.CASEWORKER, Role.COORDINATOR}),
    "view_resident": frozenset({Role.CASEWORKER, Role.COORDINATOR}),
    "change_resident": frozenset({Role.CASEWORKER, Role.COORDINATOR}),
    "assess_resident": frozenset({Role.CASEWORKER, Role.COORDINATOR, Role.VOLUNTEER}),
    "view_aggregates": frozenset({Role.CASEWORKER, Role.COORDINATOR, Role.POLICY, Role.PROGRAMME}),
    "view_unsuppressed_aggregates": frozenset({Role.CASEWORKER, Role.COORDINATOR}),
    "manage_settings": frozenset({Role.COORDINATOR, Role.ADMIN}),
    "manage_organisations": frozenset({Role.COORDINATOR}),
    "manage_teams": frozenset({Role.COORDINATOR}),
    "view_audit": frozenset({Role.ADMIN}),
    "manage_memberships": frozenset({Role.ADMIN}),
    "record_visit": frozenset({Role.VOLUNTEER}),
    # Signalling point
    "view_cases": frozenset({Role.CASEWORKER, Role.COORDINATOR}),
    "work_case": frozenset({Role.CASEWORKER, Role.COORDINATOR}),
    "assign_case": frozenset({Role.COORDINATOR}),
    "manage_routing": frozenset({Role.COORDINATOR}),
    "manage_partners": frozenset({Role.COORDINATOR}),
    "manage_texts": frozenset({Role.COORDINATOR}),
    "view_own_signals": frozenset({Role.REPORTER}),
    "export_resident": frozenset({Role.COORDINATOR}),
    "erase_resident": frozenset({Role.COORDINATOR}),
}


def roles_allowed(action: str) -> frozenset[str]:
    try:
        return PERMISSIONS[action]
    except KeyError:
        raise ValueError(f"Unknown action {action!r}; add it to core.roles.PERMISSIONS.") from None
