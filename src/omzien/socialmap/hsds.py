"""The catalogue as Open Referral HSDS 3.0 JSON (issue 9, item 2): organizations with their
services; each service with its location (address, postcode, latitude/longitude), schedules
(RFC 5545 parts, start and duration in Europe/Amsterdam), eligibility (age range, target
groups), cost, languages, accessibility and contact.

What HSDS has no field for (the seven kinds of activity, target group codes, where, the
publish status, the municipality's own number, capacity and places left, transport) is under
the namespaced key ``"x-omzien"`` of the service (and of each schedule: the exact rule).
Every id is stable: a service's id is ``Initiative.hsds_id``, an organization's is derived from
its name, and the ids inside a service from the service's id, so that exporting, importing
and exporting again gives the same document (``imports/hsds_reading.py`` reads it back)."""

from __future__ import annotations

import datetime as dt
import uuid

from django.utils import timezone

from omzien.socialmap import agenda
from omzien.socialmap.choices import ActivityKind, Status, TargetGroup, Where
from omzien.socialmap.models import Event, Initiative

EXT = "x-omzien"
#: Namespace of the derived ids (uuid5).
NAMESPACE = uuid.UUID("6f1d3c2e-9a44-5b8e-8f0e-0e6d2a7c4b11")
#: HSDS service status for our publish status (the exact one is in ``x-omzien.status``).
HSDS_STATUS = {Status.DRAFT: "inactive", Status.SUBMITTED: "inactive",
               Status.PUBLISHED: "active", Status.ARCHIVED: "defunct"}  # fmt: skip
#: Accessibility of a location: our flag -> the description in the file.
ACCESSIBILITY = {"wheelchair": "Rolstoeltoegankelijk", "hearing_loop": "Ringleiding",
                 "quiet_room": "Rustige ruimte"}  # fmt: skip
KIND_TAXONOMY = "omzien:werkzame-elementen"
GROUP_TAXONOMY = "omzien:doelgroepen"
#: Values of the service kept only under ``x-omzien``.
EXTENSION_FIELDS = ("reference", "kinds", "target_groups", "where", "status", "schedule",
                    "free", "transport", "capacity", "places_left", "waiting_list",
                    "wheelchair", "hearing_loop", "quiet_room")  # fmt: skip


def organisation_id(name: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"organisation:{name}"))


def _sub(initiative: Initiative, part: str) -> str:
    return str(uuid.uuid5(initiative.hsds_id, part))


def export_catalogue(initiatives, municipality) -> dict:
    """The HSDS document of ``initiatives`` (every status; the status is in the file)."""
    organisations: dict = {}
    for initiative in initiatives.select_related("organisation").prefetch_related("events"):
        organisations.setdefault(initiative.organisation, []).append(initiative)
    return {
        "hsds_version": "3.0",
        EXT: {
            "municipality": {"code": municipality.code, "name": municipality.name},
            "exported_at": timezone.now().isoformat(timespec="seconds"),
        },
        "organizations": [
            _organization(organisation, items)
            for organisation, items in sorted(organisations.items(), key=lambda o: o[0].name)
        ],
    }


def _organization(organisation, initiatives) -> dict:
    org_id = organisation_id(organisation.name)
    services = sorted(initiatives, key=lambda i: (i.name, str(i.hsds_id)))
    return {
        "id": org_id,
        "name": organisation.name,
        "description": organisation.name,
        EXT: {"kind": organisation.kind},
        "services": [service(initiative, org_id) for initiative in services],
    }


def service(initiative: Initiative, org_id: str) -> dict:
    sid = str(initiative.hsds_id)
    events = sorted(initiative.events.all(), key=event_key)
    return {
        "id": sid,
        "organization_id": org_id,
        "name": initiative.name,
        "description": initiative.description,
        "url": initiative.website or None,
        "email": initiative.contact_email or None,
        "status": HSDS_STATUS[initiative.status],
        "fees_description": initiative.cost or None,
        "cost_options": [
            {
                "id": _sub(initiative, "cost"),
                "service_id": sid,
                "currency": "EUR",
                "amount": 0,
                "option": "Gratis",
            }
        ]
        if initiative.free
        else [],  # fmt: skip
        "eligibility_description": _eligibility(initiative),
        "minimum_age": initiative.age_min,
        "maximum_age": initiative.age_max,
        "languages": [
            {"id": _sub(initiative, f"language:{n}"), "service_id": sid, "name": name}
            for n, name in enumerate(initiative.languages)
        ],
        "contacts": _contacts(initiative, sid),
        "phones": [
            {"id": _sub(initiative, "phone"), "service_id": sid, "number": initiative.contact_phone}
        ]
        if initiative.contact_phone
        else [],  # fmt: skip
        "schedules": [schedule(initiative, event, n) for n, event in enumerate(events)],
        "service_at_locations": _at_locations(initiative, sid),
        "attributes": _attributes(initiative),
        EXT: {name: getattr(initiative, name) for name in EXTENSION_FIELDS},
    }


