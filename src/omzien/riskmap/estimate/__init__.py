"""Modelled need per area (issue 10): national prevalence table, indirect standardisation and
the precedence of measured figures. Pure Python: imports no Django (see .importlinter)."""

from .precedence import Measured, Shown, choose
from .prevalence import PrevalenceError, PrevalenceTable, latest_prevalence, load_prevalence
from .standardise import Estimate, Figure, estimate

__all__ = [
    "Estimate",
    "Figure",
    "Measured",
    "PrevalenceError",
    "PrevalenceTable",
    "Shown",
    "choose",
    "estimate",
    "latest_prevalence",
    "load_prevalence",
]
