from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignallingConfig(AppConfig):
    name = "omzien.signalling"
    label = "signalling"
    verbose_name = _("Signaalpunt")

    def ready(self) -> None:
        from omzien.signalling import checks, extensions  # noqa: F401

        extensions.register()
