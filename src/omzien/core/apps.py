from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "omzien.core"
    label = "core"
    verbose_name = _("Basis")

    def ready(self) -> None:
        from omzien.core import checks, lockout, scoping, signals  # noqa: F401

        lockout.connect()
        scoping._register_core_rules()

        from omzien.core import extensions

        extensions.register()

        from omzien.core import observability

        observability.register()
