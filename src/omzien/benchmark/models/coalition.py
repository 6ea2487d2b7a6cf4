"""The local coalition (issue 12, item 3): the organisations that work together against
loneliness in a municipality, by sector, what they commit to, the kartrekker who leads it,
their joint activities, and the municipality's participation in the national partnerships the
programme keeps. No personal data of residents: the kartrekker's name is a professional
contact, shown to staff only."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from omzien.core.scoping import ScopedManager


class Sector(models.TextChoices):
    """The sectors of a coalition member (a fixed list, so that municipalities compare)."""

    WELFARE = "welzijn", _("Welzijn")
    CARE = "zorg", _("Zorg")
    MUNICIPALITY = "gemeente", _("Gemeente")
    EDUCATION = "onderwijs", _("Onderwijs")
    BUSINESS = "bedrijfsleven", _("Bedrijfsleven")
    RETAIL = "winkeliers", _("Winkeliers")
    HOUSING = "woningcorporatie", _("Woningcorporatie")
    VOLUNTEERS = "vrijwilligersorganisatie", _("Vrijwilligersorganisatie")
    RELIGIOUS = "levensbeschouwelijk", _("Levensbeschouwelijk")
    SPORT_CULTURE = "sport_cultuur", _("Sport en cultuur")
    LIVED_EXPERIENCE = "ervaringsdeskundigen", _("Ervaringsdeskundigen en inwoners")
    OTHER = "overig", _("Overig")


class CoalitionMember(models.Model):
    """An organisation in the municipality's coalition. It counts as active from ``joined_on``
    up to the day before ``left_on`` (empty: still a member)."""

    municipality = models.ForeignKey(
        "core.Municipality",
        verbose_name=_("gemeente"),
        on_delete=models.CASCADE,
        related_name="coalition_members",
    )
    name = models.CharField(_("naam van de organisatie"), max_length=200)
    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisatie in Omzien"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coalition_memberships",
        help_text=_("Als de organisatie ook in Omzien werkt, kiest u haar hier."),
    )
    sector = models.CharField(_("sector"), max_length=30, choices=Sector.choices)
    commitments = models.TextField(
        _("wat de organisatie bijdraagt"),
        blank=True,
        help_text=_("Bijvoorbeeld: signaleert bij klanten, biedt een ruimte, doet huisbezoeken."),
    )
    joined_on = models.DateField(_("lid sinds"))
    left_on = models.DateField(
        _("gestopt op"),
        null=True,
        blank=True,
        help_text=_("Leeg zolang de organisatie meedoet."),
    )
    created_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("coalitiepartner")
        verbose_name_plural = _("coalitiepartners")
        ordering = ["name"]
        indexes = [models.Index(fields=["municipality", "joined_on"])]

    def __str__(self) -> str:
        return self.name

    @property
    def active(self) -> bool:
        return self.left_on is None


class Kartrekker(models.Model):
    """Who leads the coalition in the municipality (one per municipality): a professional
    contact, name and organisation, and the hours a week they spend on it."""

    municipality = models.OneToOneField(
        "core.Municipality",
        verbose_name=_("gemeente"),
        on_delete=models.CASCADE,
        related_name="kartrekker",
    )
    name = models.CharField(_("naam"), max_length=200)
    organisation_name = models.CharField(_("organisatie"), max_length=200)
    hours_per_week = models.DecimalField(
        _("uren per week"),
        max_digits=4,
        decimal_places=1,
        help_text=_("Hoeveel uur per week de kartrekker aan de aanpak werkt."),
    )
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("kartrekker")
        verbose_name_plural = _("kartrekkers")

    def __str__(self) -> str:
        return str(_("Kartrekker"))


class JointActivity(models.Model):
    """Something the coalition members did together, for example in the Week tegen
    Eenzaamheid. No names of residents."""

    municipality = models.ForeignKey(
        "core.Municipality",
        verbose_name=_("gemeente"),
        on_delete=models.CASCADE,
        related_name="coalition_activities",
    )
    title = models.CharField(_("titel"), max_length=200)
    held_on = models.DateField(_("datum"))
    members = models.ManyToManyField(
        CoalitionMember,
        verbose_name=_("coalitiepartners"),
        related_name="activities",
        blank=True,
    )
    in_week_against_loneliness = models.BooleanField(
        _("in de Week tegen Eenzaamheid"), default=False
    )
    description = models.TextField(_("korte beschrijving"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("gezamenlijke activiteit")
        verbose_name_plural = _("gezamenlijke activiteiten")
        ordering = ["-held_on", "title"]

    def __str__(self) -> str:
        return self.title


class NationalPartnership(models.Model):
    """A national partnership the programme keeps in its list (a supermarket chain, the postal
    service, pharmacists, ...): national, of no municipality."""

    name = models.CharField(_("naam"), max_length=200, unique=True)
    sector = models.CharField(_("sector"), max_length=30, choices=Sector.choices)
    description = models.TextField(_("beschrijving"), blank=True)
    active = models.BooleanField(
        _("actief"),
        default=True,
        help_text=_("Alleen actieve partnerschappen kunnen gemeenten nieuw kiezen."),
    )
    created_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("landelijk partnerschap")
        verbose_name_plural = _("landelijke partnerschappen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class LocalParticipation(models.Model):
    """A municipality takes part in a national partnership: what is done locally. Each counts
    as a collaboration (``collaborations``), active from ``since`` up to the day before
    ``ended_on``."""

    municipality = models.ForeignKey(
        "core.Municipality",
        verbose_name=_("gemeente"),
        on_delete=models.CASCADE,
        related_name="partnership_participations",
    )
    partnership = models.ForeignKey(
        NationalPartnership,
        verbose_name=_("landelijk partnerschap"),
        on_delete=models.PROTECT,
        related_name="participations",
    )
    since = models.DateField(_("sinds"))
    ended_on = models.DateField(
        _("gestopt op"), null=True, blank=True, help_text=_("Leeg zolang de samenwerking loopt.")
    )
    collaboration = models.TextField(
        _("wat er lokaal gebeurt"),
        help_text=_("Bijvoorbeeld: de bezorgers letten op ouderen en melden bij het sociaal team."),
    )
    created_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("lokale samenwerking")
        verbose_name_plural = _("lokale samenwerkingen")
        ordering = ["partnership__name"]
        indexes = [models.Index(fields=["municipality", "since"])]

    def __str__(self) -> str:
        return self.partnership.name

    @property
    def active(self) -> bool:
        return self.ended_on is None
