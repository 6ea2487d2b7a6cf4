"""Writes of the social map (issue 9): an initiative is made and changed by the coordinator
or by its own organisation (a reporter account of that organisation: the partner), submitted
for review, published or archived by the coordinator. Every write is one transaction, a new
version (``InitiativeVersion``: the whole content) and an audit event.

A partner's change to a published initiative goes back to "submitted": the coordinator
publishes it again (the catalogue shows only what the coordinator approved)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.forms.models import model_to_dict
from django.utils import timezone
from django.utils.translation import gettext as _

from omzien.core import audit, geo
from omzien.core.models import Municipality, Organisation, User
from omzien.core.scoping import can, memberships, require
from omzien.socialmap import agenda
from omzien.socialmap.choices import ActivityKind, Status, TargetGroup, Where
from omzien.socialmap.models import Event, Initiative, InitiativeVersion

#: Fields a form may set; the rest (status, version, dates) only these services set.
EDITABLE = (
    "organisation", "name", "description", "kinds", "target_groups", "age_min", "age_max",
    "languages", "where", "street", "postcode", "place", "schedule", "free", "cost",
    "wheelchair", "hearing_loop", "transport", "quiet_room", "capacity", "places_left",
    "waiting_list", "contact_name", "contact_email", "contact_phone", "website", "reference",
)  # fmt: skip


def own_organisation_ids(user: User, municipality: Municipality) -> set[int]:
    """The organisations a partner account (a reporter with an organisation) speaks for."""
    return {
        m.organisation_id
        for m in memberships(user)
        if m.municipality_id == municipality.pk and m.role == "reporter" and m.organisation_id
    }


def may_edit(user: User, initiative: Initiative) -> bool:
    municipality = initiative.municipality
    if can(user, "publish_initiatives", municipality):
        return True
    return initiative.organisation_id in own_organisation_ids(user, municipality)


def check_initiative(initiative: Initiative) -> None:
    """The save path's rules for an initiative's content (also used by the imports); raises
    ``ValidationError`` with the reasons per field."""
    errors = {}
    if set(initiative.kinds) - set(ActivityKind.values) or not initiative.kinds:
        errors["kinds"] = _("Kies een of meer soorten activiteit uit de lijst.")
    if set(initiative.target_groups) - set(TargetGroup.values):
        errors["target_groups"] = _("Kies doelgroepen uit de lijst.")
    low, high = initiative.age_min, initiative.age_max
    if low is not None and high is not None and low > high:
        errors["age_max"] = _("De hoogste leeftijd is lager dan de laagste.")
    if initiative.capacity is not None and (initiative.places_left or 0) > initiative.capacity:
        errors["places_left"] = _("Er zijn niet meer vrije plaatsen dan plaatsen.")
    errors.update(_place_point(initiative))
    if errors:
        raise ValidationError(errors)
    initiative.full_clean(exclude=["municipality", "organisation"])


def _place_point(initiative: Initiative) -> dict[str, str]:
    """An activity at an address gets the centre of its PC4 area as its point (for distance
    and the map); online and at home have none. Returns the errors, if any."""
    initiative.latitude = initiative.longitude = None
    if initiative.where != Where.VENUE:
        return {}
    if not initiative.postcode:
        return {"postcode": _("Vul de postcode in van het adres van de activiteit.")}
    try:
        initiative.postcode = geo.normalise_postcode(initiative.postcode)
    except geo.InvalidPostcode:
        return {"postcode": _("Vul een postcode in als 1234 AB.")}
    area = geo.lookup_postcode(initiative.postcode)
    if area is None:
        return {"postcode": _("Deze postcode kennen we niet.")}
    initiative.latitude, initiative.longitude = area.latitude, area.longitude
    return {}


def _snapshot(initiative: Initiative, actor: User | None) -> None:
    """A new version: the whole content, its meetings included."""
    data = model_to_dict(initiative, fields=EDITABLE)
    data["events"] = [
        {"starts_at": e.starts_at.astimezone(agenda.TZ).isoformat(), "minutes": e.minutes,
         "rrule": e.rrule,
         "title": e.title, "note": e.note}
        for e in Event.objects.filter(initiative=initiative).order_by("starts_at", "pk")
    ]  # fmt: skip
    InitiativeVersion.objects.create(
        initiative=initiative,
        municipality=initiative.municipality,
        number=initiative.version,
        status=initiative.status,
        data=data,
        changed_by=actor,
    )


@transaction.atomic
def save_initiative(
    *, actor: User, municipality: Municipality, values: dict, initiative: Initiative | None = None
) -> Initiative:
    """Make (``initiative`` None) or change an initiative; refused with the reasons per field."""
    require(actor, "edit_initiatives", municipality)
    organisation: Organisation = values.get("organisation") or getattr(
        initiative, "organisation", None
    )
    if organisation is None or organisation.municipality_id != municipality.pk:
        raise ValidationError({"organisation": _("Kies een organisatie van deze gemeente.")})
    coordinator = can(actor, "publish_initiatives", municipality)
    if not coordinator and organisation.pk not in own_organisation_ids(actor, municipality):
        raise PermissionDenied(_("U mag alleen initiatieven van uw eigen organisatie wijzigen."))
    if initiative is None:
        initiative = Initiative(municipality=municipality, organisation=organisation)
        event = "initiative_created"
    else:
        if initiative.municipality_id != municipality.pk or not may_edit(actor, initiative):
            raise PermissionDenied
        initiative.version += 1
        event = "initiative_changed"
        if not coordinator and initiative.status == Status.PUBLISHED:
            initiative.status = Status.SUBMITTED
    for name in EDITABLE:
        if name in values:
            setattr(initiative, name, values[name])
    check_initiative(initiative)
    initiative.save()
    _snapshot(initiative, actor)
    audit.record(event, actor=actor, obj=initiative, municipality=municipality,
                 version=initiative.version)  # fmt: skip
    return initiative


MOVES = {
    # action: (permission, states it may start from, new state)
    "submit": ("edit_initiatives", {Status.DRAFT}, Status.SUBMITTED),
    "publish": ("publish_initiatives", {Status.DRAFT, Status.SUBMITTED, Status.ARCHIVED},
                Status.PUBLISHED),
    "archive": ("publish_initiatives", {Status.DRAFT, Status.SUBMITTED, Status.PUBLISHED},
                Status.ARCHIVED),
    "reject": ("publish_initiatives", {Status.SUBMITTED}, Status.DRAFT),
}  # fmt: skip


@transaction.atomic
def move_initiative(*, actor: User, initiative: Initiative, action: str) -> Initiative:
    """Submit (partner or coordinator), publish, archive or send back (coordinator)."""
    if action not in MOVES:
        raise ValidationError(_("Deze handeling bestaat niet."))
    permission, sources, target = MOVES[action]
    require(actor, permission, initiative.municipality)
    if not may_edit(actor, initiative):
        raise PermissionDenied
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if initiative.status not in sources:
        raise ValidationError(
            _("Dit kan niet bij een initiatief met status ‘%(status)s’.")
            % {"status": initiative.get_status_display()}
        )
    initiative.status = target
    initiative.version += 1
    if target == Status.PUBLISHED:
        initiative.published_at = timezone.now()
    initiative.save()
    _snapshot(initiative, actor)
    audit.record(f"initiative_{action}", actor=actor, obj=initiative,
                 municipality=initiative.municipality, version=initiative.version)  # fmt: skip
    return initiative


REPEAT_RULES = {"weekly": "FREQ=WEEKLY", "biweekly": "FREQ=WEEKLY;INTERVAL=2",
                "monthly": "FREQ=MONTHLY"}  # fmt: skip


def rule_for(repeat: str, until: dt.date | None) -> str:
    """The RRULE of a form's choice; UNTIL in UTC at the end of that local day (RFC 5545
    wants UTC when the start has a time zone)."""
    if repeat not in REPEAT_RULES:
        return ""
    rule = REPEAT_RULES[repeat]
    if until is not None:
        end = dt.datetime.combine(until, dt.time(23, 59, 59), tzinfo=agenda.TZ)
        rule += f";UNTIL={end.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}"
    return rule


@transaction.atomic
def add_event(
    *, actor: User, initiative: Initiative, starts_at, minutes: int = 120, rrule: str = "",
    title: str = "", note: str = "",
) -> Event:  # fmt: skip
    """An occurrence or a repeating series of an initiative; a bad rule changes nothing."""
    require(actor, "edit_initiatives", initiative.municipality)
    if not may_edit(actor, initiative):
        raise PermissionDenied
    agenda.parse_rrule(rrule)
    event = Event(
        initiative=initiative, municipality=initiative.municipality, starts_at=starts_at,
        minutes=minutes, rrule=rrule.strip().removeprefix("RRULE:"), title=title, note=note,
    )  # fmt: skip
    event.full_clean(exclude=["initiative", "municipality"])
    event.save()
    _new_version(initiative, actor)
    audit.record("initiative_event_added", actor=actor, obj=initiative,
                 municipality=initiative.municipality, event=event.pk)  # fmt: skip
    return event


def _new_version(initiative: Initiative, actor: User) -> None:
    """A change of the meetings is a change of the initiative: a new version."""
    locked = Initiative.objects.select_for_update().get(pk=initiative.pk)
    locked.version += 1
    locked.save(update_fields=["version", "updated_at"])
    initiative.version = locked.version
    _snapshot(locked, actor)


@transaction.atomic
def remove_event(*, actor: User, event: Event) -> None:
    initiative = event.initiative
    require(actor, "edit_initiatives", initiative.municipality)
    if not may_edit(actor, initiative):
        raise PermissionDenied
    event.delete()
    _new_version(initiative, actor)
    audit.record("initiative_event_removed", actor=actor, obj=initiative,
                 municipality=initiative.municipality)  # fmt: skip