def _eligibility(initiative: Initiative) -> str | None:
    parts = [str(TargetGroup(code).label) for code in initiative.target_groups]
    if initiative.age_min is not None or initiative.age_max is not None:
        low = initiative.age_min if initiative.age_min is not None else 0
        high = f"{initiative.age_max} jaar" if initiative.age_max is not None else "ouder"
        parts.append(f"Leeftijd {low} tot en met {high}")
    return "; ".join(parts) or None


def _contacts(initiative: Initiative, sid: str) -> list[dict]:
    if not (initiative.contact_name or initiative.contact_email):
        return []
    return [{"id": _sub(initiative, "contact"), "service_id": sid,
             "name": initiative.contact_name or None,
             "email": initiative.contact_email or None}]  # fmt: skip


def _at_locations(initiative: Initiative, sid: str) -> list[dict]:
    if initiative.where == Where.AT_HOME:
        return []
    lid = _sub(initiative, "location")
    if initiative.where == Where.ONLINE:
        location = {"id": lid, "location_type": "virtual", "url": initiative.website or None}
    else:
        location = {
            "id": lid,
            "location_type": "physical",
            "name": initiative.street or None,
            "latitude": initiative.latitude,
            "longitude": initiative.longitude,
            "addresses": [{
                "id": _sub(initiative, "address"), "location_id": lid,
                "address_1": initiative.street, "city": initiative.place,
                "postal_code": initiative.postcode, "state_province": "", "country": "NL",
                "address_type": "physical",
            }],
            "accessibility": [
                {"id": _sub(initiative, f"accessibility:{flag}"), "location_id": lid,
                 "description": text}
                for flag, text in ACCESSIBILITY.items() if getattr(initiative, flag)
            ],
        }  # fmt: skip
    return [{"id": _sub(initiative, "service_at_location"), "service_id": sid,
             "location_id": lid, "location": location}]  # fmt: skip


def _attributes(initiative: Initiative) -> list[dict]:
    found = []
    for taxonomy, choices, codes in (
        (KIND_TAXONOMY, ActivityKind, initiative.kinds),
        (GROUP_TAXONOMY, TargetGroup, initiative.target_groups),
    ):
        for code in codes:
            found.append({
                "id": _sub(initiative, f"attribute:{taxonomy}:{code}"),
                "link_id": str(initiative.hsds_id), "link_entity": "service",
                "taxonomy_term": {"id": str(uuid.uuid5(NAMESPACE, f"{taxonomy}:{code}")),
                                  "code": code, "name": str(choices(code).label),
                                  "taxonomy": taxonomy},
            })  # fmt: skip
    return found


def event_key(event: Event) -> tuple:
    return (event.starts_at, event.minutes, event.rrule, event.title, event.note)


def _clock(moment: dt.datetime) -> str:
    """HH:MM with the UTC offset, as HSDS's opens_at and closes_at want."""
    offset = moment.strftime("%z")
    return f"{moment:%H:%M}{offset[:3]}:{offset[3:]}"


def schedule(initiative: Initiative, event: Event, n: int) -> dict:
    start = event.starts_at.astimezone(agenda.TZ)
    end = start + dt.timedelta(minutes=event.minutes)
    parts = dict(
        part.split("=", 1) for part in event.rrule.split(";") if "=" in part
    )  # e.g. {"FREQ": "WEEKLY", "UNTIL": "20270630T215959Z"}
    until = parts.get("UNTIL")
    if until:
        until = dt.datetime.strptime(until[:8], "%Y%m%d").date().isoformat()
    return {
        "id": _sub(initiative, f"schedule:{n}"),
        "service_id": str(initiative.hsds_id),
        "dtstart": start.date().isoformat(),
        "opens_at": _clock(start),
        "closes_at": _clock(end),
        "freq": parts.get("FREQ"),
        "interval": int(parts["INTERVAL"]) if parts.get("INTERVAL", "").isdigit() else None,
        "byday": parts.get("BYDAY"),
        "until": until,
        "count": int(parts["COUNT"]) if parts.get("COUNT", "").isdigit() else None,
        "description": event.title or None,
        "notes": event.note or None,
        EXT: {
            "tzid": "Europe/Amsterdam",
            "starts_at": start.replace(tzinfo=None).isoformat(timespec="minutes"),
            "minutes": event.minutes,
            "rrule": event.rrule,
            "title": event.title,
            "note": event.note,
        },
    }


def rows_of_document(document) -> list[dict]:
    """The services of an HSDS document as import rows (``imports/reading.py``)."""
    from omzien.socialmap.imports.hsds_reading import rows_of_document as rows

    return rows(document)
