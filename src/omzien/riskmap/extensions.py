"""How the risk map plugs into lower apps (docs/architecture.md, extension points)."""

from __future__ import annotations

from omzien.core.roles import Role

#: The risk map's actions (core/roles.py). It shows aggregates only, never a resident.
PERMISSIONS = {
    "view_riskmap": frozenset({Role.COORDINATOR, Role.POLICY, Role.PROGRAMME}),
}


def register() -> None:
    from omzien.core.roles import register_permissions
    from omzien.riskmap import audit_labels

    audit_labels.register()
    register_permissions(PERMISSIONS)
