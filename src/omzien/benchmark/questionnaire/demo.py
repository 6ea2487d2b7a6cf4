"""The questionnaire's part of the demo: the questionnaires of the last three years (the
current year and the two before, counted from today by ``demo_years``, which the results part
uses too), so that the results part can add answers to them."""

from __future__ import annotations

import datetime

from omzien.benchmark.models import Questionnaire
from omzien.benchmark.questionnaire.definition import ensure_questionnaire
from omzien.benchmark.questionnaire.window import today

DEMO_YEARS = 3


def demo_years(day: datetime.date | None = None) -> tuple[int, ...]:
    """The demo's benchmark years, oldest first: the current year and the two before."""
    year = (day or today()).year
    return tuple(range(year - DEMO_YEARS + 1, year + 1))


def load_questionnaire_demo(municipality, accounts: dict) -> int:
    """Make the missing questionnaires of the last three years; returns how many were made."""
    made = 0
    for each in demo_years():
        if not Questionnaire.objects.filter(year=each).exists():
            ensure_questionnaire(each)
            made += 1
    return made
