"""Applying a checked file: every plan through the social map's services, so that every
initiative made or changed gets its version and audit event, and every status move and event
its own. The caller holds one transaction around all of it (``jobs.py``): a refusal of any
row undoes the whole file. A row that changes nothing writes nothing (no new version)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from omzien.core import audit
from omzien.core.models import Organisation
from omzien.socialmap import services
from omzien.socialmap.imports.checking import Plan
from omzien.socialmap.imports.records import Problem
from omzien.socialmap.models import Event, Initiative


class RowRefused(Exception):
    """A row that the services refused after all (something changed since the check)."""

    def __init__(self, problem: Problem):
        super().__init__(problem.message)
        self.problem = problem


def _organisation(plan: Plan, made: dict, actor, municipality) -> Organisation:
    if plan.organisation is not None:
        return plan.organisation
    name = plan.record.organisation
    if name.lower() not in made:
        organisation = Organisation.objects.create(
            municipality=municipality, name=name,
            kind=plan.record.organisation_kind if plan.record.organisation_kind
            in Organisation.Kind.values else Organisation.Kind.OTHER,
        )  # fmt: skip
        audit.record("catalogue_import_organisation_created", actor=actor, obj=organisation,
                     municipality=municipality)  # fmt: skip
        made[name.lower()] = organisation
    return made[name.lower()]


def _apply_one(plan: Plan, organisation: Organisation, actor, municipality) -> Initiative:
    record = plan.record
    values = {**record.values, "organisation": organisation}
    initiative = plan.initiative
    if initiative is None:
        initiative = services.save_initiative(actor=actor, municipality=municipality,
                                              values=values)  # fmt: skip
        if record.hsds_id and record.hsds_id != initiative.hsds_id:
            # The file's key stays the key, so that importing it again updates.
            Initiative.objects.filter(pk=initiative.pk).update(hsds_id=record.hsds_id)
            initiative.hsds_id = record.hsds_id
    elif plan.changed:
        initiative = services.save_initiative(
            actor=actor, municipality=municipality, values=values,
            initiative=Initiative.objects.get(pk=initiative.pk),
        )  # fmt: skip
    for action in plan.moves:
        initiative = services.move_initiative(actor=actor, initiative=initiative, action=action)
    for pk in plan.remove_events:
        services.remove_event(actor=actor, event=Event.objects.get(pk=pk))
    for event in plan.add_events:
        services.add_event(actor=actor, initiative=initiative, starts_at=event.starts_at,
                           minutes=event.minutes, rrule=event.rrule, title=event.title,
                           note=event.note)  # fmt: skip
    return initiative


def apply(plans: list[Plan], *, actor, municipality) -> dict:
    """Apply every plan; returns what happened (counts and the organisations made)."""
    made: dict[str, Organisation] = {}
    summary = {"created": 0, "changed": 0, "unchanged": 0}
    for plan in plans:
        if not plan.does_something:
            summary["unchanged"] += 1
            continue
        try:
            organisation = _organisation(plan, made, actor, municipality)
            _apply_one(plan, organisation, actor, municipality)
        except ValidationError as error:
            raise RowRefused(Problem(plan.record.line, "", " ".join(error.messages))) from None
        summary["created" if plan.initiative is None else "changed"] += 1
    summary["organisations"] = sorted(o.name for o in made.values())
    return summary


def message_of(summary: dict) -> str:
    return _("%(created)s nieuw, %(changed)s bijgewerkt, %(unchanged)s ongewijzigd.") % summary
