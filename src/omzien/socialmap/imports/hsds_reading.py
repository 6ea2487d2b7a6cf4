"""Reading an HSDS 3.0 JSON document (``omzien.socialmap.hsds`` writes one) into import rows
and records. Our own files carry every value under ``x-omzien``; a document from another
system is read from the standard HSDS fields where it has no ``x-omzien``."""

from __future__ import annotations

import datetime as dt
import uuid

from django.utils.translation import gettext as _

from omzien.core import geo
from omzien.socialmap import agenda, services
from omzien.socialmap.choices import ActivityKind, Status, TargetGroup, Where
from omzien.socialmap.hsds import ACCESSIBILITY, EXT, GROUP_TAXONOMY, KIND_TAXONOMY
from omzien.socialmap.imports.reading import ImportFileError
from omzien.socialmap.imports.records import EventSpec, Problem, Record

_STATUS = {"active": Status.PUBLISHED, "inactive": Status.DRAFT, "defunct": Status.ARCHIVED,
           "temporarily closed": Status.DRAFT}  # fmt: skip


def rows_of_document(document) -> list[dict]:
    """One row per service: ``{"line": n, "organization": {...}, "service": {...}}``."""
    if isinstance(document, dict) and isinstance(document.get("organizations"), list):
        organisations = document["organizations"]
    elif isinstance(document, list):
        organisations = document
    else:
        raise ImportFileError(_("Dit JSON-bestand heeft geen lijst ‘organizations’ (HSDS)."))
    rows = []
    for organisation in organisations:
        if not isinstance(organisation, dict) or not isinstance(
            organisation.get("services", []), list
        ):
            raise ImportFileError(_("Een organisatie in dit bestand heeft geen lijst ‘services’."))
        about = {key: value for key, value in organisation.items() if key != "services"}
        for item in organisation.get("services", []):
            rows.append({"line": len(rows) + 1, "organization": about, "service": item})
    return rows


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _first(items, *path):
    """The first item of a list, and so on down ``path`` (None where something is missing)."""
    value = items
    for key in path:
        if isinstance(value, list):
            value = value[0] if value else None
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value[0] if isinstance(value, list) and value else value


def _terms(service: dict, taxonomy: str) -> list[str]:
    return [
        _text(attribute["taxonomy_term"].get("code"))
        for attribute in service.get("attributes") or []
        if isinstance(attribute, dict)
        and isinstance(attribute.get("taxonomy_term"), dict)
        and attribute["taxonomy_term"].get("taxonomy") == taxonomy
    ]


def _values(service: dict, ext: dict) -> dict:
    location = _first(service.get("service_at_locations") or [], "location") or {}
    address = _first(location.get("addresses") or []) or {}
    accessible = {_text(a.get("description")) for a in location.get("accessibility") or []
                  if isinstance(a, dict)}  # fmt: skip
    where = {"physical": Where.VENUE, "virtual": Where.ONLINE}.get(
        location.get("location_type"), Where.AT_HOME
    )
    values = {
        "name": _text(service.get("name")),
        "description": _text(service.get("description")),
        "kinds": _terms(service, KIND_TAXONOMY),
        "target_groups": _terms(service, GROUP_TAXONOMY),
        "age_min": service.get("minimum_age"),
        "age_max": service.get("maximum_age"),
        "languages": [
            _text(item.get("name"))
            for item in service.get("languages") or []
            if isinstance(item, dict) and item.get("name")
        ],  # fmt: skip
        "where": where,
        "street": _text(address.get("address_1")),
        "postcode": _text(address.get("postal_code")),
        "place": _text(address.get("city")),
        "free": bool(service.get("cost_options")) and not service.get("fees_description"),
        "cost": _text(service.get("fees_description")),
        "contact_name": _text(_first(service.get("contacts") or [], "name")),
        "contact_email": _text(
            service.get("email") or _first(service.get("contacts") or [], "email")
        ),  # fmt: skip
        "contact_phone": _text(_first(service.get("phones") or [], "number")),
        "website": _text(service.get("url")),
        **{flag: text in accessible for flag, text in ACCESSIBILITY.items()},
    }
    if not address:  # online or at home: the file says nothing about an address
        for name in ("street", "postcode", "place"):
            del values[name]
    values.update({key: value for key, value in ext.items() if key in _EXT_FIELDS})
    return values


_EXT_FIELDS = ("reference", "kinds", "target_groups", "where", "schedule", "free", "transport",
               "capacity", "places_left", "waiting_list", "wheelchair", "hearing_loop",
               "quiet_room")  # fmt: skip
_TYPES = {"kinds": list, "target_groups": list, "languages": list, "age_min": int,
          "age_max": int, "capacity": int, "places_left": int, "free": bool,
          "transport": bool, "waiting_list": bool, "wheelchair": bool, "hearing_loop": bool,
          "quiet_room": bool}  # fmt: skip


