"""The referral's own states and the rules on what the caseworker chose (the one gate,
``cases/actions.py: check_params``, calls ``check_params`` here).

    proposed -> accepted -> started -> ended
    proposed -> declined
    accepted -> not_started

Each step has its date: today by default, set back when it happened earlier, never in the
future and never before the step before it.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from omzien.signalling.cases.workflow import TransitionError
from omzien.signalling.models import Referral, ReferralState

R = ReferralState
#: The allowed moves of a referral.
REFERRAL_MOVES: dict[str, tuple[str, ...]] = {
    R.PROPOSED: (R.ACCEPTED, R.DECLINED),
    R.ACCEPTED: (R.STARTED, R.NOT_STARTED),
    R.STARTED: (R.ENDED,),
    R.ENDED: (),
    R.DECLINED: (),
    R.NOT_STARTED: (),
}
#: The date field of each state.
DATE_FIELD = {
    R.PROPOSED: "proposed_on",
    R.ACCEPTED: "accepted_on",
    R.STARTED: "started_on",
    R.ENDED: "ended_on",
    R.DECLINED: "declined_on",
    R.NOT_STARTED: "not_started_on",
}
#: States after which nothing follows: no follow-up is due for a referral that never began.
NEVER_BEGAN = (R.DECLINED, R.NOT_STARTED)


def date_of(referral: Referral, state: str) -> dt.date | None:
    return getattr(referral, DATE_FIELD[state])


def check_date(on: dt.date | None, *, not_before: dt.date | None = None) -> None:
    """A step's date: never in the future, never before the step before it."""
    if on is None:
        return
    if on > timezone.localdate():
        raise TransitionError(_("De datum kan niet in de toekomst liggen."))
    if not_before is not None and on < not_before:
        raise TransitionError(
            _("De datum kan niet voor %(date)s liggen (de vorige stap).")
            % {"date": not_before.strftime("%d-%m-%Y")}
        )


def _referral_of(case, params: dict) -> Referral:
    referral = params.get("referral")
    if referral is None or referral.case_id != case.pk:
        raise TransitionError(_("Deze verwijzing hoort niet bij dit traject."))
    return referral


def _check_proposal(case, params: dict, *, required: bool) -> None:
    initiative = params.get("initiative")
    if initiative is None:
        if required:
            raise TransitionError(_("Kies een initiatief om naar te verwijzen."))
        return
    if initiative.municipality_id != case.municipality_id or initiative.status != "published":
        raise TransitionError(_("Naar dit initiatief kunt u niet verwijzen."))
    check_date(params.get("proposed_on"))


def _check_move(case, params: dict) -> None:
    referral = _referral_of(case, params)
    state = params.get("state", "")
    if state not in REFERRAL_MOVES.get(referral.state, ()):
        raise TransitionError(
            _("Een verwijzing kan niet van '%(from)s' naar '%(to)s'.")
            % {
                "from": ReferralState(referral.state).label,
                "to": ReferralState(state).label if state in R.values else state,
            }
        )
    check_date(params.get("on"), not_before=date_of(referral, referral.state))


def _check_follow_up(case, params: dict) -> None:
    referral = _referral_of(case, params)
    if referral.state in NEVER_BEGAN:
        raise TransitionError(_("Deze verwijzing is niet begonnen; er valt niets op te volgen."))
    if params.get("still_going") is None:
        raise TransitionError(_("Kies of de inwoner er nog heen gaat."))
    check_date(params.get("on"), not_before=referral.proposed_on)


def check_params(case, action: str, params: dict) -> None:
    """The referral actions' rules on what the user chose (raise TransitionError)."""
    from omzien.signalling.cases.actions import Action

    if action == Action.REFER:
        _check_proposal(case, params, required=False)
    elif action == Action.REFER_AGAIN:
        _check_proposal(case, params, required=True)
    elif action == Action.REFERRAL_UPDATE:
        _check_move(case, params)
    elif action == Action.REFERRAL_FOLLOW_UP:
        _check_follow_up(case, params)
