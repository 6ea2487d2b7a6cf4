"""Per-municipality settings of the home visits: texts, retention, VOG validity, retries."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

DEFAULT_GUIDE = """\
Openen
Stel uzelf voor met naam en organisatie en laat uw pas zien. Zeg waarom u komt: de gemeente
bezoekt iedereen van 75 jaar en ouder, om te horen hoe het gaat en wat er in de buurt is.
Vraag of het gelegen komt; een familielid mag erbij zijn.

Luisteren
Laat de ander vertellen. Vraag door met "Hoe gaat dat?" en "Wat betekent dat voor u?".
Geef geen oordeel en geen snelle oplossingen.

Vragen naar eenzaamheid, zonder dat woord
"Met wie praat u als er iets is?" "Wie helpt u als u ergens heen moet?"
"Zijn er dagen dat u niemand spreekt?" "Mist u mensen om u heen?"
Lees daarna de zes stellingen voor en noteer de antwoorden zoals gegeven.

Afsluiten
Vat samen wat u hoorde. Vraag wat de ander zelf wil: niets, nog een gesprek, een activiteit
of hulp. Vraag toestemming voordat u iets doorgeeft aan een welzijnswerker. Laat de folder
met activiteiten en telefoonnummers achter.
"""


class VisitSettings(models.Model):
    """How one municipality runs its home visits. A municipality without a row uses the
    defaults; ``visits.settings.settings_of`` reads it (never creates it)."""

    municipality = models.OneToOneField(
        "core.Municipality",
        verbose_name=_("gemeente"),
        on_delete=models.CASCADE,
        related_name="visit_settings",
    )
    conversation_guide = models.TextField(
        _("gespreksleidraad voor vrijwilligers"),
        default=DEFAULT_GUIDE,
        help_text=_("Staat naast het bezoekformulier. Lege regel: nieuwe alinea."),
    )
    retention_days = models.PositiveSmallIntegerField(
        _("bewaartermijn adressen na de ronde (dagen)"),
        default=90,
        validators=[MinValueValidator(0), MaxValueValidator(730)],
        help_text=_("Na het sluiten van de ronde plus deze termijn worden de adressen gewist."),
    )
    vog_valid_years = models.PositiveSmallIntegerField(
        _("VOG geldig (jaren)"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_("Na deze termijn moet een vrijwilliger een nieuwe VOG hebben."),
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("aantal pogingen bij niet thuis"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    letter_sender = models.CharField(
        _("afzender van de brief"),
        max_length=200,
        default="Team Huisbezoeken, gemeente",
    )
    letter_contact = models.CharField(
        _("verzetten of afzeggen via"),
        max_length=300,
        default="Bel 14 0 en vraag naar het team huisbezoeken.",
        help_text=_("Telefoonnummer en tijden of een e-mailadres, zoals in de brief."),
    )
    # Letters (visits/letters/): when the planner proposes visits.
    visit_slot_times = models.CharField(
        _("tijden van bezoeken"),
        max_length=100,
        default="10:00, 14:00",
        help_text=_("De tijden op een werkdag waarop een bezoek kan beginnen, zoals 10:00, 14:00."),
    )
    letter_window = models.CharField(
        _("venster van de envelop"),
        max_length=5,
        choices=[("left", _("Links (gangbaar)")), ("right", _("Rechts"))],
        default="left",
        help_text=_("Waar het adres op de brief staat, zodat het in het venster valt."),
    )
    letter_lead_days = models.PositiveSmallIntegerField(
        _("dagen tussen plannen en eerste bezoek"),
        default=5,
        validators=[MaxValueValidator(60)],
        help_text=_("Zodat de brief op tijd aankomt. 0: vanaf vandaag."),
    )

    class Meta:
        verbose_name = _("instellingen huisbezoeken")
        verbose_name_plural = _("instellingen huisbezoeken")

    def __str__(self) -> str:
        return f"{self.municipality}"
