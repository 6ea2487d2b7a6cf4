"""The monitoring app's models (issue 12); every model is re-exported here."""

from omzien.monitoring.models.knowledge import Approach, ApproachState, LonelinessKind, SizeClass
from omzien.monitoring.models.national import ProgrammeFigure
from omzien.monitoring.models.support import SupportEvent, SupportKind, SupportRequest

__all__ = [
    "Approach",
    "ApproachState",
    "LonelinessKind",
    "ProgrammeFigure",
    "SizeClass",
    "SupportEvent",
    "SupportKind",
    "SupportRequest",
]
