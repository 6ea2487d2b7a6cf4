"""Invitations: a role offered to someone, granted only once the person accepts it and, for a
role that sees personal data offered by an admin, once a second person approved it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from omzien.core.roles import Role
from omzien.core.scoping import ScopedManager

from .areas import District, Municipality
from .people import Organisation, Team


class Invitation(models.Model):
    """A role in a municipality offered to an e-mail address.

    The inviter never learns whether the address already has an account: both kinds wait for
    the person (a new account first chooses a password through the e-mailed link), who accepts
    or declines after logging in. A role that sees personal data, offered by someone who is not
    a coordinator there, first waits for approval by a coordinator or another admin.
    """

    class Status(models.TextChoices):
        AWAITING_APPROVAL = "awaiting_approval", _("Wacht op goedkeuring")
        AWAITING_ACCEPTANCE = "awaiting_acceptance", _("Verstuurd, wacht op antwoord")
        ACCEPTED = "accepted", _("Aangenomen")
        DECLINED = "declined", _("Afgeslagen")
        REFUSED = "refused", _("Niet goedgekeurd")

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("gemeente"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    email = models.EmailField(_("e-mailadres"), max_length=254)
    first_name = models.CharField(_("voornaam"), max_length=150, blank=True)
    last_name = models.CharField(_("achternaam"), max_length=150, blank=True)
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    team = models.ForeignKey(
        Team,
        verbose_name=_("team"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    districts = models.ManyToManyField(
        District, verbose_name=_("wijken"), blank=True, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
        help_text=_("Het account van het adres, zodra de uitnodiging is verstuurd."),
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uitgenodigd door"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("goedgekeurd door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)

    objects = ScopedManager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")

    def __str__(self) -> str:
        return f"Uitnodiging #{self.pk} ({self.role})"

    @property
    def is_open(self) -> bool:
        return self.status in {self.Status.AWAITING_APPROVAL, self.Status.AWAITING_ACCEPTANCE}