def _check_values(line: int, values: dict) -> list[Problem]:
    problems = []
    for name, kind in _TYPES.items():
        value = values.get(name)
        if value is not None and (not isinstance(value, kind) or (
            kind is int and isinstance(value, bool)
        )):  # fmt: skip
            problems.append(Problem(line, name, _("Deze waarde heeft niet de goede vorm.")))
    for name, choices, what in (("kinds", ActivityKind, _("soort")),
                                ("target_groups", TargetGroup, _("doelgroep"))):  # fmt: skip
        unknown = [str(c) for c in values.get(name) or [] if c not in choices.values]
        if isinstance(values.get(name), list) and unknown:
            problems.append(Problem(line, name, _("Onbekende %(what)s: %(items)s.")
                                    % {"what": what, "items": ", ".join(unknown)}))  # fmt: skip
    if values.get("where") not in Where.values:
        problems.append(Problem(line, "where", _("Onbekende plek.")))
    if not values["name"]:
        problems.append(Problem(line, "name", _("Vul de naam van het initiatief in.")))
    if values.get("postcode") and not geo.is_valid_postcode(values["postcode"]):
        problems.append(Problem(line, "postal_code", _("Vul een postcode in als 1234 AB.")))
    elif values.get("postcode"):
        values["postcode"] = geo.normalise_postcode(values["postcode"])
    return problems


def _events(line: int, service: dict, problems: list[Problem]) -> list[EventSpec]:
    events = []
    for n, item in enumerate(service.get("schedules") or []):
        event, problem = _event(line, n, item)
        if problem:
            problems.append(problem)
        elif event:
            events.append(event)
    return events


def record_from_row(row: dict) -> tuple[Record | None, list[Problem]]:
    """One service of the document as a ``Record``, or its problems."""
    line, service = row["line"], row.get("service")
    if not isinstance(service, dict):
        return None, [Problem(line, "service", _("Dit is geen dienst (service)."))]
    ext = service.get(EXT) if isinstance(service.get(EXT), dict) else {}
    values = _values(service, ext)
    problems = _check_values(line, values)
    organisation = _text((row.get("organization") or {}).get("name"))
    if not organisation:
        problems.append(Problem(line, "organization.name", _("De organisatie heeft geen naam.")))
    hsds_id = _uuid(service.get("id"))
    if service.get("id") and hsds_id is None:
        problems.append(Problem(line, "id", _("Dit is geen geldige sleutel (een UUID).")))
    status = ext.get("status") if ext.get("status") in Status.values else _STATUS.get(
        service.get("status")
    )  # fmt: skip
    events = _events(line, service, problems)
    if problems:
        return None, problems
    kind = ((row.get("organization") or {}).get(EXT) or {}).get("kind")
    return Record(line=line, organisation=organisation, values=values, hsds_id=hsds_id,
                  status=status, events=events, columns=_COLUMNS,
                  organisation_kind=str(kind or "")), []  # fmt: skip


_COLUMNS = {"postcode": "postal_code", "street": "address_1", "place": "city",
            "age_min": "minimum_age", "age_max": "maximum_age", "website": "url",
            "contact_email": "email", "cost": "fees_description"}  # fmt: skip


def _uuid(value) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value)) if value else None
    except ValueError:
        return None


def _event(line: int, n: int, item) -> tuple[EventSpec | None, Problem | None]:
    column = f"schedules[{n}]"
    ext = item.get(EXT) if isinstance(item, dict) and isinstance(item.get(EXT), dict) else None
    try:
        if ext is None:
            return _event_from_parts(item), None
        starts_at = dt.datetime.fromisoformat(str(ext["starts_at"])).replace(tzinfo=agenda.TZ)
        minutes = int(ext.get("minutes") or 120)
        rule = _text(ext.get("rrule"))
        agenda.parse_rrule(rule)
        if not 5 <= minutes <= 1440:
            raise ValueError
    except Exception:  # any malformed schedule is one problem of that row
        return None, Problem(line, column, _("Deze bijeenkomst (datum, tijd of herhaling) "
                                             "begrijpen we niet."))  # fmt: skip
    return EventSpec(starts_at=starts_at, minutes=minutes, rrule=rule,
                     title=_text(ext.get("title")), note=_text(ext.get("note"))), None  # fmt: skip


def _event_from_parts(item: dict) -> EventSpec | None:
    """A schedule from another system: dtstart, opens_at, closes_at and the rule's parts."""
    if not item.get("dtstart") or not item.get("opens_at"):
        return None  # opening hours without a date: no event
    day = dt.date.fromisoformat(str(item["dtstart"])[:10])
    opens = dt.time.fromisoformat(str(item["opens_at"])[:5])
    starts_at = dt.datetime.combine(day, opens, tzinfo=agenda.TZ)
    minutes = 120
    if item.get("closes_at"):
        closes = dt.datetime.combine(day, dt.time.fromisoformat(str(item["closes_at"])[:5]))
        minutes = int((closes - starts_at.replace(tzinfo=None)).total_seconds() // 60)
    parts = [f"FREQ={item['freq']}"] if item.get("freq") else []
    for key in ("interval", "byday", "count"):
        if item.get(key):
            parts.append(f"{key.upper()}={item[key]}")
    if parts and item.get("until"):
        until = dt.date.fromisoformat(str(item["until"])[:10])
        parts.append(services.rule_for("weekly", until).split(";")[1])  # UNTIL in UTC
    rule = ";".join(parts)
    agenda.parse_rrule(rule)
    if not 5 <= minutes <= 1440:
        raise ValueError(minutes)
    return EventSpec(starts_at=starts_at, minutes=minutes, rrule=rule,
                     title=_text(item.get("description")))  # fmt: skip
