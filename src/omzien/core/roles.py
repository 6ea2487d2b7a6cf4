"""The roles of DESIGN.md and what each may do: the one permission table.

``core.scoping`` reads this table; nothing else decides who may do what. Core holds its own
actions here; each app adds its actions with ``register_permissions`` in its
AppConfig.ready() (for example signalling/extensions.py).
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
    # The coordinator invites caseworkers, volunteers and reporters (issue 8: onboarding).
    "manage_memberships": frozenset({Role.ADMIN, Role.COORDINATOR}),
    # Approving a role that sees personal data, offered by an admin; the roles page.
    "approve_memberships": frozenset({Role.COORDINATOR, Role.ADMIN}),
}


def register_permissions(actions: dict[str, frozenset[str] | set[str]]) -> None:
    """An app adds its actions to the table (in its AppConfig.ready(); an extension point,
    see core/extensions.py). Registering an action again with the same roles is a no-op;
    with other roles it is a programming error."""
    for action, roles in actions.items():
        roles = frozenset(roles)
        unknown = roles - set(Role.values)
        if unknown:
            raise ValueError(f"Unknown roles {sorted(unknown)} for action {action!r}.")
        if PERMISSIONS.get(action, roles) != roles:
            raise ValueError(f"Action {action!r} is already registered with other roles.")
        PERMISSIONS[action] = roles


def roles_allowed(action: str) -> frozenset[str]:
    try:
        return PERMISSIONS[action]
    except KeyError:
        raise ValueError(
            f"Unknown action {action!r}: add it to core.roles.PERMISSIONS, "
            "or register it from its app."
        ) from None
