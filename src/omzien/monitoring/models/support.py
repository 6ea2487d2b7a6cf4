"""Support requests (issue 12, item 6): a municipality asks the national programme for
support; the programme team assigns, follows up and closes. States and moves are in
``monitoring/support/workflow.py``; every move leaves a ``SupportEvent``."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from omzien.core.scoping import ScopedManager
from omzien.monitoring.support.workflow import SupportAction, SupportState


class SupportKind(models.TextChoices):
    ADVISER = "adviser", _("Een adviseur die meedenkt")
    WORKSHOP = "workshop", _("Een workshop of training")
    BENCHMARK = "benchmark", _("Hulp bij de benchmark")
    RISKMAP = "riskmap", _("Hulp bij de risicokaart of cijfers")
    OTHER = "other", _("Iets anders")


class SupportRequest(models.Model):
    """A municipality's question to the programme team, with its professional contact."""

    municipality = models.ForeignKey(
        "core.Municipality", verbose_name=_("gemeente"), on_delete=models.CASCADE,
        related_name="support_requests",
    )  # fmt: skip
    kind = models.CharField(_("soort ondersteuning"), max_length=12, choices=SupportKind.choices)
    question = models.TextField(
        _("uw vraag"), max_length=3000,
        help_text=_("Wat wilt u bereiken, en waar loopt u tegenaan?"),
    )  # fmt: skip
    preferred_period = models.CharField(
        _("voorkeur voor wanneer"), max_length=200, blank=True,
        help_text=_("Bijvoorbeeld: voor de zomer, of in oktober."),
    )  # fmt: skip
    contact_name = models.CharField(_("contactpersoon"), max_length=200)
    contact_email = models.EmailField(_("e-mail contactpersoon"))
    state = models.CharField(
        _("stand"), max_length=12, choices=SupportState.choices, default=SupportState.NEW
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("behandelaar"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    outcome_note = models.TextField(
        _("wat er is gedaan, of waarom niet"), max_length=3000, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("gevraagd door"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField(_("gevraagd op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    closed_at = models.DateTimeField(_("afgerond of afgewezen op"), null=True, blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("ondersteuningsvraag")
        verbose_name_plural = _("ondersteuningsvragen")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["state", "kind"]),
            models.Index(fields=["municipality", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.pk})"


class SupportEvent(models.Model):
    """One move of a support request: who, when, from which state to which, and a note."""

    municipality = models.ForeignKey(
        "core.Municipality", verbose_name=_("gemeente"), on_delete=models.CASCADE,
        related_name="+",
    )  # fmt: skip
    request = models.ForeignKey(
        SupportRequest, verbose_name=_("vraag"), on_delete=models.CASCADE, related_name="events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("door"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    at = models.DateTimeField(_("op"), auto_now_add=True)
    action = models.CharField(_("stap"), max_length=12, blank=True)
    from_state = models.CharField(_("van"), max_length=12, choices=SupportState.choices, blank=True)
    to_state = models.CharField(_("naar"), max_length=12, choices=SupportState.choices)
    note = models.TextField(_("toelichting"), max_length=3000, blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("stap van een ondersteuningsvraag")
        verbose_name_plural = _("stappen van ondersteuningsvragen")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_state or '-'} -> {self.to_state}"

    @property
    def action_label(self) -> str:
        """The step in Dutch ("Toewijzen", ...); "Gevraagd" for the request itself."""
        if not self.action:
            return str(_("Gevraagd"))
        labels = dict(SupportAction.choices)
        return str(labels.get(self.action, self.action))
