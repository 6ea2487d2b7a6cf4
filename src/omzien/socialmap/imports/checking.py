"""The check before anything is written: each record is matched to an existing initiative
(its own number, else its HSDS id, else organisation and name), its values are checked by the
save path's own rules (``services.check_initiative``: kinds, ages, places, the PC4 postcode),
its status move and events are worked out. The result is a ``Plan`` per record, or problems."""

from __future__ import annotations

import copy
import uuid
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from omzien.core.models import Organisation
from omzien.socialmap import services
from omzien.socialmap.choices import Status
from omzien.socialmap.hsds import event_key
from omzien.socialmap.imports.records import EventSpec, Problem, Record
from omzien.socialmap.models import Initiative


@dataclass
class Plan:
    """What applying one record does."""

    record: Record
    initiative: Initiative | None
    organisation: Organisation | None
    """None: an organisation of this name is made in the municipality."""
    changed: bool = False
    moves: list[str] = field(default_factory=list)
    add_events: list[EventSpec] = field(default_factory=list)
    remove_events: list[int] = field(default_factory=list)

    @property
    def does_something(self) -> bool:
        return bool(self.initiative is None or self.changed or self.moves or self.add_events
                    or self.remove_events)  # fmt: skip


def _moves(current: str, target: str) -> list[str] | None:
    """The actions (``services.MOVES``) from one status to another; None if none leads."""
    if current == target:
        return []
    for action, (_permission, sources, result) in services.MOVES.items():
        if result == target and current in sources:
            return [action]
    return None


class Checker:
    """Checks the records of one file against one municipality's catalogue."""

    def __init__(self, actor, municipality, *, publish: bool):
        self.municipality = municipality
        self.new_status = Status.PUBLISHED if publish else Status.DRAFT
        initiatives = list(
            Initiative.objects.visible_to(actor, municipality)
            .select_related("organisation")
            .prefetch_related("events")
        )
        self.by_reference = {i.reference: i for i in initiatives if i.reference}
        self.by_hsds_id = {i.hsds_id: i for i in initiatives}
        self.by_name = {(i.organisation.name.lower(), i.name.lower()): i for i in initiatives}
        self.organisations = {
            o.name.lower(): o for o in Organisation.objects.filter(municipality=municipality)
        }
        self.seen: dict[object, int] = {}

    def _existing(self, record: Record) -> Initiative | None:
        reference = record.values.get("reference") or ""
        name = (record.organisation.lower(), (record.values.get("name") or "").lower())
        candidates = (
            self.by_reference.get(reference) if reference else None,
            self.by_hsds_id.get(record.hsds_id) if record.hsds_id else None,
            self.by_name.get(name),
        )
        for found in candidates:
            if found is not None and (not reference or found.reference in ("", reference)):
                return found
        return None

    def _key_problem(self, record: Record, existing: Initiative | None) -> Problem | None:
        key = ("pk", existing.pk) if existing else (
            record.values.get("reference") or record.hsds_id
            or (record.organisation.lower(), (record.values.get("name") or "").lower())
        )  # fmt: skip
        if key in self.seen:
            return Problem(record.line, record.column_of("name"),
                           _("Dit initiatief staat ook op regel %(line)s.")
                           % {"line": self.seen[key]})  # fmt: skip
        self.seen[key] = record.line
        if existing is None and record.hsds_id in self.by_hsds_id:
            return Problem(record.line, "hsds_id",
                           _("Deze sleutel hoort bij een ander initiatief."))  # fmt: skip
        return None

    def check(self, record: Record) -> tuple[Plan | None, list[Problem]]:
        existing = self._existing(record)
        problem = self._key_problem(record, existing)
        if problem:
            return None, [problem]
        organisation = self.organisations.get(record.organisation.lower())
        if organisation is None and len(record.organisation) > 200:
            return None, [Problem(record.line, "organisatie", _("Deze naam is te lang."))]
        candidate = copy.copy(existing) if existing else Initiative(
            municipality=self.municipality, hsds_id=record.hsds_id or uuid.uuid4()
        )  # fmt: skip
        for name, value in record.values.items():
            setattr(candidate, name, value)
        try:
            services.check_initiative(candidate)  # the save path's own rules
        except ValidationError as error:
            return None, [
                Problem(record.line, record.column_of(name), " ".join(messages))
                for name, messages in error.message_dict.items()
            ]
        plan = Plan(record=record, initiative=existing, organisation=organisation)
        return self._plan(plan, candidate)

    def _plan(self, plan: Plan, candidate: Initiative) -> tuple[Plan | None, list[Problem]]:
        record, existing = plan.record, plan.initiative
        current = existing.status if existing else Status.DRAFT
        target = record.status or (current if existing else self.new_status)
        moves = _moves(current, target)
        if moves is None:
            return None, [Problem(record.line, record.column_of("status"), _(
                "Een initiatief met status ‘%(from)s’ kan niet naar ‘%(to)s’; kies gearchiveerd."
            ) % {"from": Status(current).label, "to": Status(target).label})]  # fmt: skip
        plan.moves = moves
        if existing is not None:
            plan.changed = plan.organisation is None or (
                plan.organisation.pk != existing.organisation_id
            ) or any(getattr(existing, name) != getattr(candidate, name)
                     for name in record.values)  # fmt: skip
        if record.events is not None:
            have = {event_key(e): e.pk for e in existing.events.all()} if existing else {}
            want = {event.key(): event for event in record.events}
            plan.add_events = [event for key, event in want.items() if key not in have]
            plan.remove_events = [pk for key, pk in have.items() if key not in want]
        return plan, []
