"""Audit actions of the round's letters in Dutch (collected by visits/audit_labels.py)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "visit_letters_planned": _("Huisbezoeken ingepland (voorgestelde datum en tijd)"),
    "visit_letter_downloaded": _("Brief aan een huisbezoekadres gedownload"),
    "visit_letters_downloaded": _("Brieven van een huisbezoekronde gedownload"),
    "visit_letters_sent": _("Brieven van een huisbezoekronde als verstuurd gemeld"),
    "visit_cards_downloaded": _("Niet-thuiskaartjes van een vrijwilliger gedownload"),
    "visit_letter_settings_changed": _("Instellingen van de huisbezoekbrieven gewijzigd"),
}
READS: tuple[str, ...] = (
    "visit_letter_downloaded",
    "visit_letters_downloaded",
    "visit_cards_downloaded",
)
