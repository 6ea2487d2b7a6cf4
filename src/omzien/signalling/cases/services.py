"""Every write to a case: ``perform`` is the one entry, and it asks the gate first.

``perform(actor=..., case=..., action=..., **params)`` checks the action through
``actions.check`` (role, visibility, the workflow table and the other rules) and
``actions.check_params`` (what the user chose), then runs the action's step in one
transaction and writes the audit event. Views, the case API and privacy all call it; the
named functions below (``assign_case``, ``close_case``, ...) are short forms of it.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from omzien.assessment.models import Assessment
from omzien.assessment.services import record_assessment
from omzien.core import audit
from omzien.core.models import User
from omzien.signalling import notifications
from omzien.signalling.cases import actions
from omzien.signalling.cases.actions import (
    ACTION_FOR_TARGET,
    TARGET_STATE,
    Action,
    check,
    check_params,
)
from omzien.signalling.cases.workflow import TRANSITIONS, CaseState, Outcome, TransitionError
from omzien.signalling.models import Case, CaseEvent
from omzien.signalling.referrals import steps as referral_steps

__all__ = [
    "Action",
    "add_note",
    "assign_case",
    "close_case",
    "has_consent",
    "log_attempt",
    "move_case",
    "record_case_assessment",
    "perform",
    "record_consent",
    "reopen_case",
    "take_case",
]

#: The outcome of a case closed because the resident asked for erasure (wil geen contact).
ERASURE_OUTCOME = Outcome.DECLINED


def _save(case: Case, *fields: str) -> None:
    case.save(update_fields=[*fields, "updated_at"])


def has_consent(case: Case) -> bool:
    return actions.has_consent(case)


def _assign(actor, case: Case, *, caseworker: User, **_params):
    if case.state == CaseState.NEW:
        case.move_to(CaseState.ASSIGNED, by=actor)
    case.caseworker = caseworker
    _save(case, "caseworker", "state")
    CaseEvent.objects.create(
        case=case, actor=actor, kind=CaseEvent.Kind.ASSIGNMENT, related_id=caseworker.pk
    )
    audit.record(
        "case_assigned", actor=actor, obj=case, resident=case.resident_id, caseworker=caseworker.pk
    )
    return case


def _take(actor, case: Case, **_params):
    """A caseworker takes an unassigned case of their own team."""
    if case.state == CaseState.NEW:
        case.move_to(CaseState.ASSIGNED, by=actor)
    case.caseworker = actor
    _save(case, "caseworker", "state")
    CaseEvent.objects.create(
        case=case, actor=actor, kind=CaseEvent.Kind.ASSIGNMENT, related_id=actor.pk
    )
    audit.record("case_taken", actor=actor, obj=case, resident=case.resident_id)
    return case


def _attempt(actor, case: Case, *, method: str, reached: bool, note: str = "", **_params):
    if case.state == CaseState.ASSIGNED:
        case.move_to(CaseState.CONTACTING, by=actor)
    event = CaseEvent.objects.create(
        case=case,
        actor=actor,
        kind=CaseEvent.Kind.ATTEMPT,
        method=method,
        reached=reached,
        text=note,
    )
    if reached and case.first_contact_at is None:
        case.first_contact_at = event.at
    _save(case, "state", "first_contact_at")
    audit.record(
        "case_attempt_logged", actor=actor, obj=case, resident=case.resident_id, reached=reached
    )
    return event


def _note(actor, case: Case, *, text: str, **_params):
    if not text.strip():
        raise TransitionError(_("Schrijf eerst iets op."))
    event = CaseEvent.objects.create(
        case=case, actor=actor, kind=CaseEvent.Kind.NOTE, text=text.strip()
    )
    _save(case)
    audit.record("case_note_added", actor=actor, obj=case, resident=case.resident_id)
    return event


def _consent(actor, case: Case, *, scope: str, how: str, given_at=None, **_params):
    if not scope.strip():
        raise TransitionError(_("Schrijf op waarvoor de persoon toestemming geeft."))
    event = CaseEvent.objects.create(
        case=case,
        actor=actor,
        kind=CaseEvent.Kind.CONSENT,
        consent_scope=scope.strip()[:200],
        consent_how=how,
        at=given_at or timezone.now(),
    )
    _save(case)
    audit.record("case_consent_recorded", actor=actor, obj=case, resident=case.resident_id, how=how)
    return event


def _move(actor, case: Case, *, action: str, note: str = "", **_params):
    target = TARGET_STATE[action]
    case.move_to(target, by=actor, note=note)
    _save(case, "state")
    audit.record("case_moved", actor=actor, obj=case, resident=case.resident_id, to=target)
    return case


def _refer(actor, case: Case, *, action: str, note: str = "", initiative=None, **params):
    """Referring: the case moves to 'referred'; with an initiative (issue 9) the referral
    itself is recorded too (its proposal, handover and follow-up date)."""
    _move(actor, case, action=action, note=note)
    if initiative is None:
        return case
    return referral_steps.propose(actor, case, initiative=initiative, **params)


def _refer_again(actor, case: Case, *, action: str, initiative, **params):
    """Another referral of a case already referred: no move."""
    referral = referral_steps.propose(actor, case, initiative=initiative, **params)
    _save(case)
    return referral


def _close(actor, case: Case, *, outcome: str, note: str = "", **_params):
    case.move_to(CaseState.CLOSED, by=actor, note=note)
    case.outcome = outcome
    case.closed_at = timezone.now()
    _save(case, "state", "outcome", "closed_at")
    audit.record("case_closed", actor=actor, obj=case, resident=case.resident_id, outcome=outcome)
    if case.urgent and case.first_contact_at is None:
        # robust: a mail server that is down must not undo the closing.
        transaction.on_commit(
            lambda: notifications.urgent_closed_without_contact(case), robust=True
        )
    return case


def _reopen(actor, case: Case, *, note: str = "", **_params):
    case.move_to(CaseState.REOPENED, by=actor, note=note)
    case.outcome = ""
    case.closed_at = None
    _save(case, "state", "outcome", "closed_at")
    audit.record("case_reopened", actor=actor, obj=case, resident=case.resident_id)
    return case


def _path_to_closed(state: str) -> list[str]:
    """The shortest route to 'closed' through the workflow table (e.g. new -> assigned ->
    closed), so that closing for erasure goes through the one table of allowed moves."""
    routes = [[state]]
    seen = {state}
    while routes:
        route = routes.pop(0)
        if route[-1] == CaseState.CLOSED:
            return route[1:]
        for target in sorted(TRANSITIONS.get(route[-1], ())):
            if target not in seen:
                seen.add(target)
                routes.append([*route, target])
    raise ValueError(f"No route from {state} to closed.")


def _close_for_erasure(actor, case: Case, **_params):
    """Close an open case of a resident who asked for erasure, step by step through the
    table, with the outcome "declined" (wil geen contact)."""
    *steps, _closed = _path_to_closed(case.state)
    for step in steps:
        case.move_to(step, by=actor)
        _save(case, "state")
        audit.record("case_moved", actor=actor, obj=case, resident=case.resident_id, to=step)
    return _close(actor, case, outcome=ERASURE_OUTCOME)


def _assess(actor, case: Case, *, instrument: str, answers, taken_on=None, **_params):
    """A meting within the case: stored for the resident, shown on the timeline."""
    assessment = record_assessment(
        actor=actor,
        resident=case.resident,
        instrument=instrument,
        answers=answers,
        taken_on=taken_on,
        context=Assessment.Context.CASE,
        context_id=case.pk,
    )
    CaseEvent.objects.create(
        case=case, actor=actor, kind=CaseEvent.Kind.ASSESSMENT, related_id=assessment.pk
    )
    _save(case)
    audit.record(
        "case_assessment_recorded",
        actor=actor,
        obj=case,
        resident=case.resident_id,
        assessment=assessment.pk,
    )
    return assessment


_STEPS = {
    Action.ASSESS: _assess,
    Action.ASSIGN: _assign,
    Action.TAKE: _take,
    Action.ATTEMPT: _attempt,
    Action.NOTE: _note,
    Action.CONSENT: _consent,
    Action.CONTACT: _move,
    Action.START: _move,
    Action.REFER: _refer,
    Action.REFER_AGAIN: _refer_again,
    Action.REFERRAL_UPDATE: lambda actor, case, action, **params: referral_steps.move(
        actor, case, **params
    ),
    Action.REFERRAL_FOLLOW_UP: lambda actor, case, action, **params: referral_steps.follow_up(
        actor, case, **params
    ),
    Action.CLOSE: _close,
    Action.REOPEN: _reopen,
    Action.CLOSE_FOR_ERASURE: _close_for_erasure,
}


@transaction.atomic
def perform(*, actor: User, case: Case, action: str, **params):
    """Perform one action on a case, if the gate allows it (else PermissionDenied or
    TransitionError with the Dutch reason; nothing is written)."""
    if action not in _STEPS:
        raise TransitionError(_("Deze handeling bestaat niet."))
    # Lock the row and read its state afresh: retention may be erasing this very case, or
    # a colleague may have moved it, in another process.
    locked = Case.objects.select_for_update().filter(pk=case.pk)
    fresh = locked.values(
        "state", "outcome", "closed_at", "personal_data_erased_at", "urgent", "first_contact_at"
    ).first()
    if fresh is None:
        raise TransitionError(_("Dit traject bestaat niet meer."))
    for name, value in fresh.items():
        setattr(case, name, value)
    check(case, actor, action)
    check_params(case, action, params)
    return _STEPS[action](actor, case, action=action, **params)


# --- Short forms ------------------------------------------------------------------------------


def assign_case(*, actor: User, case: Case, caseworker: User) -> Case:
    """Give a case to a caseworker of the same municipality."""
    return perform(actor=actor, case=case, action=Action.ASSIGN, caseworker=caseworker)


def take_case(*, actor: User, case: Case) -> Case:
    """The caseworker takes an unassigned case of their own team."""
    return perform(actor=actor, case=case, action=Action.TAKE)


def log_attempt(*, actor: User, case: Case, method: str, reached: bool, note: str = ""):
    """A contact attempt. The first one moves an assigned case to 'contacting'."""
    return perform(
        actor=actor, case=case, action=Action.ATTEMPT, method=method, reached=reached, note=note
    )


def add_note(*, actor: User, case: Case, text: str) -> CaseEvent:
    return perform(actor=actor, case=case, action=Action.NOTE, text=text)


def record_consent(*, actor: User, case: Case, scope: str, how: str, given_at=None):
    """The person's consent: to what, given how, when. Needed for every step after contact."""
    return perform(
        actor=actor, case=case, action=Action.CONSENT, scope=scope, how=how, given_at=given_at
    )


