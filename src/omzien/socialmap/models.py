"""The local offer (issue 9): initiatives shaped after the Open Referral Human Services Data
Specification (HSDS 3.0: organization, service, location, schedule, eligibility, cost,
languages, accessibility, contact), and every version of each."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from omzien.core.scoping import ScopedManager
from omzien.socialmap.choices import Status, Where


class Initiative(models.Model):
    """An activity or service of a local organisation that residents can join (HSDS
    ``service`` with its ``location``, ``schedule`` text, eligibility and contact)."""

    municipality = models.ForeignKey(
        "core.Municipality", verbose_name=_("gemeente"), on_delete=models.CASCADE,
        related_name="initiatives",
    )  # fmt: skip
    organisation = models.ForeignKey(
        "core.Organisation", verbose_name=_("organisatie"), on_delete=models.PROTECT,
        related_name="initiatives",
    )  # fmt: skip
    hsds_id = models.UUIDField(
        _("vaste sleutel (HSDS id)"), default=uuid.uuid4, editable=False,
        help_text=_("Blijft gelijk bij export en import, zodat een import bijwerkt."),
    )  # fmt: skip
    reference = models.CharField(
        _("eigen nummer"), max_length=100, blank=True,
        help_text=_("Het nummer in uw eigen sociale kaart; een import werkt bij op dit nummer."),
    )  # fmt: skip
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(
        _("beschrijving"), max_length=4000, help_text=_("In gewone taal: wat doe je er, voor wie.")
    )
    kinds = models.JSONField(_("soorten activiteit"), default=list)
    target_groups = models.JSONField(_("voor wie in het bijzonder"), default=list, blank=True)
    age_min = models.PositiveSmallIntegerField(
        _("vanaf leeftijd"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    age_max = models.PositiveSmallIntegerField(
        _("tot en met leeftijd"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    languages = models.JSONField(_("talen"), default=list, blank=True)
    where = models.CharField(_("waar"), max_length=10, choices=Where.choices, default=Where.VENUE)
    street = models.CharField(_("straat en huisnummer"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    place = models.CharField(_("plaats"), max_length=100, blank=True)
    latitude = models.FloatField(
        _("breedtegraad"), null=True, blank=True,
        help_text=_("Het midden van het postcodegebied (PC4); leeg voor online en thuis."),
    )  # fmt: skip
    longitude = models.FloatField(_("lengtegraad"), null=True, blank=True)
    schedule = models.CharField(
        _("wanneer"),
        max_length=300,
        blank=True,
        help_text=_("Bijvoorbeeld: elke dinsdag 10-12 uur."),
    )
    free = models.BooleanField(_("gratis"), default=True)
    cost = models.CharField(_("kosten"), max_length=200, blank=True)
    wheelchair = models.BooleanField(_("rolstoeltoegankelijk"), default=False)
    hearing_loop = models.BooleanField(_("ringleiding"), default=False)
    transport = models.BooleanField(_("vervoer te regelen"), default=False)
    quiet_room = models.BooleanField(_("rustige ruimte"), default=False)
    capacity = models.PositiveIntegerField(_("aantal plaatsen"), null=True, blank=True)
    places_left = models.PositiveIntegerField(
        _("nog vrije plaatsen"), null=True, blank=True, validators=[MinValueValidator(0)]
    )
    waiting_list = models.BooleanField(_("wachtlijst"), default=False)
    contact_name = models.CharField(_("contactpersoon"), max_length=200, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    contact_phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    website = models.URLField(_("website"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    version = models.PositiveIntegerField(_("versie"), default=1)
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    created_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("initiatief")
        verbose_name_plural = _("initiatieven")
        ordering = ["name", "pk"]
        indexes = [
            models.Index(fields=["municipality", "status"]),
            # Matching (socialmap/matching_sql.py): on SQLite the candidates come from this
            # index alone (docs/matching.md, docs/benchmarks.md).
            models.Index(
                fields=[
                    "municipality",
                    "status",
                    "latitude",
                    "longitude",
                    "where",
                    "age_min",
                    "age_max",
                    "places_left",
                    "waiting_list",
                    "wheelchair",
                    "hearing_loop",
                    "transport",
                    "free",
                    "kinds",
                    "target_groups",
                    "languages",
                    "name",
                ],
                name="initiative_match_idx",
            ),  # fmt: skip
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "hsds_id"], name="initiative_unique_hsds_id"
            ),
            models.UniqueConstraint(
                fields=["municipality", "reference"],
                condition=~models.Q(reference=""),
                name="initiative_unique_reference",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class InitiativeVersion(models.Model):
    """Every saved state of an initiative: who changed what, when (issue 9: versioned)."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="versions")
    municipality = models.ForeignKey(
        "core.Municipality", on_delete=models.CASCADE, related_name="+"
    )
    number = models.PositiveIntegerField(_("versie"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    data = models.JSONField(_("inhoud"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(_("gewijzigd op"), auto_now_add=True)

    objects = ScopedManager()

    class Meta:
        ordering = ["initiative", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "number"], name="initiative_version_unique_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.initiative_id} v{self.number}"


class Event(models.Model):
    """When an initiative meets: once, or repeating by an RFC 5545 rule (``RRULE``), in
    Dutch local time (Europe/Amsterdam), so a weekly 10:00 stays 10:00 across the change to
    winter time. Expanded with ``recurring_ical_events`` (``socialmap/agenda.py``)."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="events")
    municipality = models.ForeignKey(
        "core.Municipality", on_delete=models.CASCADE, related_name="+"
    )
    starts_at = models.DateTimeField(_("begint op"))
    minutes = models.PositiveIntegerField(
        _("duur (minuten)"), default=120, validators=[MinValueValidator(5), MaxValueValidator(1440)]
    )
    rrule = models.CharField(
        _("herhaling (RFC 5545)"), max_length=300, blank=True,
        help_text=_("Leeg: één keer. Bijvoorbeeld FREQ=WEEKLY;UNTIL=20270630T000000Z."),
    )  # fmt: skip
    title = models.CharField(_("titel"), max_length=200, blank=True)
    note = models.CharField(_("opmerking"), max_length=300, blank=True)

    objects = ScopedManager()

    class Meta:
        ordering = ["starts_at", "pk"]

    def __str__(self) -> str:
        return self.title or str(self.initiative_id)


class SocialMapSettings(models.Model):
    """The municipality's choices for the social map; read them with
    ``omzien.socialmap.settings.settings_of`` (a municipality without a row gets the
    defaults)."""

    municipality = models.OneToOneField(
        "core.Municipality", on_delete=models.CASCADE, related_name="socialmap_settings"
    )
    match_weights = models.JSONField(
        _("gewichten bij het zoeken van passend aanbod"), default=dict, blank=True,
        help_text=_("Leeg: de standaardgewichten (docs/matching.md)."),
    )  # fmt: skip
    match_max_km = models.PositiveSmallIntegerField(
        _("hoogstens zo ver weg (km)"), default=10,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Aanbod op een adres verder weg dan dit telt niet als bereikbaar."),
    )  # fmt: skip

    class Meta:
        verbose_name = _("instellingen sociale kaart")
        verbose_name_plural = _("instellingen sociale kaart")

    def __str__(self) -> str:
        return str(self.municipality_id)


class CampaignWeek(models.Model):
    """A yearly national week, such as the Week tegen Eenzaamheid (late September to early
    October). The dates are set each year by the platform's operators (Django admin); the
    agenda highlights events that fall in it."""

    year = models.PositiveSmallIntegerField(_("jaar"))
    name = models.CharField(_("naam"), max_length=100, default="Week tegen Eenzaamheid")
    starts_on = models.DateField(_("eerste dag"))
    ends_on = models.DateField(_("laatste dag"))

    class Meta:
        verbose_name = _("landelijke week")
        verbose_name_plural = _("landelijke weken")
        ordering = ["starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["year", "name"], name="campaign_week_unique_year"),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="campaign_week_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.year}"


class ImportJob(models.Model):
    """One import of a catalogue file (CSV, Excel or HSDS JSON) by a coordinator: the rows
    read from the file, how far the check has come, and what came of it. All or nothing:
    a file with any bad row changes nothing (``socialmap/imports/``)."""

    class State(models.TextChoices):
        WAITING = "waiting", _("Wacht op verwerking")
        CHECKING = "checking", _("Wordt gecontroleerd")
        SAVING = "saving", _("Wordt opgeslagen")
        DONE = "done", _("Klaar")
        REFUSED = "refused", _("Niet ingelezen: fouten in het bestand")
        FAILED = "failed", _("Mislukt")

    municipality = models.ForeignKey(
        "core.Municipality", on_delete=models.CASCADE, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    file_name = models.CharField(_("bestand"), max_length=200)
    kind = models.CharField(_("soort bestand"), max_length=10)
    publish = models.BooleanField(_("nieuwe initiatieven meteen publiceren"), default=False)
    state = models.CharField(_("stand"), max_length=10, choices=State.choices,
                             default=State.WAITING)  # fmt: skip
    total = models.PositiveIntegerField(_("regels"), default=0)
    checked = models.PositiveIntegerField(_("gecontroleerd"), default=0)
    rows = models.JSONField(_("regels uit het bestand"), default=list, blank=True)
    problems = models.JSONField(_("fouten"), default=list, blank=True)
    summary = models.JSONField(_("uitkomst"), default=dict, blank=True)
    created_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("import van de sociale kaart")
        verbose_name_plural = _("imports van de sociale kaart")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"import {self.pk}"
