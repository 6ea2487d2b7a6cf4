"""The template's optional event columns: a first date, a time, a duration, a repetition (an
RFC 5545 rule, or wekelijks / tweewekelijks / maandelijks) and a last date. They become one
``EventSpec`` in Dutch local time, checked with the agenda's rule parser."""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from omzien.socialmap import agenda, services
from omzien.socialmap.imports.records import EventSpec, Problem

COLUMNS = ("eerste_datum", "tijd", "duur_minuten", "herhaling", "tot_datum")
#: Dutch words for the repetitions of the initiative form (``services.REPEAT_RULES``).
WORDS = {
    "wekelijks": "weekly", "elke week": "weekly",
    "tweewekelijks": "biweekly", "om de week": "biweekly", "om de twee weken": "biweekly",
    "maandelijks": "monthly", "elke maand": "monthly",
}  # fmt: skip
_DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y")


class _Bad(ValueError):
    def __init__(self, column: str, message: str):
        super().__init__(message)
        self.column = column


def parse_date(text: str, column: str) -> dt.date | None:
    text = text.strip()
    if not text:
        return None
    for layout in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, layout).date()
        except ValueError:
            continue
    raise _Bad(column, _("Deze datum bestaat niet of is niet geschreven als 31-12-2026."))


def _time(text: str) -> dt.time:
    match = re.fullmatch(r"(\d{1,2})[:.](\d{2})(?::\d{2})?", text.strip())
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise _Bad("tijd", _("Vul een tijd in als 10:00."))
    return dt.time(int(match.group(1)), int(match.group(2)))


def _minutes(text: str) -> int:
    text = text.strip()
    if not text:
        return 120
    if not re.fullmatch(r"\d+(\.0+)?", text) or not 5 <= int(float(text)) <= 1440:
        raise _Bad("duur_minuten", _("Vul de duur in minuten in, van 5 tot 1440."))
    return int(float(text))


def _rule(text: str, until: dt.date | None) -> str:
    text = text.strip()
    if text.lower() in WORDS:
        return services.rule_for(WORDS[text.lower()], until)
    rule = text.removeprefix("RRULE:").upper()
    if not rule:
        if until is not None:
            raise _Bad("herhaling", _("Vul in hoe vaak het herhaalt, of laat tot_datum leeg."))
        return ""
    if until is not None:
        if "UNTIL=" in rule or "COUNT=" in rule:
            raise _Bad("tot_datum", _("De herhaling heeft al een einde; laat tot_datum leeg."))
        # The form's way to end a rule (UNTIL in UTC at the end of that local day).
        rule = rule.removesuffix(";") + ";" + services.rule_for("weekly", until).split(";")[1]
    try:
        agenda.parse_rrule(rule)
    except ValidationError:
        raise _Bad(
            "herhaling",
            _("Deze herhaling begrijpen we niet. Vul wekelijks, tweewekelijks, maandelijks "
              "of een regel als FREQ=WEEKLY;BYDAY=TU in."),
        ) from None  # fmt: skip
    return rule


def event_from_cells(line: int, cells: dict[str, str]) -> tuple[EventSpec | None, list[Problem]]:
    """The row's event, None if its event columns are empty, or the problem."""
    texts = {column: (cells.get(column) or "").strip() for column in COLUMNS}
    if not any(texts.values()):
        return None, []
    try:
        first = parse_date(texts["eerste_datum"], "eerste_datum")
        if first is None:
            raise _Bad("eerste_datum", _("Vul de datum van de eerste bijeenkomst in."))
        if not texts["tijd"]:
            raise _Bad("tijd", _("Vul de begintijd in, bijvoorbeeld 10:00."))
        starts_at = dt.datetime.combine(first, _time(texts["tijd"]), tzinfo=agenda.TZ)
        minutes = _minutes(texts["duur_minuten"])
        until = parse_date(texts["tot_datum"], "tot_datum")
        if until is not None and until < first:
            raise _Bad("tot_datum", _("De laatste datum ligt voor de eerste."))
        rule = _rule(texts["herhaling"], until)
    except _Bad as bad:
        return None, [Problem(line, bad.column, str(bad))]
    return EventSpec(starts_at=starts_at, minutes=minutes, rrule=rule), []
