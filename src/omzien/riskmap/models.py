"""The risk map's figures per area: what was measured (RIVM, GGD, CBS, a municipality's own
survey) and the import run that brought each figure in.

A figure is one indicator of one area, year, source and age group, with its 95% margins.
An unknown or suppressed figure is kept with ``value`` NULL and ``suppressed`` set, never as 0.
Public figures (RIVM, GGD, CBS) are national (``municipality`` empty); a municipality's own
survey figures belong to that municipality only.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from omzien.core.scoping import ScopedManager


class Source(models.TextChoices):
    RIVM = "rivm", _("RIVM Gezondheid per wijk en buurt")
    GGD_YOUNG = "ggd_young", _("GGD Gezondheidsmonitor Jongvolwassenen")
    CBS_KWB = "cbs_kwb", _("CBS Kerncijfers wijken en buurten")
    OWN_SURVEY = "own_survey", _("Eigen onderzoek van de gemeente")


class Level(models.TextChoices):
    LAND = "land", _("land")
    GGD_REGION = "ggd_regio", _("GGD-regio")
    MUNICIPALITY = "gemeente", _("gemeente")
    DISTRICT = "wijk", _("wijk")
    NEIGHBOURHOOD = "buurt", _("buurt")
    OTHER = "overig", _("overig")


def level_of(code: str) -> str:
    """The level of a CBS area code: GM0363 a municipality, WK036300 a district, ..."""
    prefixes = {
        "NL": Level.LAND,
        "GG": Level.GGD_REGION,
        "GM": Level.MUNICIPALITY,
        "WK": Level.DISTRICT,
        "BU": Level.NEIGHBOURHOOD,
    }
    return prefixes.get(code[:2].upper(), Level.OTHER)


class ImportRun(models.Model):
    """One import of one file for one source and year (and, for an own survey, one
    municipality). Re-importing the same source and year replaces that year's figures."""

    source = models.CharField(_("bron"), max_length=16, choices=Source.choices)
    year = models.PositiveSmallIntegerField(_("jaar"))
    file_name = models.CharField(_("bestandsnaam"), max_length=255)
    sha256 = models.CharField(_("sha256 van het bestand"), max_length=64, blank=True)
    municipality = models.ForeignKey(
        "core.Municipality",
        verbose_name=_("gemeente"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Alleen bij een eigen onderzoek: de gemeente van wie de cijfers zijn."),
    )
    loaded = models.PositiveIntegerField(_("geladen cijfers"), default=0)
    skipped = models.PositiveIntegerField(
        _("overgeslagen cijfers"), default=0, help_text=_("Onbekend of geheim (onderdrukt).")
    )
    rejected = models.PositiveIntegerField(_("geweigerde regels"), default=0)
    report = models.JSONField(_("verslag"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingelezen door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("ingelezen op"), auto_now_add=True)

    class Meta:
        verbose_name = _("import van cijfers")
        verbose_name_plural = _("imports van cijfers")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_source_display()} {self.year} ({self.file_name})"


class AreaFigure(models.Model):
    """One measured figure: an indicator of an area in a year, from a source, for an age
    group, with its 95% margins. ``value`` NULL with ``suppressed`` means unknown or secret."""

    import_run = models.ForeignKey(
        ImportRun, verbose_name=_("import"), on_delete=models.CASCADE, related_name="figures"
    )
    source = models.CharField(_("bron"), max_length=16, choices=Source.choices)
    year = models.PositiveSmallIntegerField(_("jaar"))
    municipality = models.ForeignKey(
        "core.Municipality",
        verbose_name=_("gemeente"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Alleen bij een eigen onderzoek; openbare cijfers zijn landelijk."),
    )
    area_code = models.CharField(_("gebiedscode"), max_length=16)
    level = models.CharField(_("niveau"), max_length=10, choices=Level.choices)
    indicator = models.CharField(
        _("indicator"),
        max_length=64,
        help_text=_("Bijvoorbeeld eenzaam, ernstig_eenzaam of een kerncijfer als aantal_inwoners."),
    )
    age_group = models.CharField(
        _("leeftijdsgroep"), max_length=16, blank=True, help_text=_("Code, leeg: alle leeftijden.")
    )
    value = models.FloatField(_("waarde"), null=True, blank=True)
    lower = models.FloatField(_("ondergrens 95%"), null=True, blank=True)
    upper = models.FloatField(_("bovengrens 95%"), null=True, blank=True)
    suppressed = models.BooleanField(
        _("onbekend of geheim"),
        default=False,
        help_text=_("De bron geeft geen cijfer (te weinig waarnemingen of geheim)."),
    )

    class Meta:
        verbose_name = _("cijfer per gebied")
        verbose_name_plural = _("cijfers per gebied")
        indexes = [models.Index(fields=["area_code", "indicator", "year"])]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "year", "area_code", "indicator", "age_group"],
                condition=Q(municipality__isnull=True),
                name="riskmap_public_figure_once",
            ),
            models.UniqueConstraint(
                fields=["source", "year", "municipality", "area_code", "indicator", "age_group"],
                condition=Q(municipality__isnull=False),
                name="riskmap_own_figure_once",
            ),
            models.CheckConstraint(
                condition=Q(suppressed=False) | Q(value__isnull=True),
                name="riskmap_suppressed_has_no_value",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.area_code} {self.indicator} {self.year}"


class FigureImportJob(models.Model):
    """One upload of a file of figures (riskmap/uploads/): the file as sent, how far the check
    has come (rows checked of the total, for the progress bar) and what came of it. All or
    nothing: a refused file changes nothing and lists every problem with line and column."""

    class State(models.TextChoices):
        WAITING = "waiting", _("Wacht op verwerking")
        CHECKING = "checking", _("Wordt gecontroleerd")
        SAVING = "saving", _("Wordt opgeslagen")
        DONE = "done", _("Klaar")
        REFUSED = "refused", _("Niet ingelezen: fouten in het bestand")
        FAILED = "failed", _("Mislukt")

    source = models.CharField(_("bron"), max_length=16, choices=Source.choices)
    municipality = models.ForeignKey(
        "core.Municipality",
        verbose_name=_("gemeente"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Alleen bij een eigen onderzoek; openbare cijfers zijn landelijk."),
    )
    year = models.PositiveSmallIntegerField(
        _("jaar"), null=True, blank=True, help_text=_("Voor een bestand zonder Perioden.")
    )
    file_name = models.CharField(_("bestandsnaam"), max_length=255)
    sha256 = models.CharField(_("sha256 van het bestand"), max_length=64)
    content = models.BinaryField(_("bestand"), default=b"", blank=True)
    state = models.CharField(
        _("stand"), max_length=10, choices=State.choices, default=State.WAITING
    )
    total = models.PositiveIntegerField(_("regels"), default=0)
    checked = models.PositiveIntegerField(_("gecontroleerd"), default=0)
    problems = models.JSONField(_("fouten"), default=list, blank=True)
    runs = models.JSONField(_("imports (ImportRun-ids)"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingelezen door"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)

    #: ``visible_to``: a municipality's own survey uploads (riskmap/uploads/jobs.py).
    objects = ScopedManager()

    class Meta:
        verbose_name = _("upload van cijfers")
        verbose_name_plural = _("uploads van cijfers")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"upload {self.pk} ({self.file_name})"
