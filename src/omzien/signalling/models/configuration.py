"""The per-municipality settings of the signalling point (read them with
``omzien.signalling.settings.settings_of``)."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

#: Plain-Dutch defaults of the conversation guidance (issue 8); each municipality edits them.
REPORTER_GUIDE = """Maakt u zich zorgen? Een praatje helpt vaak al. Zo pakt u het aan:
- Begin klein. Groet, vraag hoe het gaat, of bied iets aan: een kopje koffie, een boodschap.
- Zeg wat u ziet, zonder oordeel: "Uw gordijnen waren dagen dicht. Gaat het goed met u?"
- Luister vooral. Een kort gesprek is ook goed.
- Beloof niets wat u niet kunt waarmaken. Beloof ook niet dat u het aan niemand vertelt.
- Vertel dat een welzijnswerker kan langskomen, als de persoon dat wil.
- Wil de persoon geen hulp? Dat mag. U kunt uw zorg toch melden.
Is er direct gevaar? Bel 112. Denkt iemand aan zelfdoding? Bel 113 (0800-0113)."""

FIRST_CONTACT_GUIDE = """Het eerste contact: zo pakt u het aan.
- Stel u voor en zeg waarom u belt of langskomt: iemand maakt zich zorgen. Zeg nooit wie.
- Vraag of het nu uitkomt. Een kort gesprek is ook goed.
- Vraag open hoe het gaat: met wie heeft u contact, wat doet u graag, wat mist u?
- Vraag naar eenzaamheid zonder dat woord: "Voelt u zich weleens alleen?"
- Beloof niets wat u niet kunt waarmaken. Vertel wat er met de gegevens gebeurt.
- Vraag toestemming voor elke volgende stap (een meting, een doorverwijzing) en leg die vast.
- Spreek af wanneer u weer contact opneemt.
Bij direct gevaar: bel 112. Bij gedachten aan zelfdoding: 113 (0800-0113)."""


class SignallingSettings(models.Model):
    """Per-municipality norms, periods and texts of the signalling point.

    A municipality without a row uses the defaults; ``settings_of`` reads it (never creates
    it), the setup services write it."""

    municipality = models.OneToOneField(
        "core.Municipality",
        verbose_name=_("gemeente"),
        on_delete=models.CASCADE,
        related_name="signalling_settings",
    )
    live_since = models.DateTimeField(
        _("signaalpunt open sinds"),
        null=True,
        blank=True,
        help_text=_(
            "Leeg: de gemeente gebruikt het signaalpunt (nog) niet en neemt geen meldingen aan."
        ),
    )
    received_text = models.TextField(
        _("tekst na ontvangst"),
        default=(
            "Bedankt voor uw melding. Een welzijnswerker kijkt ernaar en neemt zo nodig contact "
            "op met de persoon over wie u zich zorgen maakt."
        ),
    )
    in_progress_text = models.TextField(
        _("tekst tijdens behandeling"),
        default="Uw melding is opgepakt. Wat er precies gebeurt, blijft tussen de inwoner en ons.",
    )
    closed_text = models.TextField(
        _("tekst na afronden"),
        default=(
            "Uw melding is afgehandeld. Dank u wel dat u omkijkt naar een ander. Wat er is "
            "besproken, blijft tussen de inwoner en de welzijnswerker."
        ),
    )
    first_contact_hours = models.PositiveIntegerField(
        _("norm eerste contact (uren)"),
        default=48,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 60)],
        help_text=_("Binnen hoeveel uur na een melding neemt een welzijnswerker contact op."),
    )
    urgent_contact_hours = models.PositiveIntegerField(
        _("norm eerste contact bij urgente melding (uren)"),
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(72)],
    )
    unreachable_attempts = models.PositiveIntegerField(
        _("pogingen voor 'onbereikbaar'"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text=_(
            "Zoveel contactpogingen zijn nodig voordat een traject als onbereikbaar sluit."
        ),
    )
    unreachable_min_days = models.PositiveIntegerField(
        _("pogingen verspreid over minstens (dagen)"),
        default=2,
        validators=[MaxValueValidator(30)],
        help_text=_(
            "Tussen de eerste en de laatste contactpoging zonder gehoor zitten minstens zoveel "
            "dagen. 0: geen eis."
        ),
    )
    unreachable_min_routes = models.PositiveIntegerField(
        _("pogingen op minstens zoveel manieren"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
        help_text=_("Bijvoorbeeld 2: telefoon en een huisbezoek of brief."),
    )
    follow_up_days = models.PositiveIntegerField(
        _("nazorg: opvolgen na (dagen)"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text=_(
            "Een traject in behandeling of doorverwezen waar zo lang niets mee gebeurde, staat "
            "bij de welzijnswerker onder ‘opvolgen’."
        ),
    )
    referral_follow_up_days = models.PositiveIntegerField(
        _("verwijzing: opvolgen na (dagen)"),
        default=42,
        validators=[MinValueValidator(7), MaxValueValidator(180)],
        help_text=_(
            "Zoveel dagen na een verwijzing vraagt de welzijnswerker hoe het gaat en nodigt uit "
            "voor een nieuwe meting. Standaard zes weken."
        ),
    )
    retention_days = models.PositiveIntegerField(
        _("bewaartermijn afgesloten trajecten (dagen)"),
        default=365,
        validators=[MinValueValidator(30), MaxValueValidator(3650)],
        help_text=_("Na deze termijn worden persoonsgegevens van een afgesloten traject gewist."),
    )
    reporter_contact_retention_days = models.PositiveIntegerField(
        _("bewaartermijn contactgegevens melder (dagen na afsluiten)"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
        help_text=_(
            "Zoveel dagen na het afsluiten worden naam, e-mail en telefoon van de melder gewist."
        ),
    )
    reporter_guide = models.TextField(
        _("tips voor het gesprek (voor melders)"),
        max_length=4000,
        default=REPORTER_GUIDE,
        help_text=_("Melders zien dit voor en na het melden. Een regel met ‘- ’ wordt een punt."),
    )
    first_contact_guide = models.TextField(
        _("handreiking eerste contact (voor welzijnswerkers)"),
        max_length=4000,
        default=FIRST_CONTACT_GUIDE,
        help_text=_("Welzijnswerkers zien dit op de trajectpagina."),
    )
    notify_email = models.EmailField(
        _("e-mailadres voor urgente meldingen en overzichten"),
        blank=True,
        help_text=_("Leeg: de e-mailadressen van de kartrekkers."),
    )

    class Meta:
        verbose_name = _("instellingen signaalpunt")
        verbose_name_plural = _("instellingen signaalpunt")

    def __str__(self) -> str:
        return f"Instellingen signaalpunt #{self.pk}"
