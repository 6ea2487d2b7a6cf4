"""What the factsheet part adds to core (issue 12): its start card, the programme's national
link and its audit label. Called from ``monitoring/extensions.py``. The factsheet's sections
are registered by the apps whose figures they show (``core.extensions.factsheet_sections``)."""

from __future__ import annotations


def register() -> None:
    from django.utils.translation import gettext_lazy as _

    from omzien.core import extensions

    extensions.start_cards.register(
        extensions.StartCard(
            "factsheet",
            _("Factsheet"),
            _(
                "De risicokaart, de pijlers van de benchmark en de cijfers van de aanpak van "
                "uw gemeente op een rij, als pagina en als PDF."
            ),
            "view_factsheet",
            "monitoring:factsheet",
            _("Naar de factsheet"),
            order=45,
        )
    )
    extensions.national_links.register(
        extensions.NationalLink(
            "factsheets",
            _("Factsheets per gemeente"),
            _("De factsheet van elke gemeente: risicokaart, benchmark en monitoring op een rij."),
            "monitoring:national_factsheets",
            order=60,
        )
    )
    extensions.register_audit_actions(
        {"factsheet_downloaded": _("Factsheet als PDF gedownload (alleen totalen)")}
    )
