"""The one gate for what may happen to a case: which actions a user may take on it now.

``workflow.py`` holds the table of allowed state moves; this module adds every other rule
(the actor's role, consent before a step after first contact, assignment before contact
attempts, reopening only while the data is not erased) in one place. ``available_actions``
answers for every action at once (the case page's buttons); ``check`` answers for one and
raises. ``services.perform`` is the one entry that performs an action, and it always calls
``check`` first, so what the page offers, what the API allows and what privacy does to a case
can never disagree.

Rules that depend on what the user typed (which caseworker, which outcome and the attempts
that outcome needs) are checked by ``check_params``, also called by ``services.perform``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from omzien.core.scoping import can, require, roles_in
from omzien.signalling.cases.workflow import CaseState, Outcome, TransitionError, allowed_moves
from omzien.signalling.settings import settings_of


class Action(models.TextChoices):
    """Everything a user can do to a case."""

    ASSIGN = "assign", gettext_lazy("Toewijzen")
    TAKE = "take", gettext_lazy("Zelf oppakken")
    ATTEMPT = "attempt", gettext_lazy("Contactpoging vastleggen")
    NOTE = "note", gettext_lazy("Gesprek vastleggen")
    CONSENT = "consent", gettext_lazy("Toestemming vastleggen")
    CONTACT = "contact", gettext_lazy("Contact zoeken")
    START = "start", gettext_lazy("In behandeling nemen")
    REFER = "refer", gettext_lazy("Doorverwijzen")
    # Issue 9: a second referral of a case already referred (no move), and a referral's
    # later steps and its follow-up (they change the referral, not the case's state).
    REFER_AGAIN = "refer_again", gettext_lazy("Nog een verwijzing")
    REFERRAL_UPDATE = "referral_update", gettext_lazy("Stand van een verwijzing bijwerken")
    REFERRAL_FOLLOW_UP = "referral_follow_up", gettext_lazy("Verwijzing opvolgen")
    CLOSE = "close", gettext_lazy("Afsluiten")
    REOPEN = "reopen", gettext_lazy("Heropenen")
    ASSESS = "assess", gettext_lazy("Meting doen")
    CLOSE_FOR_ERASURE = "close_for_erasure", gettext_lazy("Afsluiten om te wissen")


#: The role (core/roles.py) each action needs.
ROLE_ACTION = {
    Action.ASSIGN: "assign_case",
    Action.CLOSE_FOR_ERASURE: "erase_resident",
}
#: The state an action moves the case to, where it is a move through the table.
TARGET_STATE = {
    Action.CONTACT: CaseState.CONTACTING,
    Action.START: CaseState.IN_PROGRESS,
    Action.REFER: CaseState.REFERRED,
    Action.CLOSE: CaseState.CLOSED,
    Action.REOPEN: CaseState.REOPENED,
}
#: A move through the table by its target state (the case API's ``move``).
ACTION_FOR_TARGET = {
    CaseState.ASSIGNED: Action.ASSIGN,
    **{state: action for action, state in TARGET_STATE.items()},
}
#: The actions that create or change a referral (issue 9; rules on parameters in
#: ``referrals/states.py``).
REFERRAL_ACTIONS = frozenset(
    {Action.REFER, Action.REFER_AGAIN, Action.REFERRAL_UPDATE, Action.REFERRAL_FOLLOW_UP}
)
#: Plain moves of the case page's "Status wijzigen" form.
PLAIN_MOVES = (Action.START, Action.REFER)


@dataclass(frozen=True)
class Verdict:
    """May the user take this action on this case now? If not, ``reason`` says why (Dutch).

    ``shown``: offer it on the case page anyway, because the user can fix the reason first
    (record consent); the refusal then explains itself.
    """

    action: str
    allowed: bool
    reason: str = ""
    shown: bool = False


def has_consent(case) -> bool:
    """Has the person's consent been recorded in this case (the one place that says so)?"""
    from omzien.signalling.models import CaseEvent

    return case.events.filter(kind=CaseEvent.Kind.CONSENT).exists()


def _closed_reason(case) -> str:
    return _("Dit traject is afgesloten. Heropen het eerst.") if not case.is_open else ""


def _erased_reason(case) -> str:
    if case.personal_data_erased_at:
        return _("De gegevens van dit traject zijn gewist; het kan niet meer open.")
    return ""


