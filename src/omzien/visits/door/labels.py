"""Audit actions of the volunteer's pages in Dutch (collected by visits/audit_labels.py)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "visit_addresses_viewed": _("Eigen huisbezoekadressen bekeken (vrijwilliger)"),
}
READS: tuple[str, ...] = ("visit_addresses_viewed",)
