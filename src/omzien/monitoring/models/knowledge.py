"""Knowledge sharing (issue 12, item 5): an approach against loneliness that a municipality
publishes for the staff of every other municipality, curated by the national programme."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from omzien.core.scoping import ScopedManager
from omzien.socialmap.choices import ActivityKind, TargetGroup


class LonelinessKind(models.TextChoices):
    """The three kinds of loneliness of DOMAIN.md section 2."""

    SOCIAL = "social", _("Sociale eenzaamheid")
    EMOTIONAL = "emotional", _("Emotionele eenzaamheid")
    EXISTENTIAL = "existential", _("Existentiële eenzaamheid")


class SizeClass(models.TextChoices):
    """A municipality's size by inhabitants (the benchmark's comparison classes)."""

    SMALL = "lt20k", _("Minder dan 20.000 inwoners")
    MEDIUM = "20k-50k", _("20.000 tot 50.000 inwoners")
    LARGE = "50k-100k", _("50.000 tot 100.000 inwoners")
    CITY = "100k+", _("100.000 inwoners of meer")


def size_class_of(inhabitants) -> str:
    """The size class of a municipality with this many inhabitants; "" when unknown."""
    try:
        n = int(inhabitants)
    except (TypeError, ValueError):
        return ""
    if n < 20_000:
        return SizeClass.SMALL
    if n < 50_000:
        return SizeClass.MEDIUM
    if n < 100_000:
        return SizeClass.LARGE
    return SizeClass.CITY


#: For whom: the social map's target groups (socialmap.choices.TargetGroup), with the two
#: groups a municipal approach often names that the social map leaves to age filters.
APPROACH_TARGET_GROUPS = [
    ("older", _("Ouderen")),
    *TargetGroup.choices,
    ("everyone", _("Alle inwoners")),
]


class ApproachState(models.TextChoices):
    DRAFT = "draft", _("Concept")
    SUBMITTED = "submitted", _("Ingediend, wacht op het programmateam")
    PUBLISHED = "published", _("Gepubliceerd")
    RETURNED = "returned", _("Teruggestuurd")


class Approach(models.Model):
    """An approach a municipality shares: what it is, for whom, which kind of loneliness, what
    it cost, its measured effect and whom to ask. Drafts are seen by the municipality only; a
    published approach by the staff of every municipality (docs/monitoring-knowledge.md)."""

    municipality = models.ForeignKey(
        "core.Municipality", verbose_name=_("gemeente"), on_delete=models.CASCADE,
        related_name="approaches",
    )  # fmt: skip
    title = models.CharField(_("titel"), max_length=200)
    summary = models.TextField(
        _("wat is het"), max_length=4000,
        help_text=_("In gewone taal: wat doet u, hoe werkt het, wie doet mee."),
    )  # fmt: skip
    target_groups = models.JSONField(_("voor wie"), default=list, blank=True)
    loneliness_kinds = models.JSONField(_("soort eenzaamheid"), default=list, blank=True)
    activity_kinds = models.JSONField(_("soort activiteit"), default=list, blank=True)
    cost_per_year = models.PositiveIntegerField(
        _("kosten per jaar (euro)"), null=True, blank=True,
        validators=[MaxValueValidator(100_000_000)],
    )  # fmt: skip
    cost_text = models.CharField(
        _("toelichting op de kosten"), max_length=300, blank=True,
        help_text=_("Bijvoorbeeld: 0,4 fte welzijnswerker en € 2.500 voor koffie en vervoer."),
    )  # fmt: skip
    effect_text = models.TextField(
        _("gemeten effect"), max_length=3000, blank=True,
        help_text=_("Wat u heeft gemeten en hoe, bijvoorbeeld met een eenzaamheidsschaal."),
    )  # fmt: skip
    initiative = models.ForeignKey(
        "socialmap.Initiative", verbose_name=_("initiatief in de sociale kaart"),
        on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        help_text=_("Dan tonen we ook de cijfers uit 'Wat werkt' van dit initiatief."),
    )  # fmt: skip
    effect_figures = models.JSONField(
        _("cijfers uit Wat werkt"), default=dict, blank=True,
        help_text=_("Vastgelegd bij opslaan: de getoonde cijfers, onder 5 al verborgen."),
    )  # fmt: skip
    contact_name = models.CharField(_("contactpersoon"), max_length=200)
    contact_email = models.EmailField(_("e-mail contactpersoon"))
    size_class = models.CharField(
        _("grootte van de gemeente"), max_length=10, choices=SizeClass.choices, blank=True
    )
    state = models.CharField(
        _("stand"), max_length=10, choices=ApproachState.choices, default=ApproachState.DRAFT
    )
    featured = models.BooleanField(_("uitgelicht"), default=False)
    curator_note = models.TextField(
        _("toelichting van het programmateam"), max_length=2000, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("gemaakt door"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    submitted_at = models.DateTimeField(_("ingediend op"), null=True, blank=True)
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("aanpak")
        verbose_name_plural = _("aanpakken")
        ordering = ["-featured", "-published_at", "title", "pk"]
        indexes = [models.Index(fields=["state", "size_class"])]

    def __str__(self) -> str:
        return self.title

    @property
    def editable(self) -> bool:
        return self.state in (ApproachState.DRAFT, ApproachState.RETURNED)

    @property
    def effect_date(self) -> dt.date | None:
        """The day the what-works figures were taken."""
        value = (self.effect_figures or {}).get("computed_on")
        return dt.date.fromisoformat(value) if value else None

    def target_group_labels(self) -> list[str]:
        labels = dict(APPROACH_TARGET_GROUPS)
        return [str(labels[g]) for g in self.target_groups if g in labels]

    def loneliness_kind_labels(self) -> list[str]:
        labels = dict(LonelinessKind.choices)
        return [str(labels[k]) for k in self.loneliness_kinds if k in labels]

    def activity_kind_labels(self) -> list[str]:
        labels = dict(ActivityKind.choices)
        return [str(labels[k]) for k in self.activity_kinds if k in labels]
