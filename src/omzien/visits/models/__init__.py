"""The home-visit rounds (issue 11): rounds and their addresses, volunteers, visits, settings.

Every model is re-exported here (docs/architecture.md)."""

from omzien.visits.models.configuration import VisitSettings
from omzien.visits.models.rounds import AddressImport, RoundTombstone, VisitAddress, VisitRound
from omzien.visits.models.visits import FollowUp, Outcome, VisitAttempt, VisitReport
from omzien.visits.models.volunteers import Volunteer

__all__ = [
    "AddressImport",
    "FollowUp",
    "Outcome",
    "RoundTombstone",
    "VisitAddress",
    "VisitAttempt",
    "VisitReport",
    "VisitRound",
    "VisitSettings",
    "Volunteer",
]
