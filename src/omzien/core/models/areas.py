"""Areas: provinces, municipalities (the tenants), districts, neighbourhoods, PC4 postcodes.

Reference data comes from CBS (see src/omzien/core/data/README.md) and is loaded by
``manage.py load_reference_data``.
"""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Province(models.Model):
    """A Dutch province (CBS code PV20..PV31)."""

    code = models.CharField(_("CBS-code"), max_length=4, unique=True)
    name = models.CharField(_("naam"), max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = _("provincie")
        verbose_name_plural = _("provincies")

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    """A municipality (gemeente), the tenant. Each app keeps its local choices for a
    municipality in its own settings model (e.g. ``signalling.SignallingSettings``)."""

    code = models.CharField(
        _("CBS-code"),
        max_length=6,
        unique=True,
        validators=[RegexValidator(r"^GM\d{4}$")],
        help_text=_("Gemeentecode van het CBS, bijvoorbeeld GM0355."),
    )
    name = models.CharField(_("naam"), max_length=100)
    slug = models.SlugField(_("korte naam in adressen"), max_length=100, unique=True)
    province = models.ForeignKey(
        Province, verbose_name=_("provincie"), on_delete=models.PROTECT, null=True, blank=True
    )
    key_figures = models.JSONField(
        _("kerncijfers"),
        default=dict,
        blank=True,
        help_text=_("Kerncijfers wijken en buurten (CBS) van de gemeente."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")

    def __str__(self) -> str:
        return self.name


class District(models.Model):
    """A district (wijk) of a municipality, CBS 2024 division, with CBS key figures."""

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("gemeente"), on_delete=models.CASCADE, related_name="districts"
    )
    code = models.CharField(
        _("CBS-code"), max_length=8, unique=True, validators=[RegexValidator(r"^WK[0-9A-Z]{6}$")]
    )
    name = models.CharField(_("naam"), max_length=200)
    inhabitants = models.PositiveIntegerField(_("inwoners"), null=True, blank=True)
    households = models.PositiveIntegerField(_("huishoudens"), null=True, blank=True)
    pct_65plus = models.FloatField(_("% 65 jaar en ouder"), null=True, blank=True)
    key_figures = models.JSONField(_("kerncijfers"), default=dict, blank=True)
    geometry = models.JSONField(
        _("grens"),
        null=True,
        blank=True,
        help_text=_("Vereenvoudigde grens als GeoJSON-geometrie (WGS84)."),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("wijk")
        verbose_name_plural = _("wijken")

    def __str__(self) -> str:
        return self.name


class Neighbourhood(models.Model):
    """A neighbourhood (buurt) within a district."""

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("gemeente"), on_delete=models.CASCADE
    )
    district = models.ForeignKey(
        District, verbose_name=_("wijk"), on_delete=models.CASCADE, related_name="neighbourhoods"
    )
    code = models.CharField(
        _("CBS-code"), max_length=10, unique=True, validators=[RegexValidator(r"^BU[0-9A-Z]{8}$")]
    )
    name = models.CharField(_("naam"), max_length=200)
    geometry = models.JSONField(_("grens"), null=True, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("buurt")
        verbose_name_plural = _("buurten")

    def __str__(self) -> str:
        return self.name


class PostcodeArea(models.Model):
    """A four-digit postcode area (PC4) and the municipality and district it lies in.

    PC4 areas can cross borders; the assignment is by the area's centroid (see the data
    README), good enough to route a signal, not to draw a border.
    """

    pc4 = models.CharField(_("postcode (4 cijfers)"), max_length=4, primary_key=True)
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("gemeente"), on_delete=models.CASCADE, null=True, blank=True
    )
    district = models.ForeignKey(
        District, verbose_name=_("wijk"), on_delete=models.SET_NULL, null=True, blank=True
    )
    place = models.CharField(_("plaats"), max_length=100, blank=True)
    latitude = models.FloatField(_("breedtegraad"))
    longitude = models.FloatField(_("lengtegraad"))
    inhabitants = models.PositiveIntegerField(_("inwoners"), null=True, blank=True)

    class Meta:
        ordering = ["pc4"]
        verbose_name = _("postcodegebied")
        verbose_name_plural = _("postcodegebieden")

    def __str__(self) -> str:
        return self.pc4
