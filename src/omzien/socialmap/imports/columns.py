"""The template's columns (CSV and Excel, one row per initiative) and how each cell becomes a
value; docs/socialmap-import.md describes them for the coordinator. A cell that cannot be
read gives a ``Problem`` with its line, column and the reason in Dutch."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable

from django.utils.translation import gettext as _

from omzien.core import geo
from omzien.socialmap.choices import ActivityKind, Status, TargetGroup, Where
from omzien.socialmap.imports import when
from omzien.socialmap.imports.records import Problem, Record


class CellError(ValueError):
    """A cell that cannot be read; the message is the Dutch reason."""


def _text(value: str) -> str:
    return value.strip()


def _integer(value: str) -> int | None:
    value = value.strip()
    if not value:
        return None
    if re.fullmatch(r"\d+(\.0+)?", value):
        return int(float(value))
    raise CellError(_("Vul een heel getal in, bijvoorbeeld 12."))


_YES = {"ja", "j", "yes", "y", "waar", "true", "1", "x"}
_NO = {"nee", "n", "no", "onwaar", "false", "0", ""}


def _yes_no(value: str) -> bool:
    word = value.strip().lower()
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise CellError(_("Vul ja of nee in."))


def _items(value: str) -> list[str]:
    return [part.strip() for part in re.split(r"[;,]", value) if part.strip()]


def _codes(choices, what: str) -> Callable[[str], list[str]]:
    known = {code: code for code in choices.values}
    known.update({str(label).lower(): code for code, label in choices.choices})

    def parse(value: str) -> list[str]:
        codes, unknown = [], []
        for item in _items(value):
            code = known.get(item.lower())
            if code is None:
                unknown.append(item)
            elif code not in codes:
                codes.append(code)
        if unknown:
            raise CellError(
                _("Onbekende %(what)s: %(items)s. Gebruik de codes uit het sjabloon.")
                % {"what": what, "items": ", ".join(unknown)}
            )
        return codes

    return parse


_WHERE = {"": Where.VENUE, "adres": Where.VENUE, "op een adres": Where.VENUE,
          "online": Where.ONLINE, "thuis": Where.AT_HOME,
          "bij de inwoner thuis": Where.AT_HOME}  # fmt: skip


def _where(value: str) -> str:
    word = value.strip().lower()
    code = _WHERE.get(word) or (word if word in Where.values else None)
    if code is None:
        raise CellError(_("Vul adres, online of thuis in."))
    return code


def _postcode(value: str) -> str:
    if not value.strip():
        return ""
    try:
        return geo.normalise_postcode(value)
    except geo.InvalidPostcode:
        raise CellError(_("Vul een postcode in als 1234 AB.")) from None


def _website(value: str) -> str:
    value = value.strip()
    if value and "://" not in value:
        value = f"https://{value}"
    return value


_STATUS = {"concept": Status.DRAFT, "ingediend": Status.SUBMITTED,
           "gepubliceerd": Status.PUBLISHED, "publiceren": Status.PUBLISHED,
           "gearchiveerd": Status.ARCHIVED, "archiveren": Status.ARCHIVED}  # fmt: skip


def status_of(value: str) -> str | None:
    word = value.strip().lower()
    if not word:
        return None
    code = _STATUS.get(word) or (word if word in Status.values else None)
    if code is None:
        raise CellError(_("Vul concept, ingediend, gepubliceerd of gearchiveerd in."))
    return code


#: Column -> (model field, how a cell is read). Order: the template's order.
FIELDS: dict[str, tuple[str, Callable]] = {
    "nummer": ("reference", _text),
    "naam": ("name", _text),
    "beschrijving": ("description", _text),
    "soorten": ("kinds", _codes(ActivityKind, "soort")),
    "doelgroepen": ("target_groups", _codes(TargetGroup, "doelgroep")),
    "leeftijd_van": ("age_min", _integer),
    "leeftijd_tot": ("age_max", _integer),
    "talen": ("languages", _items),
    "waar": ("where", _where),
    "straat": ("street", _text),
    "postcode": ("postcode", _postcode),
    "plaats": ("place", _text),
    "wanneer": ("schedule", _text),
    "gratis": ("free", _yes_no),
    "kosten": ("cost", _text),
    "rolstoel": ("wheelchair", _yes_no),
    "ringleiding": ("hearing_loop", _yes_no),
    "vervoer": ("transport", _yes_no),
    "rustige_ruimte": ("quiet_room", _yes_no),
    "plaatsen": ("capacity", _integer),
    "vrije_plaatsen": ("places_left", _integer),
    "wachtlijst": ("waiting_list", _yes_no),
    "contact": ("contact_name", _text),
    "email": ("contact_email", _text),
    "telefoon": ("contact_phone", _text),
    "website": ("website", _website),
}
#: Columns that are not a field of their own.
OTHER = ("organisatie", "hsds_id", "status", *when.COLUMNS)
ALL = ("nummer", "naam", "organisatie", *list(FIELDS)[2:], "status", *when.COLUMNS, "hsds_id")
REQUIRED = ("naam", "organisatie")
COLUMN_OF = {field: column for column, (field, _parse) in FIELDS.items()}


def header_name(text) -> str:
    return re.sub(r"[\s-]+", "_", str(text or "").strip().lower())


def check_header(header: list[str]) -> list[Problem]:
    """Problems with the first line: unknown, doubled or missing columns."""
    problems, seen = [], set()
    for name in header:
        if not name:
            continue
        if name not in FIELDS and name not in OTHER:
            problems.append(Problem(1, name, _("Deze kolom kennen we niet (zie het sjabloon).")))
        elif name in seen:
            problems.append(Problem(1, name, _("Deze kolom staat twee keer in het bestand.")))
        seen.add(name)
    for name in REQUIRED:
        if name not in seen:
            problems.append(Problem(1, name, _("Deze kolom ontbreekt.")))
    return problems


def _read(line: int, column: str, parse: Callable, value: str, problems: list[Problem]):
    """The cell read by ``parse``; None (and a problem) if it cannot be read."""
    try:
        return parse(value or "")
    except CellError as error:
        problems.append(Problem(line, column, str(error)))
        return None


def record_from_row(line: int, cells: dict[str, str]) -> tuple[Record | None, list[Problem]]:
    """One row of the template as a ``Record``, or the problems of its cells."""
    problems: list[Problem] = []
    values = {
        field: _read(line, column, parse, cells[column], problems)
        for column, (field, parse) in FIELDS.items()
        if column in cells
    }
    if "free" in values and not (cells.get("gratis") or "").strip():
        values["free"] = not values.get("cost")  # empty: free unless a cost is named
    if not values.get("name"):
        problems.append(Problem(line, "naam", _("Vul de naam van het initiatief in.")))
    organisation = (cells.get("organisatie") or "").strip()
    if not organisation:
        problems.append(Problem(line, "organisatie", _("Vul de naam van de organisatie in.")))
    record = Record(
        line=line, organisation=organisation, values=values, columns=COLUMN_OF,
        hsds_id=_read(line, "hsds_id", _hsds_id, cells.get("hsds_id"), problems),
        status=_read(line, "status", status_of, cells.get("status"), problems),
    )  # fmt: skip
    event, event_problems = when.event_from_cells(line, cells)
    problems += event_problems
    record.events = [event] if event else None
    return (None, problems) if problems else (record, [])


def _hsds_id(value: str) -> uuid.UUID | None:
    if not value.strip():
        return None
    try:
        return uuid.UUID(value.strip())
    except ValueError:
        raise CellError(_("Dit is geen geldige sleutel (een UUID).")) from None
