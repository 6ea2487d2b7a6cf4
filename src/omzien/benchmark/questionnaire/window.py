"""The questionnaire's window: when answers can be saved and submitted, and what the page says
about it. The programme sets the dates; ``Questionnaire.is_open`` holds from ``opens_on`` up to
and including ``closes_on`` (Europe/Amsterdam dates)."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from omzien.benchmark.models import Questionnaire


def today() -> datetime.date:
    return timezone.localdate()


def _day(day: datetime.date) -> str:
    return date_format(day, "j F Y")


def window_message(questionnaire: Questionnaire, day: datetime.date) -> str:
    """One Dutch sentence: open until when, opens when, or closed since when."""
    values = {
        "year": questionnaire.year,
        "opens": _day(questionnaire.opens_on),
        "closes": _day(questionnaire.closes_on),
    }
    if day < questionnaire.opens_on:
        return (
            _(
                "De benchmark %(year)s gaat open op %(opens)s. Vanaf dan kunt u de vragen "
                "invullen, tot en met %(closes)s."
            )
            % values
        )
    if day > questionnaire.closes_on:
        return (
            _(
                "De benchmark %(year)s is gesloten. Hij was open van %(opens)s tot en met "
                "%(closes)s. U kunt de antwoorden lezen, maar niet meer wijzigen."
            )
            % values
        )
    return _("U kunt de vragen invullen tot en met %(closes)s.") % values


def require_open(questionnaire: Questionnaire, day: datetime.date | None = None) -> None:
    """Raise a Dutch ValidationError unless answers may be saved today."""
    day = day or today()
    if not questionnaire.is_open(day):
        raise ValidationError(window_message(questionnaire, day))