def move_case(*, actor: User, case: Case, target: str, note: str = "", **params) -> Case:
    """A move through the workflow to ``target``, as the action that moves there (assigning
    needs ``caseworker``, closing ``outcome``)."""
    action = ACTION_FOR_TARGET.get(target)
    if action is None:
        raise TransitionError(_("Een traject kan niet terug naar 'Nieuw'."))
    perform(actor=actor, case=case, action=action, note=note, **params)
    return case


def close_case(*, actor: User, case: Case, outcome: str, note: str = "") -> Case:
    return perform(actor=actor, case=case, action=Action.CLOSE, outcome=outcome, note=note)


def reopen_case(*, actor: User, case: Case, note: str = "") -> Case:
    return perform(actor=actor, case=case, action=Action.REOPEN, note=note)


def record_case_assessment(
    *, actor: User, case: Case, instrument: str, answers: dict, taken_on=None
) -> Assessment:
    """An assessment taken within a case (needs the person's consent)."""
    return perform(
        actor=actor,
        case=case,
        action=Action.ASSESS,
        instrument=instrument,
        answers=answers,
        taken_on=taken_on,
    )


def close_for_erasure(*, actor: User, case: Case) -> Case:
    return perform(actor=actor, case=case, action=Action.CLOSE_FOR_ERASURE)
