from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignallingConfig(AppConfig):
    name = "omzien.signalling"
    label = "signalling"
    verbose_name = _("Signaalpunt")

    def ready(self) -> None:
        from omzien.signalling import checks, scoping_rules  # noqa: F401

        scoping_rules.register()

        from omzien.signalling.views_public import register_navigation as public_navigation

        public_navigation()

        from omzien.core.extensions import register_resident_section
        from omzien.signalling.views_privacy import resident_privacy_section

        register_resident_section(resident_privacy_section)

        from omzien.signalling.views_staff import register_navigation as staff_navigation
        from omzien.signalling.views_staff import resident_cases_section

        staff_navigation()
        register_resident_section(resident_cases_section)
