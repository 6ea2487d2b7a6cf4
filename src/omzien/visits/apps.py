from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisitsConfig(AppConfig):
    name = "omzien.visits"
    label = "visits"
    verbose_name = _("Huisbezoeken")

    def ready(self) -> None:
        from omzien.core.extensions import StartCard, start_cards

        # Until the home-visit rounds arrive (a later issue), a volunteer's start page says
        # that no visits are planned yet.
        start_cards.register(
            StartCard(
                "visits",
                _("Mijn huisbezoeken"),
                _("Hier ziet u de adressen die aan u zijn gegeven. Nog geen bezoeken ingepland."),
                "record_visit",
                order=20,
            )
        )
