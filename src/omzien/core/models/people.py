"""People and organisations: users, memberships (roles), organisations, teams, residents."""

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from omzien.core.roles import NATIONAL_ROLES, Role
from omzien.core.scoping import ScopedManager

from .areas import District, Municipality


class User(AbstractUser):
    """A person who logs in. Roles come from memberships, never from the user itself."""

    email = models.EmailField(_("e-mailadres"), unique=True)

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    def __str__(self) -> str:
        # No name or e-mail: __str__ ends up in logs and admin lists.
        return f"Gebruiker #{self.pk}"

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class Organisation(models.Model):
    """An organisation in the local coalition: welfare, care, business, public, and more."""

    class Kind(models.TextChoices):
        WELFARE = "welfare", _("Welzijnsorganisatie")
        CARE = "care", _("Zorg")
        BUSINESS = "business", _("Bedrijf of winkel")
        PUBLIC = "public", _("Publieke organisatie")
        VOLUNTEER = "volunteer", _("Vrijwilligersorganisatie")
        KNOWLEDGE = "knowledge", _("Kennisinstelling")
        OTHER = "other", _("Anders")

    class Scope(models.TextChoices):
        LOCAL = "local", _("Lokaal")
        NATIONAL = "national", _("Landelijk")

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("gemeente"),
        on_delete=models.CASCADE,
        related_name="organisations",
        help_text=_("De gemeente waarin deze organisatie in Omzien meedoet."),
    )
    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    scope = models.CharField(_("werkgebied"), max_length=10, choices=Scope.choices, default="local")
    national_coalition_member = models.BooleanField(
        _("lid van de landelijke coalitie"),
        default=False,
        help_text=_("Lid van de landelijke coalitie Eén tegen eenzaamheid."),
    )

    objects = ScopedManager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="organisation_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    """A welfare team of an organisation that serves some districts of a municipality."""

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("gemeente"), on_delete=models.CASCADE, related_name="teams"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisatie"), on_delete=models.CASCADE, related_name="teams"
    )
    name = models.CharField(_("naam"), max_length=200)
    districts = models.ManyToManyField(
        District, verbose_name=_("wijken"), blank=True, related_name="teams"
    )

    objects = ScopedManager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="team_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """Grants a user one role in one municipality (or nationally, for the programme team)."""

    user = models.ForeignKey(
        User, verbose_name=_("gebruiker"), on_delete=models.CASCADE, related_name="memberships"
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("gemeente"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        help_text=_("Leeg alleen voor het landelijk programmateam."),
    )
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    team = models.ForeignKey(
        Team, verbose_name=_("team"), on_delete=models.SET_NULL, null=True, blank=True
    )
    districts = models.ManyToManyField(
        District,
        verbose_name=_("wijken"),
        blank=True,
        help_text=_("Voor welzijnswerkers: de wijken waarvan zij trajecten zien (naast hun team)."),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "municipality", "role"], name="membership_unique_role"
            ),
            models.CheckConstraint(
                condition=(models.Q(role__in=list(NATIONAL_ROLES), municipality__isnull=True))
                | (~models.Q(role__in=list(NATIONAL_ROLES)) & models.Q(municipality__isnull=False)),
                name="membership_national_has_no_municipality",
            ),
        ]

    def __str__(self) -> str:
        return f"Lidmaatschap #{self.pk} ({self.role})"

    def clean(self) -> None:
        if self.role in NATIONAL_ROLES and self.municipality_id:
            raise ValidationError(_("Het landelijk programmateam hoort niet bij één gemeente."))
        if self.role not in NATIONAL_ROLES and not self.municipality_id:
            raise ValidationError(_("Kies een gemeente."))


class Resident(models.Model):
    """A resident (inwoner): the person a case or a home visit is about. Personal data.

    Every read and write goes through a service or query that writes an audit event.
    """

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("gemeente"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("naam"), max_length=200, blank=True)
    street = models.CharField(_("straat"), max_length=200, blank=True)
    postcode = models.CharField(
        _("postcode"), max_length=7, help_text=_("Bijvoorbeeld 3701 AB of 3701.")
    )
    house_number = models.CharField(_("huisnummer"), max_length=10)
    house_number_addition = models.CharField(_("toevoeging"), max_length=10, blank=True)
    place = models.CharField(_("woonplaats"), max_length=100, blank=True)
    birth_date = models.DateField(_("geboortedatum"), null=True, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("geboortejaar"), null=True, blank=True)
    phone = models.CharField(_("telefoonnummer"), max_length=30, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    preferred_language = models.CharField(
        _("voorkeurstaal"),
        max_length=50,
        blank=True,
        help_text=_(
            "De taal waarin de inwoner het liefst praat, bijvoorbeeld Nederlands of Turks."
        ),
    )
    contact_notes = models.TextField(
        _("afspraken over contact"),
        max_length=1000,
        blank=True,
        help_text=_(
            "Hoe en wanneer de inwoner het best te bereiken is. "
            "Schrijf hier geen gegevens over gezondheid."
        ),
    )
    district = models.ForeignKey(
        District,
        verbose_name=_("wijk"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        help_text=_("Afgeleid van de postcode."),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("inwoner")
        verbose_name_plural = _("inwoners")
        indexes = [models.Index(fields=["municipality", "postcode", "house_number"])]

    def __str__(self) -> str:
        return f"Inwoner #{self.pk}"

    def save(self, *args, **kwargs):
        from omzien.core.geo import district_for_postcode, normalise_postcode

        self.postcode = normalise_postcode(self.postcode)
        self.district = district_for_postcode(self.postcode, self.municipality)
        if self.birth_date:
            # A corrected birth date corrects the year shown on the resident page.
            self.birth_year = self.birth_date.year
        super().save(*args, **kwargs)

    @property
    def address_line(self) -> str:
        number = f"{self.house_number}{self.house_number_addition}".strip()
        return " ".join(part for part in [self.street, number] if part)
