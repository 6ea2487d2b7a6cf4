"""What happened at the door: every attempt, and for a visit that took place the report
(DOMAIN.md section 6) with the 6-item scale and the follow-up."""

from __future__ import annotations

import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from omzien.core.scoping import ScopedManager


class Outcome(models.TextChoices):
    VISITED = "visited", _("Bezocht")
    NOT_HOME = "not_home", _("Niet thuis")
    DECLINED = "declined", _("Wil geen bezoek")
    MOVED = "moved", _("Verhuisd")
    DECEASED = "deceased", _("Overleden")


class FollowUp(models.TextChoices):
    NONE = "none", _("Niets nodig: het blijft bij dit gesprek")
    CONVERSATION = "conversation", _("Nog een gesprek")
    ACTIVITY = "activity", _("Een activiteit")
    HELP = "help", _("Hulp nodig: naar een welzijnswerker")


class VisitAttempt(models.Model):
    """One time a volunteer went to an address. ``client_id`` is made by the phone, so a visit
    typed offline and sent twice is stored once. When the round's addresses are erased the
    attempt stays without its address (``address`` NULL), with its round and district, so
    counts and the answers of the report (which hold no name) remain for the figures."""

    address = models.ForeignKey(
        "visits.VisitAddress",
        verbose_name=_("adres"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="visit_attempts",
    )
    round = models.ForeignKey(
        "visits.VisitRound", verbose_name=_("ronde"), on_delete=models.CASCADE, related_name="+"
    )
    district = models.ForeignKey(
        "core.District",
        verbose_name=_("wijk"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("De wijk van het adres, bewaard als het adres gewist is."),
    )
    municipality = models.ForeignKey(
        "core.Municipality", on_delete=models.CASCADE, related_name="+"
    )
    volunteer = models.ForeignKey(
        "visits.Volunteer",
        verbose_name=_("vrijwilliger"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="attempts",
    )
    client_id = models.UUIDField(_("kenmerk van het toestel"), default=uuid.uuid4, unique=True)
    at = models.DateTimeField(_("wanneer"))
    outcome = models.CharField(_("uitkomst"), max_length=12, choices=Outcome.choices)
    recorded_at = models.DateTimeField(_("ontvangen op"), auto_now_add=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("bezoekpoging")
        verbose_name_plural = _("bezoekpogingen")
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["municipality", "outcome", "at"])]

    def __str__(self) -> str:
        return f"poging {self.pk}"


YES_NO = [("yes", _("Ja")), ("no", _("Nee"))]
CAN_DO = [("self", _("Zelf")), ("help", _("Met hulp")), ("not", _("Lukt niet"))]
OUTSIDE = [
    ("daily", _("Elke dag")),
    ("weekly", _("Een paar keer per week")),
    ("rarely", _("Minder dan een keer per week")),
    ("never", _("Bijna nooit")),
]


class VisitReport(models.Model):
    """What a visit that took place records. No free text about the resident's health."""

    attempt = models.OneToOneField(
        VisitAttempt, verbose_name=_("bezoek"), on_delete=models.CASCADE, related_name="report"
    )
    municipality = models.ForeignKey(
        "core.Municipality", on_delete=models.CASCADE, related_name="+"
    )
    # Daily activities
    self_care = models.CharField(_("zelfzorg"), max_length=5, choices=CAN_DO, blank=True)
    household = models.CharField(_("huishouden"), max_length=5, choices=CAN_DO, blank=True)
    administration = models.CharField(
        _("administratie en geldzaken"), max_length=5, choices=CAN_DO, blank=True
    )
    outside = models.CharField(_("hoe vaak buiten"), max_length=6, choices=OUTSIDE, blank=True)
    mobility_aid = models.BooleanField(_("gebruikt een loophulpmiddel"), null=True)
    # Social contacts
    someone_to_talk = models.CharField(
        _("iemand om mee te praten"), max_length=3, choices=YES_NO, blank=True
    )
    someone_to_accompany = models.CharField(
        _("iemand om mee op pad te gaan"), max_length=3, choices=YES_NO, blank=True
    )
    someone_for_jobs = models.CharField(
        _("iemand voor klusjes"), max_length=3, choices=YES_NO, blank=True
    )
    wants_more_contact = models.CharField(
        _("wil meer contact"), max_length=3, choices=YES_NO, blank=True
    )
    barriers = models.JSONField(
        _("wat houdt tegen"), default=list, blank=True, help_text=_("Codes uit de lijst.")
    )
    # Activities: the kinds of activity the resident does or would like (socialmap kinds).
    activities = models.JSONField(_("activiteiten"), default=list, blank=True)
    wants_activities = models.JSONField(_("zou graag willen"), default=list, blank=True)
    life_satisfaction = models.PositiveSmallIntegerField(
        _("rapportcijfer voor het leven"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    # The 6-item De Jong Gierveld scale: answers as given, scores by assessment.scales.
    scale_answers = models.JSONField(_("antwoorden schaal"), default=dict, blank=True)
    scale_total = models.SmallIntegerField(_("score eenzaamheid"), null=True, blank=True)
    scale_emotional = models.SmallIntegerField(_("emotioneel"), null=True, blank=True)
    scale_social = models.SmallIntegerField(_("sociaal"), null=True, blank=True)
    is_lonely = models.BooleanField(_("eenzaam"), null=True)
    follow_up = models.CharField(
        _("vervolg"), max_length=12, choices=FollowUp.choices, default=FollowUp.NONE
    )
    consent = models.BooleanField(
        _("toestemming om door te geven"),
        default=False,
        help_text=_("De inwoner vindt het goed dat een welzijnswerker contact opneemt."),
    )
    contact_phone = models.CharField(
        _("telefoon voor terugbellen"),
        max_length=20,
        blank=True,
        help_text=_("Gewist met de adressen van de ronde."),
    )
    signal_id = models.PositiveIntegerField(_("melding"), null=True, blank=True)
    referral_initiative_id = models.PositiveIntegerField(_("activiteit"), null=True, blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("verslag van een bezoek")
        verbose_name_plural = _("verslagen van bezoeken")

    def __str__(self) -> str:
        return f"verslag {self.pk}"
