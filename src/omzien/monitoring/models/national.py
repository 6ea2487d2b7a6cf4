"""Figures of the programme that only people know (issue 12, item 4): campaign reach, the
number of campaign participants, media reach. The programme team enters them per year on
``landelijk/monitoring/invoer/``; the national overview shows them beside the computed figures,
marked "handmatig ingevoerd" with their source. National, not a municipality's: no scope rule."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ProgrammeFigure(models.Model):
    year = models.PositiveSmallIntegerField(_("jaar"))
    key = models.SlugField(_("sleutel"), max_length=120)
    label = models.CharField(_("cijfer"), max_length=120)
    value = models.PositiveBigIntegerField(_("waarde"))
    source = models.CharField(_("bron"), max_length=300)
    note = models.TextField(_("toelichting"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingevoerd door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("ingevoerd op"), auto_now=True)

    class Meta:
        ordering = ["year", "label"]
        verbose_name = _("handmatig programmacijfer")
        verbose_name_plural = _("handmatige programmacijfers")
        constraints = [
            models.UniqueConstraint(fields=["year", "label"], name="programme_figure_year_label"),
        ]

    def __str__(self) -> str:
        return f"{self.label} {self.year}"
