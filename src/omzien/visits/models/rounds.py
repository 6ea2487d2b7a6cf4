"""A home-visit round, its addresses from the population register, their import, and the
tombstone left when the addresses are erased."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from omzien.core.scoping import ScopedManager


class VisitRound(models.Model):
    """One campaign of home visits in one municipality: who is written to, when, with what
    letter, and how long the addresses are kept after it closes."""

    class Target(models.TextChoices):
        AND_OLDER = "and_older", _("Deze leeftijd en ouder")
        EXACT = "exact", _("Precies deze leeftijd")

    class Status(models.TextChoices):
        PREPARING = "preparing", _("In voorbereiding")
        RUNNING = "running", _("Loopt")
        CLOSED = "closed", _("Gesloten")

    municipality = models.ForeignKey(
        "core.Municipality", verbose_name=_("gemeente"), on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(_("naam"), max_length=120)
    target = models.CharField(
        _("doelgroep"), max_length=10, choices=Target.choices, default=Target.AND_OLDER
    )
    target_age = models.PositiveSmallIntegerField(_("leeftijd"), default=75)
    reference_date = models.DateField(
        _("peildatum"), help_text=_("De leeftijd geldt op deze datum.")
    )
    districts = models.ManyToManyField(
        "core.District",
        verbose_name=_("wijken"),
        blank=True,
        related_name="+",
        help_text=_("Leeg: de hele gemeente."),
    )
    starts_on = models.DateField(_("eerste bezoekdag"))
    ends_on = models.DateField(_("laatste bezoekdag"))
    letter_text = models.TextField(
        _("tekst van de brief"),
        default=(
            "Wij willen graag bij u langskomen voor een gesprek van ongeveer een uur: hoe het met "
            "u gaat, wat u belangrijk vindt en wat er in uw buurt te doen is. Een familielid of "
            "kennis mag erbij zijn. Liever een wandeling, een gesprek in het buurthuis of aan de "
            "telefoon? Dat kan ook."
        ),
    )
    not_home_text = models.TextField(
        _("tekst van het niet-thuiskaartje"),
        default=(
            "Wij kwamen vandaag bij u langs voor het huisbezoek, maar troffen u niet thuis. "
            "Wij komen nog een keer. Wilt u liever een andere dag? Neem dan contact op."
        ),
    )
    status = models.CharField(
        _("stand"), max_length=10, choices=Status.choices, default=Status.PREPARING
    )
    retention_days = models.PositiveSmallIntegerField(
        _("bewaartermijn adressen na sluiten (dagen)"),
        default=90,
        help_text=_("Overgenomen uit de instellingen van de gemeente bij het aanmaken."),
    )
    closed_at = models.DateTimeField(_("gesloten op"), null=True, blank=True)
    erased_at = models.DateTimeField(_("adressen gewist op"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("huisbezoekronde")
        verbose_name_plural = _("huisbezoekrondes")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="visits_round_period"
            )
        ]

    def __str__(self) -> str:
        return self.name


class VisitAddress(models.Model):
    """One person at one address from the register extract, in one round. Personal data:
    erased (row deleted) at the round's retention; the tombstone keeps counts only.

    ``register_key`` identifies the person within the round across re-imports (date of
    birth, postcode, house number, letter, addition, surname: see ``imports``)."""

    class Status(models.TextChoices):
        TO_VISIT = "to_visit", _("Nog te bezoeken")
        OBJECTION = "objection", _("Bezwaar: niet benaderen")
        DECEASED = "deceased", _("Overleden")
        DONE = "done", _("Afgerond")

    # Import speed (docs/visits-import.md, "Indexes and constraints"): no index of its own
    # where a composite index leads with the column (round: the unique (round, register_key);
    # volunteer: the walking-order index), none on municipality and district (every query
    # by them is also by round or volunteer), and no database check of municipality and
    # district: the import sets both from the round (the district only when it is the
    # round's municipality's), guarded by test_imports_integrity. The round's key is checked.
    round = models.ForeignKey(
        VisitRound,
        verbose_name=_("ronde"),
        on_delete=models.CASCADE,
        related_name="addresses",
        db_index=False,
    )
    municipality = models.ForeignKey(
        "core.Municipality",
        verbose_name=_("gemeente"),
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    register_key = models.CharField(_("sleutel"), max_length=64)
    initials = models.CharField(_("voorletters"), max_length=20, blank=True)
    first_name = models.CharField(_("roepnaam"), max_length=60, blank=True)
    prefix = models.CharField(_("tussenvoegsel"), max_length=20, blank=True)
    surname = models.CharField(_("achternaam"), max_length=120)
    date_of_birth = models.DateField(_("geboortedatum"))
    street = models.CharField(_("straat"), max_length=120)
    house_number = models.PositiveIntegerField(_("huisnummer"))
    house_letter = models.CharField(_("huisletter"), max_length=1, blank=True)
    addition = models.CharField(_("toevoeging"), max_length=10, blank=True)
    postcode = models.CharField(_("postcode"), max_length=6)
    place = models.CharField(_("woonplaats"), max_length=80)
    household = models.CharField(
        _("huishouden"), max_length=40, blank=True, help_text=_("Bijvoorbeeld alleenstaand.")
    )
    district = models.ForeignKey(
        "core.District",
        verbose_name=_("wijk"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    status = models.CharField(
        _("stand"), max_length=10, choices=Status.choices, default=Status.TO_VISIT
    )
    volunteer = models.ForeignKey(
        "visits.Volunteer",
        verbose_name=_("vrijwilliger"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="addresses",
        db_index=False,
    )
    proposed_at = models.DateTimeField(_("voorgestelde datum en tijd"), null=True, blank=True)
    letter_sent_at = models.DateTimeField(_("brief verstuurd op"), null=True, blank=True)
    last_outcome = models.CharField(_("laatste uitkomst"), max_length=12, blank=True)
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    imported_at = models.DateTimeField(_("ingelezen op"))

    objects = ScopedManager()

    class Meta:
        verbose_name = _("adres in een ronde")
        verbose_name_plural = _("adressen in een ronde")
        ordering = ["postcode", "house_number", "house_letter", "addition", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "register_key"], name="visits_address_once_per_round"
            )
        ]
        indexes = [
            # Only assigned addresses: an import (volunteer still empty) need not fill it.
            models.Index(
                fields=["volunteer", "postcode", "house_number"],
                condition=Q(volunteer__isnull=False),
                name="visits_address_volunteer_walk",
            ),
        ]

    def __str__(self) -> str:
        return f"adres {self.pk}"

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.initials, self.prefix, self.surname) if p)

    @property
    def house(self) -> str:
        return (
            f"{self.house_number}{self.house_letter}{'-' + self.addition if self.addition else ''}"
        )


class AddressImport(models.Model):
    """One import of a register extract (or an objection or deceased list) into a round: how
    far it has come, what was wrong, and what came of it. All or nothing."""

    class Kind(models.TextChoices):
        ADDRESSES = "addresses", _("Adressen uit de basisregistratie")
        OBJECTIONS = "objections", _("Bezwaarlijst")
        DECEASED = "deceased", _("Overleden")

    class State(models.TextChoices):
        WAITING = "waiting", _("Wacht op verwerking")
        CHECKING = "checking", _("Wordt gecontroleerd")
        SAVING = "saving", _("Wordt opgeslagen")
        DONE = "done", _("Klaar")
        REFUSED = "refused", _("Niet ingelezen: fouten in het bestand")
        FAILED = "failed", _("Mislukt")

    round = models.ForeignKey(
        VisitRound, verbose_name=_("ronde"), on_delete=models.CASCADE, related_name="imports"
    )
    municipality = models.ForeignKey(
        "core.Municipality", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices)
    file_name = models.CharField(_("bestand"), max_length=200)
    upload = models.BinaryField(_("bestand (tot het is verwerkt)"), blank=True, default=b"")
    state = models.CharField(_("stand"), max_length=10, choices=State.choices,
                             default=State.WAITING)  # fmt: skip
    total = models.PositiveIntegerField(_("regels"), default=0)
    checked = models.PositiveIntegerField(_("gecontroleerd"), default=0)
    problems = models.JSONField(_("fouten"), default=list, blank=True)
    summary = models.JSONField(_("uitkomst"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("import van adressen")
        verbose_name_plural = _("imports van adressen")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"import {self.pk}"


class RoundTombstone(models.Model):
    """What is left of a round's addresses after erasure: counts only, no personal data."""

    round = models.OneToOneField(
        VisitRound, verbose_name=_("ronde"), on_delete=models.CASCADE, related_name="tombstone"
    )
    erased_at = models.DateTimeField(_("gewist op"))
    counts = models.JSONField(
        _("aantallen"), default=dict, help_text=_("Per uitkomst en per wijk, geen namen.")
    )

    class Meta:
        verbose_name = _("grafsteen van een ronde")
        verbose_name_plural = _("grafstenen van rondes")

    def __str__(self) -> str:
        return f"grafsteen ronde {self.round_id}"
