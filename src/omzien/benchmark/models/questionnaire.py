"""The yearly five-pillar benchmark (issue 12): a questionnaire per year, its questions, and a
municipality's answers. Omzien's own questions (the official ones are not public) are
documented in docs/benchmark-questionnaire.md; the scoring in ``benchmark/scoring.py``."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Pillar(models.IntegerChoices):
    """The five pillars of the local approach (DOMAIN.md section 1)."""

    COMMITMENT = 1, _("Bestuurlijk commitment")
    NETWORK = 2, _("Een sterk netwerk")
    PEOPLE = 3, _("Betrek de mensen zelf")
    SUSTAINABLE = 4, _("Een duurzame aanpak")
    MONITORING = 5, _("Monitoring en evaluatie")


class AnswerType(models.TextChoices):
    YES_NO = "yes_no", _("ja of nee")
    NUMBER = "number", _("getal")
    CHOICE = "choice", _("één keuze")
    MULTI = "multi", _("een of meer keuzes")


class AnswerSource(models.TextChoices):
    OWN = "own", _("eigen antwoord")
    PREFILLED = "prefilled", _("ingevuld uit Omzien")
    CORRECTED = "corrected", _("ingevuld uit Omzien, gecorrigeerd")


class Questionnaire(models.Model):
    """The benchmark of one year. It opens and closes on dates the programme sets (default
    1 September to 7 October); results are published on ``results_on`` (default 1 December)."""

    year = models.PositiveSmallIntegerField(_("jaar"), unique=True)
    opens_on = models.DateField(_("open vanaf"))
    closes_on = models.DateField(_("open tot en met"))
    results_on = models.DateField(_("uitslag op"))
    created_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("benchmarkvragenlijst")
        verbose_name_plural = _("benchmarkvragenlijsten")

    def __str__(self) -> str:
        return f"Benchmark {self.year}"

    @classmethod
    def default_dates(cls, year: int) -> dict[str, datetime.date]:
        return {
            "opens_on": datetime.date(year, 9, 1),
            "closes_on": datetime.date(year, 10, 7),
            "results_on": datetime.date(year, 12, 1),
        }

    def is_open(self, day: datetime.date) -> bool:
        return self.opens_on <= day <= self.closes_on


class Question(models.Model):
    """A question of a year's questionnaire. ``code`` is stable over the years, so answers and
    scores compare. ``options`` (choice, multi): ``[{"value", "label", "points"}]`` with points
    0-1; ``scoring`` (number: ``{"zero": x, "full": y}``; multi: ``{"full_at": n}``), see
    ``benchmark/scoring.py``. ``prefill_key`` names a ``core.extensions.municipality_figures``
    figure that answers it from Omzien's own records."""

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="questions"
    )
    pillar = models.PositiveSmallIntegerField(_("pijler"), choices=Pillar.choices)
    code = models.CharField(_("code"), max_length=60)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    text = models.CharField(_("vraag"), max_length=300)
    help_text = models.TextField(_("toelichting"), blank=True)
    answer_type = models.CharField(_("soort antwoord"), max_length=10, choices=AnswerType.choices)
    unit = models.CharField(_("eenheid"), max_length=60, blank=True)
    options = models.JSONField(_("keuzes"), default=list, blank=True)
    scoring = models.JSONField(_("score"), default=dict, blank=True)
    weight = models.PositiveSmallIntegerField(_("gewicht"), default=1)
    prefill_key = models.CharField(_("ingevuld uit Omzien-cijfer"), max_length=60, blank=True)
    tip = models.TextField(
        _("tip"), blank=True, help_text=_("Getoond als dit onderdeel minder dan de helft scoort.")
    )

    class Meta:
        ordering = ["questionnaire", "pillar", "position"]
        verbose_name = _("benchmarkvraag")
        verbose_name_plural = _("benchmarkvragen")
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "code"], name="benchmark_question_code"
            )
        ]

    def __str__(self) -> str:
        return f"{self.questionnaire.year} {self.code}"


class BenchmarkResponse(models.Model):
    """A municipality's benchmark of one year: filled in by several people, submitted once.
    ``scores`` holds the score per pillar (``{"1": 80.0, ...}``) computed when submitted (and
    again when an answer changes after submitting)."""

    municipality = models.ForeignKey(
        "core.Municipality", on_delete=models.CASCADE, related_name="benchmark_responses"
    )
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="responses"
    )
    submitted_at = models.DateTimeField(_("ingediend op"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingediend door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    scores = models.JSONField(_("scores per pijler"), default=dict, blank=True)
    created_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        ordering = ["questionnaire", "municipality"]
        verbose_name = _("benchmark van een gemeente")
        verbose_name_plural = _("benchmarks van gemeenten")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "questionnaire"], name="benchmark_one_response"
            )
        ]

    def __str__(self) -> str:
        return f"Benchmark {self.questionnaire_id} gemeente {self.municipality_id}"


class Answer(models.Model):
    """One answer. ``value``: a bool (yes/no), a number, an option value (choice) or a list of
    option values (multi). A pre-filled answer keeps the answer Omzien filled in (the figure
    converted to the question's answer type) in ``prefilled_value``; a correction needs a
    reason."""

    response = models.ForeignKey(
        BenchmarkResponse, on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    value = models.JSONField(_("antwoord"), null=True, blank=True)
    source = models.CharField(
        _("bron"), max_length=10, choices=AnswerSource.choices, default=AnswerSource.OWN
    )
    prefilled_value = models.JSONField(_("ingevuld uit Omzien"), null=True, blank=True)
    correction_reason = models.TextField(_("reden van de correctie"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gewijzigd door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("benchmarkantwoord")
        verbose_name_plural = _("benchmarkantwoorden")
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="benchmark_one_answer")
        ]

    def __str__(self) -> str:
        return f"Antwoord op {self.question_id}"
