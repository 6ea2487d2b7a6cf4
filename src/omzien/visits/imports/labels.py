"""Audit actions of the round's imports in Dutch (collected by visits/audit_labels.py)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "visit_import_started": _("Import van adressen gestart"),
    "visit_import_done": _("Adressen ingelezen"),
    "visit_import_refused": _("Import van adressen geweigerd: fouten in het bestand"),
}
#: The import pages show counts and problems (line, column, reason), never a value.
READS: tuple[str, ...] = ()
