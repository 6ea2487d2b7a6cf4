"""Stored assessments of residents (metingen) with the loneliness scales."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omzien.assessment.scales import INSTRUMENTS
from omzien.core.scoping import ScopedManager


class Assessment(models.Model):
    """One filled-in loneliness scale for one resident: the answers as given and the scores.

    The scores are computed by ``assessment.scales`` when the assessment is recorded; an
    unknown score (too many missing answers) is stored as NULL, never as 0.
    """

    class Context(models.TextChoices):
        CASE = "case", _("Traject")
        VISIT = "visit", _("Huisbezoek")
        OTHER = "other", _("Anders")

    municipality = models.ForeignKey(
        "core.Municipality", verbose_name=_("gemeente"), on_delete=models.PROTECT, related_name="+"
    )
    resident = models.ForeignKey(
        "core.Resident",
        verbose_name=_("inwoner"),
        on_delete=models.CASCADE,
        related_name="assessments",
    )
    instrument = models.CharField(
        _("meetinstrument"),
        max_length=20,
        choices=[(key, instrument.name) for key, instrument in INSTRUMENTS.items()],
    )
    answers = models.JSONField(
        _("antwoorden"),
        help_text=_("Antwoord per vraagnummer, zoals gegeven; leeg = geen antwoord."),
    )
    total = models.SmallIntegerField(_("totaalscore"), null=True, blank=True)
    emotional = models.SmallIntegerField(_("emotionele eenzaamheid"), null=True, blank=True)
    social = models.SmallIntegerField(_("sociale eenzaamheid"), null=True, blank=True)
    category = models.CharField(_("uitkomst"), max_length=40, blank=True)
    is_lonely = models.BooleanField(_("eenzaam"), null=True)
    kind = models.CharField(
        _("soort eenzaamheid"),
        max_length=10,
        choices=[
            ("social", _("sociaal")),
            ("emotional", _("emotioneel")),
            ("both", _("sociaal en emotioneel")),
            ("none", _("geen")),
            ("unknown", _("onbekend")),
        ],
    )
    context = models.CharField(
        _("context"), max_length=10, choices=Context.choices, default=Context.OTHER
    )
    context_id = models.BigIntegerField(_("traject of bezoek"), null=True, blank=True)
    taken_on = models.DateField(_("datum van de meting"), default=timezone.localdate)
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("afgenomen door"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)
    # A measurement entered by mistake is withdrawn, never deleted: kept and audited, left
    # out of trends and figures (issue 8).
    withdrawn_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingetrokken door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    withdrawn_reason = models.TextField(_("reden van intrekken"), blank=True, max_length=1000)

    objects = ScopedManager()

    class Meta:
        ordering = ["-taken_on", "-id"]
        verbose_name = _("meting")
        verbose_name_plural = _("metingen")
        indexes = [
            models.Index(fields=["resident", "taken_on"]),
            # Monitoring (issue 12): a case's assessments, and those taken in a period.
            models.Index(fields=["context_id", "taken_on"], name="assessment_context_idx"),
            models.Index(
                fields=["municipality", "context", "taken_on", "context_id"],
                name="assessment_period_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"Meting #{self.pk} ({self.instrument})"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def instrument_name(self) -> str:
        return INSTRUMENTS[self.instrument].name

    @property
    def max_total(self) -> int | None:
        return {"djg11": 11, "djg6": 6, "ucla3": 9, "direct": 4}.get(self.instrument)
