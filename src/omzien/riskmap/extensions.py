"""How the risk map plugs into lower apps (docs/architecture.md, extension points)."""

from __future__ import annotations


def register() -> None:
    from omzien.riskmap import audit_labels

    audit_labels.register()
