"""Signals (meldingen), cases (trajecten), their history and the signalling settings."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omzien.core.scoping import ScopedManager
from omzien.signalling.workflow import CaseState, Outcome, check_move, public_status

#: Receipt codes avoid letters and digits that look alike (0/O, 1/I/L).
RECEIPT_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_receipt_code() -> str:
    raw = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(8))
    return f"{raw[:4]}-{raw[4:]}"


class Channel(models.TextChoices):
    PUBLIC_FORM = "public_form", _("Meldformulier")
    PARTNER_LINK = "partner_link", _("Partnerlink")
    REPORTER = "reporter", _("Ingelogde signaleerder")
    PARTNER_API = "partner_api", _("Partner-API")
    PHONE = "phone", _("Telefoon (door medewerker)")
    SELF_REFERRAL = "self_referral", _("Zelfmelding")
    HOME_VISIT = "home_visit", _("Huisbezoek")


class Sign(models.TextChoices):
    """Signs reporters are asked about (DOMAIN.md section 5)."""

    CURTAINS_CLOSED = "curtains_closed", _("De gordijnen zijn al dagen dicht")
    NEGLECTED_HOME = "neglected_home", _("Tuin of huis raakt verwaarloosd")
    LETTERBOX_FULL = "letterbox_full", _("De brievenbus puilt uit")
    STOPPED_ACTIVITIES = "stopped_activities", _("Komt niet meer naar activiteiten")
    NOT_SEEN_OUTSIDE = "not_seen_outside", _("Wordt niet meer buiten gezien")
    LIGHTS_ON_DAYTIME = "lights_on_daytime", _("Overdag brandt het licht")
    DEAD_PLANTS = "dead_plants", _("Planten zijn dood")
    SELF_CARE_DECLINE = "self_care_decline", _("Verzorgt zichzelf minder goed")
    ALCOHOL_MEDICATION = "alcohol_medication", _("Drinkt meer of gebruikt medicijnen anders")
    LIFE_EVENT = (
        "life_event",
        _("Heeft iets ingrijpends meegemaakt (partner overleden, verhuisd, met pensioen, ziek)"),
    )
    OTHER = "other", _("Iets anders")


class PersonAware(models.TextChoices):
    YES = "yes", _("Ja")
    NO = "no", _("Nee")
    UNKNOWN = "unknown", _("Weet ik niet")


class Relation(models.TextChoices):
    NEIGHBOUR = "neighbour", _("Buur")
    FAMILY = "family", _("Familie")
    FRIEND = "friend", _("Vriend of kennis")
    PROFESSIONAL = "professional", _("Via mijn werk")
    SELF = "self", _("Het gaat over mijzelf")
    OTHER = "other", _("Anders")


class SignallingSettings(models.Model):
    """Per-municipality texts and periods of the signalling point."""

    municipality = models.OneToOneField(
        "core.Municipality",
        verbose_name=_("gemeente"),
        on_delete=models.CASCADE,
        related_name="signalling_settings",
    )
    received_text = models.TextField(
        _("tekst na ontvangst"),
        default=(
            "Bedankt voor uw melding. Een welzijnswerker kijkt ernaar en neemt zo nodig contact "
            "op met de persoon over wie u zich zorgen maakt."
        ),
    )
    in_progress_text = models.TextField(
        _("tekst tijdens behandeling"),
        default="Uw melding is opgepakt. Wat er precies gebeurt, blijft tussen de inwoner en ons.",
    )
    closed_text = models.TextField(
        _("tekst na afronden"),
        default=(
            "Uw melding is afgehandeld. Dank u wel dat u omkijkt naar een ander. Wat er is "
            "besproken, blijft tussen de inwoner en de welzijnswerker."
        ),
    )
    reporter_contact_retention_days = models.PositiveIntegerField(
        _("bewaartermijn contactgegevens melder (dagen na afsluiten)"), default=30
    )
    notify_email = models.EmailField(
        _("e-mailadres voor urgente meldingen en overzichten"),
        blank=True,
        help_text=_("Leeg: de e-mailadressen van de kartrekkers."),
    )

    class Meta:
        verbose_name = _("instellingen signaalpunt")
        verbose_name_plural = _("instellingen signaalpunt")

    def __str__(self) -> str:
        return f"Instellingen signaalpunt #{self.pk}"

    @classmethod
    def for_municipality(cls, municipality) -> SignallingSettings:
        obj, _ = cls.objects.get_or_create(municipality=municipality)
        return obj


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
        indexes = [models.Index(fields=["municipality", "created_at"])]

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
    consent_how = models.CharField(_("toestemming gegeven via"), max_length=50, blank=True)
    text = models.TextField(_("tekst"), blank=True, max_length=10000)
    related_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("gebeurtenis")
        verbose_name_plural = _("gebeurtenissen")

    def __str__(self) -> str:
        return f"Gebeurtenis #{self.pk} ({self.kind})"


class Tombstone(models.Model):
    """What was removed, when and why; never the removed data itself."""

    class Reason(models.TextChoices):
        RETENTION = "retention", _("Bewaartermijn verlopen")
        REQUEST = "request", _("Verzoek van de inwoner")
        REPORTER_CONTACT = "reporter_contact", _("Contactgegevens melder verlopen")

    municipality = models.ForeignKey(
        "core.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    object_type = models.CharField(max_length=50)
    object_ref = models.BigIntegerField()
    reason = models.CharField(max_length=20, choices=Reason.choices)
    removed = models.JSONField(default=list, help_text=_("Welke velden zijn gewist."))
    removed_at = models.DateTimeField(default=timezone.now)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("grafsteen")
        verbose_name_plural = _("grafstenen")

    def __str__(self) -> str:
        return f"Grafsteen #{self.pk}"


class ApiKey(models.Model):
    """An API key of a partner organisation; only its hash is stored."""

    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.CASCADE, related_name="api_keys"
    )
    municipality = models.ForeignKey(
        "core.Municipality", on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(_("omschrijving"), max_length=100)
    prefix = models.CharField(max_length=12, db_index=True)
    key_hash = models.CharField(max_length=128)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("API-sleutel")
        verbose_name_plural = _("API-sleutels")

    def __str__(self) -> str:
        return f"API-sleutel {self.prefix}…"


class PartnerLink(models.Model):
    """A secret link for a partner organisation's reporters; only its hash is stored."""

    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.CASCADE, related_name="partner_links"
    )
    municipality = models.ForeignKey(
        "core.Municipality", on_delete=models.CASCADE, related_name="+"
    )
    token_hash = models.CharField(max_length=128, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("partnerlink")
        verbose_name_plural = _("partnerlinks")

    def __str__(self) -> str:
        return f"Partnerlink #{self.pk}"


class ScheduledRun(models.Model):
    """One enqueued run of a daily job (``manage.py run_scheduler``).

    The unique (job, day) pair makes the scheduler idempotent: however many scheduler
    processes run, each daily job is enqueued once per day.
    """

    job = models.CharField(_("taak"), max_length=100)
    run_on = models.DateField(_("dag"), help_text=_("De dag (Europe/Amsterdam) van deze run."))
    enqueued_at = models.DateTimeField(_("in de wachtrij gezet op"), default=timezone.now)
    task_result_id = models.CharField(_("taakresultaat"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("geplande run")
        verbose_name_plural = _("geplande runs")
        constraints = [
            models.UniqueConstraint(fields=["job", "run_on"], name="scheduledrun_once_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.job} {self.run_on}"


class SignalIntake(models.Model):
    """A partner-API signal accepted but not yet processed: "accept, then process".

    ``POST /api/v1/signals/`` validates the request and stores it here in one INSERT, then
    answers 201 with the receipt code. ``signalling.intake.process_pending`` (run by
    ``manage.py process_intake --loop``) turns each row into a ``Signal`` with the same receipt
    code through ``services.submit_signal`` (routing, joining a case, audit, the urgent
    e-mail), in one transaction per row, and then blanks ``payload``: from then on the signal
    holds the data and retention handles it there. The row stays (receipt code, idempotency key,
    body hash, link to the signal) so that a retry is answered with the same receipt; retention
    deletes it together with the signal's key and hash when the case is erased.

    An unprocessed row older than ``intake.STALE_AFTER`` (a day) is an operational alarm, never
    silent storage of personal data: see docs/operations.md.
    """

    municipality = models.ForeignKey(
        "core.Municipality", verbose_name=_("gemeente"), on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisatie"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    idempotency_key = models.CharField(max_length=100)
    request_hash = models.CharField(max_length=64)
    receipt_code = models.CharField(
        _("meldcode"), max_length=9, unique=True, default=new_receipt_code
    )
    channel = models.CharField(
        _("kanaal"), max_length=20, choices=Channel.choices, default=Channel.PARTNER_API
    )
    #: The validated fields of ``services.SignalInput``; emptied once processed.
    payload = models.JSONField(_("inhoud"), default=dict, blank=True)
    # Computed at intake (crisis.py is pure Python): the answer shows 112/113 at once.
    urgent = models.BooleanField(_("urgent"), default=False)
    crisis_words = models.JSONField(_("gevonden crisiswoorden"), default=list, blank=True)
    created_at = models.DateTimeField(_("ontvangen op"), default=timezone.now)
    processed_at = models.DateTimeField(_("verwerkt op"), null=True, blank=True)
    signal = models.OneToOneField(
        Signal,
        verbose_name=_("melding"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="intake",
    )
    # Failures: the processor records the error and retries after a growing pause.
    attempts = models.PositiveIntegerField(_("pogingen"), default=0)
    error = models.TextField(_("laatste fout"), blank=True)
    retry_at = models.DateTimeField(_("opnieuw proberen vanaf"), null=True, blank=True)

    class Meta:
        verbose_name = _("ontvangen melding (nog te verwerken)")
        verbose_name_plural = _("ontvangen meldingen (nog te verwerken)")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "idempotency_key"],
                name="signalintake_unique_idempotency_key",
            )
        ]
        indexes = [
            # The processor's queue: unprocessed rows, urgent first, then oldest first.
            models.Index(
                fields=["-urgent", "id"],
                condition=models.Q(processed_at__isnull=True),
                name="signalintake_pending",
            )
        ]

    def __str__(self) -> str:
        return f"Ontvangen melding {self.receipt_code}"
