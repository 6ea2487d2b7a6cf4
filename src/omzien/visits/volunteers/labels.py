"""Audit actions of the round's volunteers in Dutch (collected by visits/audit_labels.py)."""

ACTIONS: dict = {}
READS: tuple[str, ...] = ()
