"""Access to the signalling point from outside its pages: partners' API keys and partner links,
the partner API's accepted signals, and the logout stamp that ends staff's personal tokens."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omzien.core.scoping import ScopedManager
from omzien.signalling.models.cases import Signal
from omzien.signalling.models.choices import Channel, new_receipt_code


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


class AcceptedSignal(models.Model):
    """A partner-API signal accepted but not yet processed: "accept, then process".

    ``POST /api/v1/signals/`` validates the request and stores it here in one INSERT, then
    answers 201 with the receipt code. ``signalling.intake.inbox.process_pending`` (run by
    ``manage.py process_intake --loop``) turns each row into a ``Signal`` with the same receipt
    code through ``services.submit_signal`` (routing, joining a case, audit, the urgent
    e-mail), in one transaction per row, and then blanks ``payload``: from then on the signal
    holds the data and retention handles it there. The row stays (receipt code, idempotency key,
    body hash, link to the signal) so that a retry is answered with the same receipt; retention
    deletes it together with the signal's key and hash when the case is erased.

    An unprocessed row older than ``intake.inbox.STALE_AFTER`` (a day) is an operational alarm,
    never silent storage of personal data: see docs/operations.md.
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
    #: The validated fields of ``SignalInput`` (intake/signal_input.py); emptied once processed.
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
        related_name="accepted",
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


class TokenCutoff(models.Model):
    """When a user last logged out. Every personal case-API token issued before this moment is
    refused (``api/auth.py: read_token``), so logging out ends the tokens of that user, from
    every session. One row per user, moved forward at each logout; no personal data."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    not_before = models.DateTimeField(_("tokens geldig vanaf"))

    class Meta:
        verbose_name = _("einde van persoonlijke API-tokens")
        verbose_name_plural = _("einde van persoonlijke API-tokens")

    def __str__(self) -> str:
        return f"Tokens van gebruiker #{self.user_id}"
