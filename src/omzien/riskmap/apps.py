from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RiskmapConfig(AppConfig):
    name = "omzien.riskmap"
    label = "riskmap"
    verbose_name = _("Risicokaart")

    def ready(self) -> None:
        from omzien.riskmap import extensions

        extensions.register()
