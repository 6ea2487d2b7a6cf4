"""Audit actions of the rounds in Dutch (collected by visits/audit_labels.py)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "visit_round_created": _("Huisbezoekronde aangemaakt"),
    "visit_round_changed": _("Huisbezoekronde gewijzigd"),
    "visit_round_moved": _("Stand van huisbezoekronde gewijzigd"),
}
READS: tuple[str, ...] = ()
