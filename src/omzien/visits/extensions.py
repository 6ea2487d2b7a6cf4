"""What the home visits add to core (issue 11): permissions, scope rules, audit labels, the
menu, the volunteer's start cards, the demo, the risk map's district figures, the nightly
erasure job and the settings sections."""

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
    _register_erasure_replay()
    audit_labels.register()
    scoping_rules.register()
    menu(_("Huisbezoeken"), "visits:round_list", "view_visit_progress", 50)
    menu(_("Vrijwilligers"), "visits:volunteer_list", "manage_volunteers", 51)
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
    from omzien.visits.demo import load_visits_demo

    extensions.demo_loaders.register(extensions.DemoLoader("visits", load_visits_demo, order=120))
    from omzien.visits import figures  # the risk map's "visits done" per district

    figures.register()
    from omzien.visits import monitoring_figures  # issue 12: figures, monitoring table

    monitoring_figures.register()
    from omzien.visits import tasks

    tasks.register_daily_jobs()
    # The volunteers part (issue 11, item 4): a volunteer's own record, read-only.
    extensions.start_cards.register(
        extensions.StartCard(
            "visits_volunteer_record",
            _("Mijn gegevens als vrijwilliger"),
            _("Uw training, uw VOG en tot wanneer die geldig is, uw wijken."),
            "record_visit",
            "visits:my_volunteer_record",
            _("Naar mijn gegevens"),
            order=21,
            also=_is_volunteer,
        )
    )
    _register_letter_settings()
    _register_visit_settings()


def _is_volunteer(user, municipality) -> bool:
    from omzien.visits.models import Volunteer

    return Volunteer.objects.filter(municipality=municipality, user=user).exists()


def _register_letter_settings() -> None:
    """The letters' settings (visits/letters/): sender, contact, visit times, lead days."""
    from omzien.visits.letters.forms import letter_settings_form, save_letter_settings

    extensions.settings_sections.register(
        extensions.SettingsSection(
            "brieven",
            _("Huisbezoeken: brieven en planning"),
            "manage_visit_rounds",
            letter_settings_form,
            save_letter_settings,
            order=50,
        )
    )


def _register_visit_settings() -> None:
    """The door's settings (visits/door/): conversation guide, retention, VOG, retries."""
    from omzien.visits.door.settings_forms import save_visit_settings, visit_settings_form

    extensions.settings_sections.register(
        extensions.SettingsSection(
            "huisbezoeken",
            _("Huisbezoeken 75+: gespreksleidraad en termijnen"),
            "manage_settings",
            visit_settings_form,
            save_visit_settings,
            order=49,
        )
    )


def _register_erasure_replay() -> None:
    """The erasure of a round's addresses, for the erasure journal and the replay after a
    restore (core/backup, docs/backups.md)."""
    from omzien.core.backup import journal
    from omzien.visits.privacy import replay

    journal.erasure_kinds.register(replay.ERASURE_KIND)
    journal.retention_purges.register(replay.RETENTION)
