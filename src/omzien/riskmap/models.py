"""The risk map's figures per area: what was measured (RIVM, GGD, CBS, a municipality's own
survey) and the import run that brought each figure in.

A figure is one indicator of one area, year, source and age group, with its 95% margins.
An unknown or suppressed figure is kept with ``value`` NULL and ``suppressed`` set, never as 0.
Public figures (RIVM, GGD, CBS) are national (``municipality`` empty); a municipality's own
survey figures belong to that municipality only.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
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


class PrevalenceGroup(models.TextChoices):
    """The rows of the national prevalence table (the keys of the shipped CSVs): age bands,
    all adults, and the household figures of the model's household factor."""

    ADULTS = "18plus", "18 jaar en ouder"
    AGE_18_25 = "18_25", "18 tot 25 jaar"
    AGE_25_45 = "25_45", "25 tot 45 jaar"
    AGE_45_65 = "45_65", "45 tot 65 jaar"
    AGE_65_75 = "65_75", "65 tot 75 jaar"
    AGE_75PLUS = "75plus", "75 jaar en ouder"
    AGE_65PLUS = "65plus", "65 jaar en ouder"
    RR_ALONE = "rr_alleenwonend", "relatief risico alleenwonend t.o.v. niet-alleenwonend"
    SHARE_ALONE = "aandeel_alleenwonend_nl", "landelijk aandeel alleenwonenden onder volwassenen"
    SHARE_ADULTS = "aandeel_volwassenen_nl", "landelijk aandeel 18+ onder inwoners"


#: Rows that are a ratio (a relative risk), not a percentage.
RATIO_GROUPS = frozenset({PrevalenceGroup.RR_ALONE})


class Basis(models.TextChoices):
    MEASURED = "gemeten", _("gemeten")
    DERIVED = "afgeleid", _("afgeleid")
    BOTH = "gemeten/afgeleid", _("gemeten/afgeleid (de ene maat gemeten, de andere afgeleid)")


class PrevalenceYear(models.Model):
    """The national prevalence table of one year (docs/riskmap-model.md): the model of the
    risk map uses the table of the year asked, else the latest year before it. Seeded from
    ``riskmap/data/prevalence/`` (migration 0002); edited in the Django admin, audited."""

    year = models.PositiveSmallIntegerField(
        _("jaar"),
        unique=True,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("Het jaar van de meting. Het model neemt deze tabel voor dit jaar en later."),
    )
    source = models.CharField(
        _("bron"),
        max_length=200,
        help_text=_("Kort, zoals de risicokaart het noemt, bijvoorbeeld: Gezondheidsmonitor "
                    "Volwassenen en Ouderen 2022 (GGD GHOR, RIVM en CBS)."),
    )  # fmt: skip
    notes = models.TextField(
        _("toelichting"), blank=True, help_text=_("Hoe de cijfers gemeten of afgeleid zijn.")
    )
    updated_at = models.DateTimeField(_("laatst gewijzigd"), auto_now=True)

    class Meta:
        verbose_name = _("landelijke prevalentietabel")
        verbose_name_plural = _("landelijke prevalentietabellen")
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"Prevalentie {self.year}"


def _percentage_or_ratio_errors(rate: PrevalenceRate) -> dict[str, str]:
    """Per field a Dutch message: a percentage 0-100 (a ratio above 0), lower <= value <= upper."""
    errors: dict[str, str] = {}
    ratio = rate.key in RATIO_GROUPS
    for measure in ("eenzaam", "ernstig"):
        names = (f"{measure}_lower", measure, f"{measure}_upper")
        values = [getattr(rate, name) for name in names]
        wrong = {}
        for name, value in zip(names, values, strict=True):
            if value is None:
                continue
            if ratio and value <= 0:
                wrong[name] = _("Een relatief risico is groter dan 0.")
            elif not ratio and not 0 <= value <= 100:
                wrong[name] = _("Een percentage ligt tussen 0 en 100.")
        lower, value, upper = values
        if not wrong and None not in values:
            if lower > value:
                wrong[names[0]] = _("De ondergrens mag niet hoger zijn dan het cijfer zelf.")
            if value > upper:
                wrong[names[2]] = _("De bovengrens mag niet lager zijn dan het cijfer zelf.")
        errors.update(wrong)
    return errors


class PrevalenceRate(models.Model):
    """One row of a year's table: the national share (%) of lonely (De Jong Gierveld score
    3+) and severely lonely (9+) adults in a group, each with its plausible range, or for
    ``rr_alleenwonend`` a relative risk. Every row names its source."""

    table = models.ForeignKey(
        PrevalenceYear, verbose_name=_("tabel"), on_delete=models.CASCADE, related_name="rates"
    )
    key = models.CharField(_("groep"), max_length=32, choices=PrevalenceGroup.choices)
    eenzaam = models.FloatField(_("eenzaam"))
    eenzaam_lower = models.FloatField(_("eenzaam ondergrens"))
    eenzaam_upper = models.FloatField(_("eenzaam bovengrens"))
    ernstig = models.FloatField(_("ernstig eenzaam"))
    ernstig_lower = models.FloatField(_("ernstig ondergrens"))
    ernstig_upper = models.FloatField(_("ernstig bovengrens"))
    basis = models.CharField(_("gemeten of afgeleid"), max_length=16, choices=Basis.choices)
    source = models.TextField(
        _("bron of berekening"),
        help_text=_("Waar het cijfer vandaan komt, of hoe het is uitgerekend."),
    )

    class Meta:
        verbose_name = _("cijfer van de prevalentietabel")
        verbose_name_plural = _("cijfers van de prevalentietabel")
        ordering = ["table_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["table", "key"], name="riskmap_prevalence_row_once")
        ]

    def __str__(self) -> str:
        return f"{self.key}"

    @property
    def unit(self) -> str:
        return "ratio" if self.key in RATIO_GROUPS else "pct"

    def clean(self) -> None:
        errors = _percentage_or_ratio_errors(self)
        if errors:
            raise ValidationError(errors)


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
