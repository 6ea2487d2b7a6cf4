"""Audit actions of the round's volunteers in Dutch (collected by visits/audit_labels.py)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "volunteer_registered": _("Vrijwilliger ingeschreven"),
    "volunteer_changed": _("Gegevens van vrijwilliger gewijzigd"),
    "visit_addresses_distributed": _("Adressen van een huisbezoekronde verdeeld"),
    "visit_address_reassigned": _("Adres aan een andere vrijwilliger gegeven"),
    "volunteer_addresses_handed_over": _("Open adressen van een vrijwilliger overgedragen"),
    "visit_addresses_listed": _("Adressen van een huisbezoekronde bekeken (kartrekker)"),
}
READS: tuple[str, ...] = ("visit_addresses_listed",)
