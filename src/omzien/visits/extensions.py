"""What the home visits add to core (issue 11): permissions, scope rules, the menu, the
volunteer's start card. Later slices add the demo, the district figure and audit labels."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from omzien.core import extensions
from omzien.core.navigation import register as menu
from omzien.core.roles import Role, register_permissions

PERMISSIONS = {
    # Rounds, address imports, letters, assignment: the coordinator.
    "manage_visit_rounds": {Role.COORDINATOR},
    "manage_volunteers": {Role.COORDINATOR},
    # Progress per round and district, aggregates only for policy staff.
    "view_visit_progress": {Role.COORDINATOR, Role.POLICY},
    # "record_visit" (the volunteer at the door) is registered by signalling.
}


def register() -> None:
    from omzien.visits import audit_labels, scoping_rules

    register_permissions(PERMISSIONS)
    audit_labels.register()
    scoping_rules.register()
    menu(_("Huisbezoeken"), "visits:round_list", "view_visit_progress", 50)
    extensions.start_cards.register(
        extensions.StartCard(
            "visits",
            _("Mijn huisbezoeken"),
            _("De adressen die aan u zijn gegeven, in looproute, en het bezoekformulier."),
            "record_visit",
            "visits:my_addresses",
            _("Naar mijn adressen"),
            order=20,
        )
    )
    # The door: the settings section (conversation guide, retention, VOG, retries, letter).
    from omzien.visits.door.settings_forms import save_visit_settings, visit_settings_form

    extensions.settings_sections.register(
        extensions.SettingsSection(
            "huisbezoeken",
            _("Huisbezoeken 75+: gespreksleidraad, termijnen en brief"),
            "manage_settings",
            visit_settings_form,
            save_visit_settings,
            order=50,
        )
    )
