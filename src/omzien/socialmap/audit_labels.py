"""The social map's audit actions in Dutch (core.extensions ``audit_actions``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from omzien.core.extensions import AuditObject, audit_objects, register_audit_actions

ACTIONS = {
    "initiative_created": _("Initiatief gemaakt"),
    "initiative_changed": _("Initiatief gewijzigd"),
    "initiative_submit": _("Initiatief ingediend"),
    "initiative_publish": _("Initiatief gepubliceerd"),
    "initiative_archive": _("Initiatief gearchiveerd"),
    "initiative_reject": _("Initiatief teruggezet naar concept"),
    "initiative_event_added": _("Bijeenkomst van initiatief toegevoegd"),
    "initiative_event_removed": _("Bijeenkomst van initiatief verwijderd"),
    # Import and export of the catalogue (imports/, hsds.py).
    "catalogue_exported": _("Sociale kaart geëxporteerd (HSDS JSON)"),
    "catalogue_import_started": _("Import van de sociale kaart aangeboden"),
    "catalogue_imported": _("Sociale kaart geïmporteerd"),
    "catalogue_import_refused": _("Import van de sociale kaart geweigerd: fouten in het bestand"),
    "catalogue_import_organisation_created": _("Organisatie gemaakt bij import"),
    "socialmap_settings_changed": _("Instellingen sociale kaart gewijzigd"),
}


def register() -> None:
    register_audit_actions(ACTIONS)
    audit_objects.register(AuditObject("socialmap.initiative", _("Initiatief")))
    audit_objects.register(AuditObject("socialmap.importjob", _("Import sociale kaart")))
