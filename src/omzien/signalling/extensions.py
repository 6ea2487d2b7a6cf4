"""How the signalling point adds itself to core: its permissions, menu entries, start-page
cards, resident sections, settings section and public pages (core/extensions.py), and the
scoping rules of its models (scoping_rules.py). Called once from SignallingConfig.ready()."""

from __future__ import annotations

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from omzien.core import extensions
from omzien.core.navigation import register as menu
from omzien.core.roles import Role, register_permissions
from omzien.signalling.models import SignallingSettings

#: The signalling point's actions and who may take them (core/roles.py holds core's own).
PERMISSIONS = {
    "submit_signal": {Role.REPORTER, Role.CASEWORKER, Role.COORDINATOR},
    # A volunteer at the door reports through the home-visit channel (visits builds on it).
    "record_visit": {Role.VOLUNTEER, Role.COORDINATOR},
    "view_cases": {Role.CASEWORKER, Role.COORDINATOR},
    "work_case": {Role.CASEWORKER, Role.COORDINATOR},
    "assign_case": {Role.COORDINATOR},
    "manage_routing": {Role.COORDINATOR},
    "manage_partners": {Role.COORDINATOR},
    "manage_texts": {Role.COORDINATOR},
    "view_own_signals": {Role.REPORTER},
    "export_resident": {Role.COORDINATOR},
    "erase_resident": {Role.COORDINATOR},
    # What works (issue 9): figures only, suppressed below 5 (whatworks/figures.py).
    "view_what_works": {Role.COORDINATOR, Role.POLICY},
}


class NormsForm(forms.ModelForm):
    """The signalling point's norms and periods on the municipality's settings page."""

    class Meta:
        model = SignallingSettings
        fields = [
            "first_contact_hours",
            "urgent_contact_hours",
            "unreachable_attempts",
            "unreachable_min_days",
            "unreachable_min_routes",
            "follow_up_days",
            "retention_days",
            "reporter_contact_retention_days",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The browser's limits are the server's (the model's validators), issue 8.
        for name, field in self.fields.items():
            for validator in SignallingSettings._meta.get_field(name).validators:
                if isinstance(validator, MinValueValidator):
                    field.widget.attrs["min"] = validator.limit_value
                elif isinstance(validator, MaxValueValidator):
                    field.widget.attrs["max"] = validator.limit_value


def _norms_form(municipality, data):
    from omzien.signalling.settings import settings_of

    return NormsForm(data, instance=settings_of(municipality), prefix="normen")


def _save_norms(*, actor, municipality, values):
    from omzien.signalling.setup.services import update_norms

    return update_norms(actor=actor, municipality=municipality, values=values)


def _sees_no_cases(user, municipality) -> bool:
    from omzien.core.scoping import can

    return not can(user, "view_cases", municipality)


def _register_start_page() -> None:
    from omzien.signalling.cases import today

    extensions.start_cards.register(
        extensions.StartCard(
            "signals",
            _("Zorgen melden"),
            _(
                "Maakt u zich zorgen over iemand? Meld het. "
                "U hoort alleen of de melding is opgepakt."
            ),
            "submit_signal",
            "signalling:reporter_signal_form",
            _("Zorgen melden"),
            order=40,
            also=_sees_no_cases,
        )
    )
    extensions.start_cards.register(
        extensions.StartCard(
            "cases",
            _("Meldingen"),
            _("Nieuwe meldingen en lopende trajecten die u mag oppakken."),
            "view_cases",
            "signalling:case_queue",
            _("Naar de meldingen"),
            order=5,
        )
    )
    extensions.start_panels.register(
        extensions.StartPanel("caseworker_day", "work_case", today.caseworker_panel, order=10)
    )
    extensions.start_panels.register(
        extensions.StartPanel("coordinator_day", "assign_case", today.coordinator_panel, order=20)
    )


def register() -> None:
    from omzien.signalling import audit_labels, scoping_rules, tasks
    from omzien.signalling.cases.lists import resident_cases_section

    tasks.register_daily_jobs()
    _register_erasure_replays()
    from omzien.signalling.demo import load_signalling_demo
    from omzien.signalling.privacy.views import resident_privacy_section

    register_permissions(PERMISSIONS)
    scoping_rules.register()
    audit_labels.register()
    menu(_("Meldingen"), "signalling:case_queue", "view_cases", 10)
    menu(_("Overzicht"), "signalling:overview", "assign_case", 30)
    menu(_("Wat werkt"), "signalling:what_works", "view_what_works", 35)
    menu(_("Zorgen melden"), "signalling:reporter_signal_form", "view_own_signals", 30)
    menu(_("Mijn meldingen"), "signalling:reporter_signals", "view_own_signals", 31)
    menu(_("Signaalpunt instellen"), "signalling:setup", "manage_routing", 85)
    _register_start_page()
    extensions.demo_loaders.register(extensions.DemoLoader("signals", load_signalling_demo))
    # Referrals with outcomes (issue 9): after the signals and the social map's offer.
    from omzien.signalling.demo_referrals import load_referral_demo

    extensions.demo_loaders.register(
        extensions.DemoLoader("referrals", load_referral_demo, order=110)
    )
    extensions.register_resident_section(resident_cases_section, order=10)
    extensions.register_resident_section(resident_privacy_section, order=20)
    extensions.settings_sections.register(
        extensions.SettingsSection(
            "normen",
            _("Signaalpunt: normen en bewaartermijnen"),
            "manage_settings",
            _norms_form,
            _save_norms,
            order=10,
        )
    )
    for prefix in ("/melden/", "/status/"):
        extensions.public_paths.register(extensions.PublicPath(prefix))
    # Counts per district for the risk map (signals, residents reached): signalling/figures.py.
    from omzien.signalling import figures

    figures.register()
    # Figures per municipality and monitoring tables (issue 12): monitoring_figures.py.
    from omzien.signalling import monitoring_figures

    monitoring_figures.register()
    # Intake queue and overdue cases per municipality code for /metrics (issue 13).
    from omzien.signalling import observability

    observability.register()


def _register_erasure_replays() -> None:
    """Which audit actions are erasures, for the erasure journal and the replay after a
    restore (core/backup, docs/backups.md)."""
    from omzien.core.backup import journal
    from omzien.signalling.privacy import replay

    for kind in replay.ERASURE_KINDS:
        journal.erasure_kinds.register(kind)
    journal.retention_purges.register(replay.RETENTION)
