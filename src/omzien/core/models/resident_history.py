"""The history of corrections to a resident's details: old and new values, kept with the
resident (not in the audit log, which holds no personal data; see docs/privacy.md)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omzien.core.scoping import ScopedManager

from .areas import Municipality
from .people import Resident


class ResidentChange(models.Model):
    """One save of the resident form that changed something: who, when, and per field the
    old and the new value (as text). Personal data: exactly as visible as its resident, and
    deleted with it (retention and erasure on request delete the resident)."""

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("gemeente"), on_delete=models.PROTECT, related_name="+"
    )
    resident = models.ForeignKey(
        Resident, verbose_name=_("inwoner"), on_delete=models.CASCADE, related_name="changes"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gewijzigd door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("tijdstip"), default=timezone.now)
    #: [{"field": "phone", "old": "...", "new": "..."}, ...]
    changes = models.JSONField(_("wijzigingen"), default=list)

    objects = ScopedManager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("wijziging van inwonergegevens")
        verbose_name_plural = _("wijzigingen van inwonergegevens")

    def __str__(self) -> str:
        # No values: __str__ ends up in logs.
        return f"Wijziging #{self.pk} van inwoner #{self.resident_id}"
