"""Omzien's own benchmark questionnaire (issue 12, item 1), versioned per year.

A year's questions are its own rows: a new year starts as a copy of the latest earlier year
(so the programme's edits carry over), or, for the first year, of
``benchmark/data/questionnaire.json``. Codes stay the same over the years, so answers and
scores compare. The questions are documented in docs/benchmark-questionnaire.md.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from django.db import IntegrityError, transaction

from omzien.benchmark.models import Question, Questionnaire

DEFINITION = Path(__file__).resolve().parent.parent / "data" / "questionnaire.json"

#: The fields a question is copied with (from the JSON or from an earlier year).
QUESTION_FIELDS = (
    "code",
    "pillar",
    "position",
    "text",
    "help_text",
    "answer_type",
    "unit",
    "options",
    "scoring",
    "weight",
    "prefill_key",
    "tip",
)


@cache
def definition() -> tuple[dict[str, Any], ...]:
    """The questions of Omzien's own questionnaire, as in the JSON file."""
    with DEFINITION.open(encoding="utf-8") as handle:
        return tuple(json.load(handle)["questions"])


def _questions_to_copy(year: int) -> list[dict[str, Any]]:
    earlier = Questionnaire.objects.filter(year__lt=year).order_by("-year").first()
    if earlier is not None and earlier.questions.exists():
        return list(earlier.questions.order_by("pillar", "position").values(*QUESTION_FIELDS))
    return [{field: item.get(field, "") for field in QUESTION_FIELDS} for item in definition()]


def ensure_questionnaire(year: int) -> Questionnaire:
    """The questionnaire of ``year``, made (with the default dates and its questions) if it
    does not exist yet. Safe to call twice, also at the same time."""
    found = Questionnaire.objects.filter(year=year).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            questionnaire = Questionnaire.objects.create(
                year=year, **Questionnaire.default_dates(year)
            )
            Question.objects.bulk_create(
                Question(questionnaire=questionnaire, **fields)
                for fields in _questions_to_copy(year)
            )
    except IntegrityError:  # made by someone else in the meantime
        return Questionnaire.objects.get(year=year)
    return questionnaire


def current_questionnaire() -> Questionnaire | None:
    """The current year's questionnaire: the latest year that exists."""
    return Questionnaire.objects.order_by("-year").first()
