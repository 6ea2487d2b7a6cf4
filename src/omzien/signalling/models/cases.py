"""Signals (meldingen), cases (trajecten) and their history."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omzien.core.scoping import ScopedManager
from omzien.signalling.cases.workflow import CaseState, Outcome, check_move, public_status
from omzien.signalling.models.choices import (
    Channel,
    PersonAware,
    PostcodeCheck,
    Relation,
    new_receipt_code,
)
from omzien.signalling.models.referrals import ReferralState


class Case(models.Model):
    """The follow-up (traject) for one resident; several signals can join one case."""

    municipality = models.ForeignKey(
        "core.Municipality", verbose_name=_("gemeente"), on_delete=models.PROTECT, related_name="+"
    )
    resident = models.ForeignKey(
        "core.Resident",
        verbose_name=_("inwoner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cases",
    )
    state = models.CharField(
        _("status"), max_length=20, choices=CaseState.choices, default=CaseState.NEW
    )
    outcome = models.CharField(_("uitkomst"), max_length=20, choices=Outcome.choices, blank=True)
    district = models.ForeignKey(
        "core.District", verbose_name=_("wijk"), on_delete=models.SET_NULL, null=True, blank=True
    )
    team = models.ForeignKey(
        "core.Team", verbose_name=_("team"), on_delete=models.SET_NULL, null=True, blank=True
    )
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("welzijnswerker"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    urgent = models.BooleanField(_("urgent"), default=False)
    contact_deadline = models.DateTimeField(_("uiterlijk eerste contact"))
    first_contact_at = models.DateTimeField(_("eerste contact"), null=True, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    closed_at = models.DateTimeField(_("afgesloten op"), null=True, blank=True)
    personal_data_erased_at = models.DateTimeField(
        _("persoonsgegevens gewist op"), null=True, blank=True
    )

    objects = ScopedManager()

    class Meta:
        verbose_name = _("traject")
        verbose_name_plural = _("trajecten")
        indexes = [
            models.Index(fields=["municipality", "state", "contact_deadline"]),
            models.Index(fields=["municipality", "caseworker", "state"]),
            models.Index(fields=["municipality", "team", "state"]),
            models.Index(fields=["state", "closed_at"]),
            # The risk map's residents reached per district (signalling/figures.py): covers
            # the count, so PostgreSQL reads the index only (bench/riskmap_pages.py).
            models.Index(
                fields=["municipality", "first_contact_at", "district", "id"],
                name="signalling_case_reached_idx",
            ),
            # Monitoring (issue 12): closed cases of a municipality by period.
            models.Index(fields=["municipality", "closed_at"], name="signalling_case_closed_idx"),
            # Monitoring (issue 12): the cases due in a period (``due_cases``: by deadline) for
            # the first-contact table and "within the norm", covering them with or without
            # districts (bench/monitoring.py).
            models.Index(
                fields=[
                    "municipality",
                    "contact_deadline",
                    "first_contact_at",
                    "created_at",
                    "outcome",
                    "district",
                    "id",
                ],
                name="signalling_case_due_idx",
            ),  # fmt: skip
        ]

    def __str__(self) -> str:
        return f"Traject #{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.state != CaseState.CLOSED

    @property
    def public_status(self) -> str:
        return public_status(self.state)

    def is_overdue(self, now=None) -> bool:
        now = now or timezone.now()
        return self.first_contact_at is None and self.is_open and self.contact_deadline < now

    def move_to(self, target: str, *, by, note: str = "") -> CaseEvent:
        """Change state through the workflow table and record the move in the history."""
        check_move(self.state, target)
        previous, self.state = self.state, target
        return CaseEvent.objects.create(
            case=self,
            actor=by,
            kind=CaseEvent.Kind.STATE,
            from_state=previous,
            to_state=target,
            text=note,
        )


class Signal(models.Model):
    """One report by one reporter about one person."""

    municipality = models.ForeignKey(
        "core.Municipality", verbose_name=_("gemeente"), on_delete=models.PROTECT, related_name="+"
    )
    case = models.ForeignKey(
        Case, verbose_name=_("traject"), on_delete=models.CASCADE, related_name="signals"
    )
    receipt_code = models.CharField(
        _("meldcode"), max_length=9, unique=True, default=new_receipt_code
    )
    channel = models.CharField(_("kanaal"), max_length=20, choices=Channel.choices)
    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisatie"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="signals",
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("melder (account)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # About whom (personal data; erased by retention)
    postcode = models.CharField(_("postcode"), max_length=7)
    house_number = models.CharField(_("huisnummer"), max_length=10)
    house_number_addition = models.CharField(_("toevoeging"), max_length=10, blank=True)
    person_name = models.CharField(_("naam"), max_length=200, blank=True)
    postcode_check = models.CharField(
        _("postcode"),
        max_length=10,
        choices=PostcodeCheck.choices,
        blank=True,
        default=PostcodeCheck.IN_MUNICIPALITY,
        help_text=_("Onbekend of in een andere gemeente: de melder stuurde hem toch hierheen."),
    )
    # What worries the reporter
    signs = models.JSONField(_("signalen"), default=list, blank=True)
    concern = models.TextField(_("zorg"), blank=True, max_length=5000)
    person_aware = models.CharField(
        _("weet de persoon van de melding"),
        max_length=10,
        choices=PersonAware.choices,
        default=PersonAware.UNKNOWN,
    )
    relation = models.CharField(
        _("relatie tot de persoon"), max_length=20, choices=Relation.choices, blank=True
    )
    # Who reports (optional; erased 30 days after closing)
    reporter_name = models.CharField(_("naam melder"), max_length=200, blank=True)
    reporter_email = models.EmailField(_("e-mail melder"), blank=True)
    reporter_phone = models.CharField(_("telefoon melder"), max_length=30, blank=True)
    reporter_contact_erased_at = models.DateTimeField(null=True, blank=True)
    # Triage
    urgent = models.BooleanField(_("urgent"), default=False)
    crisis_words = models.JSONField(_("gevonden crisiswoorden"), default=list, blank=True)
    district = models.ForeignKey(
        "core.District", verbose_name=_("wijk"), on_delete=models.SET_NULL, null=True, blank=True
    )
    idempotency_key = models.CharField(max_length=100, blank=True)
    request_hash = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(_("ontvangen op"), default=timezone.now)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="signal_unique_idempotency_key",
            )
        ]
        indexes = [
            # Signals per district over a period (the risk map), covering the count.
            models.Index(
                fields=["municipality", "created_at", "district", "id"],
                name="signalling_signal_district_idx",
            ),
            # Monitoring (issue 12), covering the counts (bench/monitoring.py): a
            # municipality's signals per month and channel, and every municipality's signals
            # in a period (the national overview).
            models.Index(
                fields=["municipality", "created_at", "channel", "id"],
                name="signalling_signal_month_idx",
            ),
            models.Index(
                fields=["created_at", "municipality", "id"], name="signalling_signal_period_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"Melding {self.receipt_code}"

    @property
    def has_reporter_contact(self) -> bool:
        return bool(self.reporter_name or self.reporter_email or self.reporter_phone)


class CaseEvent(models.Model):
    """The append-only history and timeline of a case: moves, attempts, notes, consent."""

    class Kind(models.TextChoices):
        STATE = "state", _("Statuswijziging")
        SIGNAL = "signal", _("Melding")
        ATTEMPT = "attempt", _("Contactpoging")
        NOTE = "note", _("Gesprek of notitie")
        CONSENT = "consent", _("Toestemming")
        ASSESSMENT = "assessment", _("Meting")
        ASSIGNMENT = "assignment", _("Toewijzing")
        REFERRAL = "referral", _("Verwijzing")
        REFERRAL_FOLLOW_UP = "referral_follow_up", _("Verwijzing opgevolgd")

    class ConsentHow(models.TextChoices):
        VERBAL = "verbal", _("Mondeling")
        WRITTEN = "written", _("Schriftelijk")
        DIGITAL = "digital", _("Digitaal")

    class Method(models.TextChoices):
        PHONE = "phone", _("Telefoon")
        VISIT = "visit", _("Huisbezoek")
        LETTER = "letter", _("Brief")
        EMAIL = "email", _("E-mail")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("tijdstip"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    from_state = models.CharField(max_length=20, choices=CaseState.choices, blank=True)
    to_state = models.CharField(max_length=20, choices=CaseState.choices, blank=True)
    method = models.CharField(_("manier"), max_length=10, choices=Method.choices, blank=True)
    reached = models.BooleanField(_("bereikt"), null=True)
    consent_scope = models.CharField(_("toestemming voor"), max_length=200, blank=True)
    consent_how = models.CharField(
        _("toestemming gegeven via"), max_length=50, blank=True, choices=ConsentHow.choices
    )
    text = models.TextField(_("tekst"), blank=True, max_length=10000)
    related_id = models.BigIntegerField(null=True, blank=True)
    # A referral's step (issue 9): the state the referral ``related_id`` moved to.
    referral_state = models.CharField(
        _("stand van de verwijzing"), max_length=12, blank=True, choices=ReferralState.choices
    )

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("gebeurtenis")
        verbose_name_plural = _("gebeurtenissen")

    def __str__(self) -> str:
        return f"Gebeurtenis #{self.pk} ({self.kind})"
