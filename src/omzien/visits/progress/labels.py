"""Audit actions of the round's progress in Dutch (collected by visits/audit_labels.py), and
of the erasure of a round's addresses (visits/privacy/retention.py)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "visit_progress_viewed": _("Voortgang van een huisbezoekronde bekeken"),
    "visit_progress_exported": _("Voortgang van een huisbezoekronde gedownload (CSV)"),
    "visit_district_report_viewed": _("Wijkverslag van huisbezoeken bekeken"),
    "visit_addresses_erased": _("Adressen van een huisbezoekronde gewist (bewaartermijn)"),
}
READS: tuple[str, ...] = (
    "visit_progress_viewed",
    "visit_progress_exported",
    "visit_district_report_viewed",
)