def _move_reason(case, action: str) -> str:
    target = TARGET_STATE[action]
    if target in allowed_moves(case.state):
        return ""
    return _("Een traject kan niet van '%(from)s' naar '%(to)s'.") % {
        "from": CaseState(case.state).label,
        "to": CaseState(target).label,
    }


def _consent_reason(case) -> str:
    return "" if has_consent(case) else _("Leg eerst de toestemming van de persoon vast.")


def _attempt_reason(case) -> str:
    if case.state == CaseState.NEW:
        return _("Wijs het traject eerst toe.")
    return _closed_reason(case)


def _take_reasons(case) -> list[str]:
    taken = _("Dit traject heeft al een welzijnswerker.") if case.caseworker_id else ""
    return [_closed_reason(case), taken]


def _own_team_reason(case, actor) -> str:
    """A caseworker takes only cases of a team they work in (issue 8)."""
    from omzien.signalling.cases.queue import my_team_ids

    if case.team_id and case.team_id in my_team_ids(actor, case.municipality):
        return ""
    return _("U kunt alleen trajecten van uw eigen team oppakken.")


def _start_reasons(case) -> list[str]:
    # Picking a reopened case up again needs no new consent: the table offers a reopened
    # case no other way forward, and one closed as unreachable may never have had consent.
    needs_consent = case.state != CaseState.REOPENED
    return [_move_reason(case, Action.START), _consent_reason(case) if needs_consent else ""]


def _refer_again_reasons(case) -> list[str]:
    """A case already referred may be referred again, to another initiative, without a move."""
    not_yet = (
        _("Dit traject is nog niet doorverwezen; verwijs eerst met 'Doorverwijzen'.")
        if case.state != CaseState.REFERRED
        else ""
    )
    return [_closed_reason(case), not_yet, _consent_reason(case)]


def _assess_reasons(case) -> list[str]:
    no_resident = _("Bij dit traject hoort geen inwoner meer.") if case.resident_id is None else ""
    return [_closed_reason(case), no_resident, _consent_reason(case)]


#: The rules of each action besides its role, in the order they are explained.
_RULES = {
    Action.ASSIGN: lambda case: [_closed_reason(case)],
    Action.TAKE: _take_reasons,
    Action.ATTEMPT: lambda case: [_attempt_reason(case)],
    Action.NOTE: lambda case: [_erased_reason(case)],
    Action.CONSENT: lambda case: [_closed_reason(case)],
    Action.CONTACT: lambda case: [_move_reason(case, Action.CONTACT)],
    Action.START: _start_reasons,
    Action.REFER: lambda case: [_move_reason(case, Action.REFER), _consent_reason(case)],
    Action.REFER_AGAIN: _refer_again_reasons,
    # What happened with a referral may be recorded after the case closed, until erasure.
    Action.REFERRAL_UPDATE: lambda case: [_erased_reason(case)],
    Action.REFERRAL_FOLLOW_UP: lambda case: [_erased_reason(case)],
    Action.CLOSE: lambda case: [_move_reason(case, Action.CLOSE)],
    Action.REOPEN: lambda case: [_move_reason(case, Action.REOPEN), _erased_reason(case)],
    Action.ASSESS: _assess_reasons,
    Action.CLOSE_FOR_ERASURE: lambda case: [_closed_reason(case)],
}
#: Actions the case page offers while consent is the only thing missing.
_SHOWN_WITHOUT_CONSENT = frozenset({Action.START, Action.REFER, Action.REFER_AGAIN})


def _role_allows(actor, case, action: str) -> bool:
    if action == Action.TAKE:
        return "caseworker" in roles_in(actor, case.municipality) and can(
            actor, "work_case", case.municipality
        )
    if action == Action.ASSESS:
        return can(actor, "work_case", case.municipality) and can(
            actor, "assess_resident", case.municipality
        )
    return can(actor, ROLE_ACTION.get(action, "work_case"), case.municipality)


def verdict(case, actor, action: str) -> Verdict:
    """The verdict on one action (see ``Verdict``)."""
    if not _role_allows(actor, case, action):
        return Verdict(action, False, _("U mag dit niet doen."))
    reasons = [reason for reason in _RULES[Action(action)](case) if reason]
    if action == Action.TAKE and not reasons:
        reasons = [reason for reason in [_own_team_reason(case, actor)] if reason]
    if not reasons:
        return Verdict(action, True, "", True)
    only_consent = reasons == [_("Leg eerst de toestemming van de persoon vast.")]
    return Verdict(action, False, reasons[0], only_consent and action in _SHOWN_WITHOUT_CONSENT)


