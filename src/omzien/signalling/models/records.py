"""Records the signalling point keeps about itself: tombstones of erased data, daily job runs."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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
