"""Audit actions of the volunteer's pages in Dutch (collected by visits/audit_labels.py)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "visit_addresses_viewed": _("Eigen huisbezoekadressen bekeken (vrijwilliger)"),
    "visit_address_opened": _("Adres geopend voor het bezoekformulier"),
    "visit_recorded": _("Huisbezoek vastgelegd"),
    "visit_settings_changed": _("Instellingen huisbezoeken gewijzigd"),
}
READS: tuple[str, ...] = ("visit_addresses_viewed", "visit_address_opened")
