"""The case workflow: states, the one table of allowed moves, and close outcomes.

    new -> assigned -> contacting -> in_progress -> referred -> closed
              \\______________\\______________\\_____________-> closed
    closed -> reopened -> in_progress

``Case.move_to`` is the only way a state changes; it consults this table.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseState(models.TextChoices):
    NEW = "new", _("Nieuw")
    ASSIGNED = "assigned", _("Toegewezen")
    CONTACTING = "contacting", _("Contact zoeken")
    IN_PROGRESS = "in_progress", _("In behandeling")
    REFERRED = "referred", _("Doorverwezen")
    CLOSED = "closed", _("Afgesloten")
    REOPENED = "reopened", _("Heropend")


class Outcome(models.TextChoices):
    SUPPORTED = "supported", _("Ondersteund")
    REFERRED = "referred", _("Doorverwezen")
    DECLINED = "declined", _("Wil geen contact")
    UNREACHABLE = "unreachable", _("Niet bereikbaar")
    ALREADY_IN_CARE = "already_in_care", _("Al in zorg of begeleiding")
    NO_CONCERN = "no_concern", _("Geen zorgen")
    MOVED_OR_DECEASED = "moved_or_deceased", _("Verhuisd of overleden")
    DUPLICATE = "duplicate", _("Dubbele melding")


S = CaseState
#: The allowed moves. Nothing else may change a case's state.
TRANSITIONS: dict[str, frozenset[str]] = {
    S.NEW: frozenset({S.ASSIGNED}),
    S.ASSIGNED: frozenset({S.CONTACTING, S.CLOSED}),
    S.CONTACTING: frozenset({S.IN_PROGRESS, S.CLOSED}),
    S.IN_PROGRESS: frozenset({S.REFERRED, S.CLOSED}),
    S.REFERRED: frozenset({S.CLOSED}),
    S.CLOSED: frozenset({S.REOPENED}),
    S.REOPENED: frozenset({S.IN_PROGRESS}),
}
#: States in which a case counts as open (not closed).
OPEN_STATES = frozenset(set(S.values) - {S.CLOSED})


class PublicStatus(models.TextChoices):
    """What a reporter sees: never more than this."""

    RECEIVED = "received", _("Ontvangen")
    IN_TREATMENT = "in_treatment", _("In behandeling")
    CLOSED = "closed", _("Afgerond")


class TransitionError(ValueError):
    """A move the workflow table does not allow, or a close without what it needs."""


def allowed_moves(state: str) -> frozenset[str]:
    return TRANSITIONS.get(state, frozenset())


def check_move(state: str, target: str) -> None:
    if target not in allowed_moves(state):
        raise TransitionError(
            _("Een traject kan niet van '%(from)s' naar '%(to)s'.")
            % {"from": CaseState(state).label, "to": CaseState(target).label}
        )


def public_status(state: str) -> str:
    if state == S.NEW:
        return PublicStatus.RECEIVED
    if state == S.CLOSED:
        return PublicStatus.CLOSED
    return PublicStatus.IN_TREATMENT
