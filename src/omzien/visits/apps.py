from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisitsConfig(AppConfig):
    name = "omzien.visits"
    label = "visits"
    verbose_name = _("Huisbezoeken")

    def ready(self) -> None:
        from omzien.visits import extensions

        extensions.register()
