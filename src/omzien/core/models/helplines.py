"""National numbers people can call (De Luisterlijn, 113, 112): one table, edited by the
platform's operators in the Django admin, shown on every public page that points to them."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class HelpLine(models.Model):
    """A national line: its name, number, when it answers and what it is for."""

    name = models.CharField(_("naam"), max_length=100)
    phone = models.CharField(_("telefoonnummer"), max_length=30)
    phone_alt = models.CharField(_("ander nummer"), max_length=30, blank=True)
    hours = models.CharField(_("bereikbaar"), max_length=100, blank=True)
    description = models.CharField(_("waarvoor"), max_length=300)
    website = models.URLField(_("website"), blank=True)
    crisis = models.BooleanField(
        _("voor acute nood"), default=False, help_text=_("112 en 113: altijd bovenaan.")
    )
    order = models.PositiveSmallIntegerField(_("volgorde"), default=100)
    active = models.BooleanField(_("tonen"), default=True)

    class Meta:
        verbose_name = _("landelijk nummer")
        verbose_name_plural = _("landelijke nummers")
        ordering = ["-crisis", "order", "name"]

    def __str__(self) -> str:
        return self.name
