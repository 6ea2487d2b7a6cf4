"""Measured figures before modelled ones (pure Python, no Django).

A measured figure (RIVM small-area estimate or the municipality's own survey) is shown with its
95% margins and its source whenever it exists; the model fills in only where nothing is
measured, and is then marked as a model with the inputs it used.
"""

from __future__ import annotations

from dataclasses import dataclass

from .standardise import Estimate

KIND_MEASURED = "gemeten"
KIND_MODEL = "model"


@dataclass(frozen=True)
class Measured:
    """A measured share of adults (%) with its 95% margins (None where not published)."""

    value_pct: float
    lower_pct: float | None
    upper_pct: float | None
    source: str


@dataclass(frozen=True)
class Shown:
    """The figure a page shows for one measure, whichever kind it is."""

    kind: str  # KIND_MEASURED or KIND_MODEL
    share_pct: float
    lower_pct: float | None
    upper_pct: float | None
    count: float | None
    lower_count: float | None
    upper_count: float | None
    source: str
    inputs_used: tuple[str, ...] = ()
    inputs_missing: tuple[str, ...] = ()


def _count(adults: float | None, pct: float | None) -> float | None:
    if adults is None or pct is None:
        return None
    return adults * pct / 100.0


def model_source(year: int, source: str) -> str:
    """How a modelled figure names its inputs: the prevalence table's year and source."""
    text = f"Model: indirecte standaardisatie met de landelijke prevalentietabel {year}"
    return f"{text} ({source})" if source else text


def choose(measure: str, modelled: Estimate | None, measured: Measured | None) -> Shown | None:
    """The measured figure when present, else the model's; None when there is neither."""
    adults = modelled.adults if modelled is not None else None
    if measured is not None:
        return Shown(
            kind=KIND_MEASURED,
            share_pct=measured.value_pct,
            lower_pct=measured.lower_pct,
            upper_pct=measured.upper_pct,
            count=_count(adults, measured.value_pct),
            lower_count=_count(adults, measured.lower_pct),
            upper_count=_count(adults, measured.upper_pct),
            source=measured.source,
        )
    if modelled is None:
        return None
    figure = modelled.figure(measure)
    return Shown(
        kind=KIND_MODEL,
        share_pct=figure.share_pct,
        lower_pct=figure.lower_pct,
        upper_pct=figure.upper_pct,
        count=figure.count,
        lower_count=figure.lower_count,
        upper_count=figure.upper_count,
        source=model_source(modelled.year, modelled.source),
        inputs_used=modelled.inputs_used,
        inputs_missing=modelled.inputs_missing,
    )
