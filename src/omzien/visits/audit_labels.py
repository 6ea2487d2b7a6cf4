"""The home visits' audit actions in Dutch (core.extensions ``audit_actions``), collected from
the labels.py of each part of the app."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from omzien.core.extensions import AuditObject, audit_objects, register_audit_actions
from omzien.visits.door import labels as door
from omzien.visits.imports import labels as imports
from omzien.visits.letters import labels as letters
from omzien.visits.progress import labels as progress
from omzien.visits.rounds import labels as rounds
from omzien.visits.volunteers import labels as volunteers

PARTS = (rounds, imports, letters, volunteers, door, progress)


def register() -> None:
    for part in PARTS:
        register_audit_actions(part.ACTIONS, reads=part.READS)
    audit_objects.register(AuditObject("visits.visitround", _("Huisbezoekronde")))
    audit_objects.register(AuditObject("visits.visitaddress", _("Adres in een huisbezoekronde")))
    audit_objects.register(AuditObject("visits.volunteer", _("Vrijwilliger")))
