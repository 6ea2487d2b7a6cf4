"""The risk map's audit actions in Dutch (core.extensions ``audit_actions``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from omzien.core.extensions import AuditObject, audit_objects, register_audit_actions

ACTIONS = {
    "riskmap_figures_imported": _("Cijfers per wijk ingelezen (risicokaart)"),
    "riskmap_prevalence_saved": _("Landelijke prevalentietabel opgeslagen (risicokaart)"),
    "riskmap_prevalence_deleted": _("Landelijke prevalentietabel verwijderd (risicokaart)"),
    "riskmap_import_refused": _("Bestand met cijfers geweigerd (risicokaart)"),
}


def register() -> None:
    register_audit_actions(ACTIONS)
    audit_objects.register(AuditObject("riskmap.importrun", _("Import van cijfers")))
    audit_objects.register(AuditObject("riskmap.prevalenceyear", _("Landelijke prevalentietabel")))
    audit_objects.register(AuditObject("riskmap.figureimportjob", _("Upload van cijfers")))
