from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "omzien.core"
    label = "core"
    verbose_name = _("Basis")

    def ready(self) -> None:
        from omzien.core import checks, scoping, signals  # noqa: F401

        scoping._register_core_rules()

        from omzien.core.navigation import register

        register(_("Start"), "municipality_home", "view_municipality", order=0)
        register(_("Inwoners"), "resident_list", "view_residents", order=20)
        register(_("Instellingen"), "municipality_settings", "manage_settings", order=80)
        register(_("Gebruikers"), "member_list", "manage_memberships", order=90)
        register(_("Auditlog"), "audit_log", "view_audit", order=95)
