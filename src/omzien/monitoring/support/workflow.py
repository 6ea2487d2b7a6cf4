"""The support request workflow: states, and the one table of allowed moves.

    new -> assigned -> in_progress -> closed
     \\________\\____________\\______-> declined

``assign`` also gives a request in hand to another team member (its state stays). Nothing
else changes a request's state: ``services.move`` asks ``target_of`` first.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class SupportState(models.TextChoices):
    NEW = "new", gettext_lazy("Nieuw")
    ASSIGNED = "assigned", gettext_lazy("Toegewezen")
    IN_PROGRESS = "in_progress", gettext_lazy("In behandeling")
    CLOSED = "closed", gettext_lazy("Afgerond")
    DECLINED = "declined", gettext_lazy("Afgewezen")


class SupportAction(models.TextChoices):
    ASSIGN = "assign", gettext_lazy("Toewijzen")
    START = "start", gettext_lazy("In behandeling nemen")
    CLOSE = "close", gettext_lazy("Afronden")
    DECLINE = "decline", gettext_lazy("Afwijzen")


S, A = SupportState, SupportAction
#: action -> {from state: to state}. Nothing else may change a request's state.
MOVES: dict[str, dict[str, str]] = {
    A.ASSIGN: {S.NEW: S.ASSIGNED, S.ASSIGNED: S.ASSIGNED, S.IN_PROGRESS: S.IN_PROGRESS},
    A.START: {S.ASSIGNED: S.IN_PROGRESS},
    A.CLOSE: {S.IN_PROGRESS: S.CLOSED},
    A.DECLINE: {S.NEW: S.DECLINED, S.ASSIGNED: S.DECLINED, S.IN_PROGRESS: S.DECLINED},
}
#: States in which the programme still has work to do.
OPEN_STATES = frozenset({S.NEW, S.ASSIGNED, S.IN_PROGRESS})
#: Actions that need a note: what was done (close), the reason (decline).
NEEDS_NOTE = frozenset({A.CLOSE, A.DECLINE})


class MoveError(ValueError):
    """A move the table does not allow, or one without what it needs."""


def actions_from(state: str) -> list[str]:
    """The actions allowed from ``state``, in the table's order."""
    return [action for action, moves in MOVES.items() if state in moves]


def target_of(state: str, action: str) -> str:
    """The state ``action`` leads to from ``state``; MoveError (Dutch) if it may not."""
    moves = MOVES.get(action)
    if moves is None:
        raise MoveError(_("Deze stap bestaat niet."))
    if state not in moves:
        raise MoveError(
            _("'%(action)s' kan niet bij een vraag die op '%(state)s' staat.")
            % {"action": SupportAction(action).label, "state": SupportState(state).label}
        )
    return moves[state]
