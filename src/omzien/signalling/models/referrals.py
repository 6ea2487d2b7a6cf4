"""Referrals to the local offer (issue 9) and what the caseworker records to find it.

A referral is a case action (``cases/actions.py``, the one gate); its own states follow the
resident's path into an initiative: proposed, accepted, started, ended, or declined / did not
start. Each state has its date. ``CaseNeeds`` is what matching uses besides the assessment,
the resident's age and postcode: interests, barriers and wishes.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from omzien.core.scoping import ScopedManager


class ReferralState(models.TextChoices):
    PROPOSED = "proposed", _("Voorgesteld")
    ACCEPTED = "accepted", _("Aangenomen")
    STARTED = "started", _("Begonnen")
    ENDED = "ended", _("Gestopt of afgerond")
    DECLINED = "declined", _("Afgeslagen")
    NOT_STARTED = "not_started", _("Niet begonnen")


class Barrier(models.TextChoices):
    MOBILITY = "mobility", _("Slecht ter been, rolstoel")
    HEARING = "hearing", _("Slecht horend")
    SIGHT = "sight", _("Slecht ziend")
    MONEY = "money", _("Weinig geld")
    LANGUAGE = "language", _("Spreekt weinig Nederlands")
    DIGITAL = "digital", _("Weinig digitale vaardigheden")
    TRANSPORT = "transport", _("Geen vervoer")


class Wish(models.TextChoices):
    ONE_TO_ONE = "one_to_one", _("Liever een-op-een")
    GROUP = "group", _("Liever in een groep")
    AT_HOME = "at_home", _("Liever thuis")
    DAYTIME = "daytime", _("Alleen overdag")


class ShareField(models.TextChoices):
    """What the resident may allow the caseworker to pass on in a warm handover."""

    NAME = "name", _("Naam")
    PHONE = "phone", _("Telefoonnummer")
    EMAIL = "email", _("E-mailadres")
    ADDRESS = "address", _("Adres")
    NOTE = "note", _("Wat de inwoner zoekt (de toelichting)")


class CaseNeeds(models.Model):
    """Interests, barriers and wishes recorded on a case, used to find fitting initiatives.
    Personal data: erased with the case."""

    case = models.OneToOneField("signalling.Case", on_delete=models.CASCADE, related_name="needs")
    municipality = models.ForeignKey(
        "core.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    interests = models.JSONField(_("interesse in soorten activiteit"), default=list, blank=True)
    interests_text = models.CharField(
        _("interesses in eigen woorden"), max_length=300, blank=True,
        help_text=_("Bijvoorbeeld: tuinieren, zingen, wandelen."),
    )  # fmt: skip
    barriers = models.JSONField(_("belemmeringen"), default=list, blank=True)
    wishes = models.JSONField(_("wensen"), default=list, blank=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("wensen en belemmeringen")
        verbose_name_plural = _("wensen en belemmeringen")

    def __str__(self) -> str:
        return str(self.case_id)


class Referral(models.Model):
    """A resident referred from a case to an initiative of the social map."""

    case = models.ForeignKey("signalling.Case", on_delete=models.CASCADE, related_name="referrals")
    municipality = models.ForeignKey(
        "core.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    initiative = models.ForeignKey(
        "socialmap.Initiative", verbose_name=_("initiatief"), on_delete=models.PROTECT,
        related_name="referrals",
    )  # fmt: skip
    state = models.CharField(
        _("stand"), max_length=12, choices=ReferralState.choices, default=ReferralState.PROPOSED
    )
    proposed_on = models.DateField(_("voorgesteld op"))
    accepted_on = models.DateField(_("aangenomen op"), null=True, blank=True)
    started_on = models.DateField(_("begonnen op"), null=True, blank=True)
    ended_on = models.DateField(_("gestopt op"), null=True, blank=True)
    declined_on = models.DateField(_("afgeslagen op"), null=True, blank=True)
    not_started_on = models.DateField(_("niet begonnen vastgesteld op"), null=True, blank=True)
    follow_up_on = models.DateField(_("opvolgen op"))
    followed_up_on = models.DateField(_("opgevolgd op"), null=True, blank=True)
    still_going = models.BooleanField(_("gaat nog bij opvolgen"), null=True, blank=True)
    outcome_note = models.TextField(_("uitkomst"), max_length=2000, blank=True)
    shared = models.JSONField(
        _("gedeeld met het initiatief (met toestemming)"), default=list, blank=True
    )
    handover_sent_at = models.DateTimeField(
        _("warme overdracht verstuurd op"), null=True, blank=True
    )
    assessment_invited_on = models.DateField(
        _("uitgenodigd voor een nieuwe meting op"), null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("verwijzing")
        verbose_name_plural = _("verwijzingen")
        ordering = ["case", "proposed_on", "pk"]
        indexes = [
            models.Index(fields=["municipality", "follow_up_on"]),
            models.Index(fields=["municipality", "initiative"]),
            # Monitoring (issue 12): referrals made in a period, per municipality.
            models.Index(
                fields=["municipality", "proposed_on"], name="signalling_referral_made_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} -> {self.initiative_id}"
