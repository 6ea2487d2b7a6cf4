"""The questionnaire's part of the demo: the questionnaires of the last three years (the
current year and the two before), so that the results part can add answers to them."""

from __future__ import annotations

from omzien.benchmark.models import Questionnaire
from omzien.benchmark.questionnaire.definition import ensure_questionnaire
from omzien.benchmark.questionnaire.window import today

DEMO_YEARS = 3


def load_questionnaire_demo(municipality, accounts: dict) -> int:
    """Make the missing questionnaires of the last three years; returns how many were made."""
    year = today().year
    made = 0
    for each in range(year - DEMO_YEARS + 1, year + 1):
        if not Questionnaire.objects.filter(year=each).exists():
            ensure_questionnaire(each)
            made += 1
    return made
