"""What the dashboard part adds to core (issue 12): the menu entry "Monitoring", a start card
for policy staff and coordinators, the audit label of the export and the factsheet's
monitoring section. Called from ``monitoring/extensions.py``."""

from django.utils.translation import gettext_lazy as _


def register() -> None:
    from omzien.core import extensions
    from omzien.core.navigation import register as menu
    from omzien.monitoring.dashboard import factsheet

    menu(_("Monitoring"), "monitoring:view_monitoring", "view_monitoring", order=60)
    extensions.start_cards.register(
        extensions.StartCard(
            "monitoring",
            _("Monitoring"),
            _("Meldingen, eerste contact, doorverwijzingen en huisbezoeken per periode en wijk. "
              "Alleen aantallen, geen namen."),
            "view_monitoring",
            "monitoring:view_monitoring",
            _("Naar de monitoring"),
            order=35,
        )
    )  # fmt: skip
    extensions.register_audit_actions({"monitoring_exported": _("Monitoring gedownload")})
    extensions.factsheet_sections.register(
        extensions.FactsheetSection("monitoring", factsheet.build, order=30)
    )
