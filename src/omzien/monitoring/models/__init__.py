"""The monitoring app's models (issue 12); every model is re-exported here."""

from omzien.monitoring.models.national import ProgrammeFigure

__all__: list[str] = ["ProgrammeFigure"]
