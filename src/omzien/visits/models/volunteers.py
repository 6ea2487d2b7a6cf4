"""A volunteer who visits residents at home: training, certificate of conduct (VOG),
districts and availability. The login is a membership with the volunteer role."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from omzien.core.scoping import ScopedQuerySet


def may_visit_filter(on: dt.date, via: str = "") -> models.Q:
    """The one rule of ``Volunteer.may_visit`` as a filter: active, trained and with a VOG
    valid on ``on``. ``via`` is the path to the volunteer from another model (e.g.
    ``"volunteer__"`` from an address), so the rule joins instead of a subquery."""
    return models.Q(
        **{
            f"{via}active": True,
            f"{via}trained_on__isnull": False,
            f"{via}vog_valid_until__gte": on,
        }
    )


class VolunteerQuerySet(ScopedQuerySet):
    def may_visit(self, on: dt.date) -> VolunteerQuerySet:
        """The volunteers who may visit on ``on``: exactly those whose ``may_visit(on)`` is
        true."""
        return self.filter(may_visit_filter(on))


class Volunteer(models.Model):
    """One volunteer of one municipality. Without a valid VOG a volunteer sees nothing."""

    municipality = models.ForeignKey(
        "core.Municipality", verbose_name=_("gemeente"), on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    phone = models.CharField(_("telefoon"), max_length=20, blank=True)
    trained_on = models.DateField(_("training gevolgd op"), null=True, blank=True)
    vog_issued_on = models.DateField(
        _("VOG afgegeven op"),
        null=True,
        blank=True,
        help_text=_("Verklaring Omtrent het Gedrag. Zonder geldige VOG geen adressen."),
    )
    vog_valid_until = models.DateField(
        _("VOG geldig tot"),
        null=True,
        blank=True,
        help_text=_("Afgiftedatum plus de termijn uit de instellingen."),
    )
    districts = models.ManyToManyField(
        "core.District", verbose_name=_("wijken"), blank=True, related_name="+"
    )
    visits_per_week = models.PositiveSmallIntegerField(
        _("bezoeken per week"), default=2, help_text=_("Hoeveel bezoeken past in een week.")
    )
    availability = models.CharField(
        _("beschikbaar"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld: dinsdag- en donderdagochtend."),
    )
    active = models.BooleanField(_("actief"), default=True)
    created_at = models.DateTimeField(_("aangemeld op"), auto_now_add=True)

    objects = models.Manager.from_queryset(VolunteerQuerySet)()

    class Meta:
        verbose_name = _("vrijwilliger")
        verbose_name_plural = _("vrijwilligers")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "user"], name="visits_volunteer_once_per_municipality"
            )
        ]

    def __str__(self) -> str:
        return f"vrijwilliger {self.pk}"

    def may_visit(self, on: dt.date) -> bool:
        """Active, trained and with a VOG valid on that day (as a query:
        ``Volunteer.objects.may_visit(on)`` and ``may_visit_filter``; keep them alike)."""
        return bool(
            self.active
            and self.trained_on
            and self.vog_valid_until is not None
            and self.vog_valid_until >= on
        )
