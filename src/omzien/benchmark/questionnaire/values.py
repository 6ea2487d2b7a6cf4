"""An answer's value: read from what was typed, checked against the question, and shown.

Stored values (``Answer.value``): ``True``/``False`` (ja of nee), a number (int or float),
an option value (één keuze) or a list of option values (een of meer keuzes). Numbers are at
least 0 and at most ``scoring["max"]`` when the question sets one (a percentage: 100).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from omzien.benchmark.models import AnswerType, Question

YES, NO = "ja", "nee"


def _number(raw: str, question: Question) -> int | float:
    text = raw.strip().replace(" ", "").replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValidationError(_("Vul een getal in, bijvoorbeeld 12 of 12,5.")) from None
    if not number.is_finite():
        raise ValidationError(_("Vul een getal in, bijvoorbeeld 12 of 12,5."))
    if number < 0:
        raise ValidationError(_("Vul 0 of een hoger getal in."))
    maximum = (question.scoring or {}).get("max")
    if maximum is not None and number > Decimal(str(maximum)):
        raise ValidationError(
            _("Vul een getal van 0 tot en met %(max)s in.") % {"max": _shown_number(maximum)}
        )
    if number == number.to_integral_value():
        return int(number)
    return float(round(number, 2))


def option_values(question: Question) -> list[str]:
    return [str(option["value"]) for option in question.options or ()]


def parse(question: Question, raw: str | list[str] | None) -> Any:
    """The value for what was typed or chosen; None when nothing was given. Raises
    ValidationError with a Dutch message when it does not fit the question."""
    if question.answer_type == AnswerType.MULTI:
        chosen = [str(item) for item in (raw or []) if str(item).strip()]
        if not chosen:
            return None
        unknown = set(chosen) - set(option_values(question))
        if unknown:
            raise ValidationError(_("Kies uit de keuzes die bij de vraag staan."))
        return [value for value in option_values(question) if value in chosen]
    text = (raw[-1] if isinstance(raw, list) and raw else raw or "").strip()
    if not text:
        return None
    if question.answer_type == AnswerType.YES_NO:
        if text not in (YES, NO):
            raise ValidationError(_("Kies ja of nee."))
        return text == YES
    if question.answer_type == AnswerType.NUMBER:
        return _number(text, question)
    if question.answer_type == AnswerType.CHOICE:
        if text not in option_values(question):
            raise ValidationError(_("Kies een van de keuzes die bij de vraag staan."))
        return text
    raise ValidationError(_("Deze vraag kan niet worden beantwoord."))


def _shown_number(value: Any) -> str:
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")
    return str(int(value))


def shown(question: Question, value: Any) -> str:
    """The value as the page shows it, in Dutch ("ja", "12,5 %", "Eén of twee")."""
    if value is None:
        return ""
    if question.answer_type == AnswerType.YES_NO:
        return _("ja") if value is True else _("nee")
    if question.answer_type == AnswerType.NUMBER:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return str(value)
        number = _shown_number(value)
        return f"{number} {question.unit}".strip()
    labels = {str(option["value"]): option["label"] for option in question.options or ()}
    if question.answer_type == AnswerType.MULTI:
        return ", ".join(labels.get(str(item), str(item)) for item in value or [])
    return labels.get(str(value), str(value))


def as_input(question: Question, value: Any) -> Any:
    """The value as the form shows it again: "ja"/"nee", "12,5", an option or a list."""
    if value is None:
        return [] if question.answer_type == AnswerType.MULTI else ""
    if question.answer_type == AnswerType.YES_NO:
        return YES if value is True else NO
    if question.answer_type == AnswerType.NUMBER:
        return _shown_number(value) if isinstance(value, int | float) else str(value)
    if question.answer_type == AnswerType.MULTI:
        return [str(item) for item in value]
    return str(value)