def available_actions(case, actor) -> dict[str, Verdict]:
    """Every action with its verdict for this actor on this case, now."""
    return {action: verdict(case, actor, action) for action in Action}


def check(case, actor, action: str) -> None:
    """Raise PermissionDenied (role) or TransitionError (a rule, with the Dutch reason)."""
    if not _role_allows(actor, case, action):
        raise PermissionDenied(action)
    # The case must also be visible to the actor under the scoping rules.
    require(actor, ROLE_ACTION.get(action, "work_case"), case)
    result = verdict(case, actor, action)
    if not result.allowed:
        raise TransitionError(result.reason)


@dataclass(frozen=True)
class UnreachableRule:
    """The municipality's rule for closing a case as unreachable, and how far this case is:
    enough attempts without an answer, spread over enough days, by enough routes (issue 8)."""

    attempts: int
    days: int
    routes: int
    attempts_done: int
    days_done: float
    routes_done: tuple[str, ...]

    @property
    def missing(self) -> str:
        """Why 'niet bereikbaar' is not allowed yet (Dutch), or "" when it is."""
        if self.attempts_done < self.attempts:
            return _(
                "'Niet bereikbaar' kan pas na %(n)d contactpogingen zonder gehoor (nu %(done)d)."
            ) % {"n": self.attempts, "done": self.attempts_done}
        if self.days_done < self.days:
            return _(
                "'Niet bereikbaar' kan pas als de pogingen over minstens %(n)d dagen verspreid "
                "zijn. Probeer het later nog eens."
            ) % {"n": self.days}
        if len(self.routes_done) < self.routes:
            return _(
                "'Niet bereikbaar' kan pas na pogingen op minstens %(n)d manieren, bijvoorbeeld "
                "telefoon en een huisbezoek of brief. Nu alleen: %(done)s."
            ) % {"n": self.routes, "done": ", ".join(self.routes_done)}
        return ""


def unreachable_rule(case) -> UnreachableRule:
    from omzien.signalling.models import CaseEvent

    norms = settings_of(case.municipality)
    failed = list(
        case.events.filter(kind=CaseEvent.Kind.ATTEMPT, reached=False).values_list("method", "at")
    )
    times = [at for _method, at in failed]
    span = (max(times) - min(times)).total_seconds() / 86400 if times else 0.0
    labels = {value: label for value, label in CaseEvent.Method.choices}
    routes = tuple(str(labels.get(m, m)).lower() for m in dict.fromkeys(m for m, _at in failed))
    return UnreachableRule(
        attempts=norms.unreachable_attempts,
        days=norms.unreachable_min_days,
        routes=norms.unreachable_min_routes,
        attempts_done=len(failed),
        days_done=span,
        routes_done=routes,
    )


def check_params(case, action: str, params: dict) -> None:
    """The rules that depend on what the user chose: raise TransitionError if one fails."""
    if action == Action.ASSIGN:
        caseworker = params.get("caseworker")
        if caseworker is None:
            raise TransitionError(_("Kies een welzijnswerker."))
        if "caseworker" not in roles_in(caseworker, case.municipality):
            raise TransitionError(_("Deze persoon is geen welzijnswerker in deze gemeente."))
    if action == Action.CLOSE:
        _check_outcome(case, params.get("outcome", ""), params.get("note", ""))
    if action in REFERRAL_ACTIONS:
        from omzien.signalling.referrals import states

        states.check_params(case, action, params)


def _check_outcome(case, outcome: str, note: str) -> None:
    if outcome not in Outcome.values:
        raise TransitionError(_("Kies een uitkomst om het traject af te sluiten."))
    if outcome == Outcome.UNREACHABLE:
        rule = unreachable_rule(case)
        if rule.missing:
            raise TransitionError(rule.missing)
    if case.urgent and case.first_contact_at is None and not note.strip():
        raise TransitionError(
            _(
                "Dit urgente traject sluit zonder dat iemand de persoon heeft gesproken. "
                "Schrijf in de toelichting waarom. De kartrekker krijgt er bericht van."
            )
        )
