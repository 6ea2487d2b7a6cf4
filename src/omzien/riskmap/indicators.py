"""Indicators per district (issue 10, item 3) for one municipality and year.

Per district: inhabitants, % 65+, % 75+ and % low income where present, % single-person
households, the lonely and severely lonely adults (share and count, with their 95% margins or
model band) and, from Omzien's own records over the last 12 months, the counts of every
registered district figure (core.extensions.district_figures: signals and residents reached
from the signalling point; visits done once the visits app registers its figure).

Lonely and severely lonely: the measured figure where one exists (the municipality's own
survey first, then RIVM; queries.measured_figures), else the model (estimate.standardise),
marked ``gemeten`` or ``model`` with its source (estimate.precedence.choose).
An unknown input stays None, never 0. A fixed number of queries for the whole municipality:
districts, imported key figures (only for a year other than the shipped one), measured
figures, the national prevalence table (riskmap.prevalence, unless the caller passes it), and
one per registered district figure.
docs/riskmap.md describes every indicator.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from omzien.core import extensions
from omzien.core.models import Municipality
from omzien.riskmap import prevalence, queries
from omzien.riskmap.estimate import PrevalenceTable, Shown, choose, estimate

#: The key under which the visits app will register its count (a slot until it does).
VISITS = "visits"


@dataclass(frozen=True)
class DistrictIndicators:
    """The figures of one district. Percentages are of inhabitants (% 65+, % 75+) or of
    households (single-person, low income); None: unknown."""

    district_id: int
    code: str
    name: str
    inhabitants: int | None
    pct_65plus: float | None
    pct_75plus: float | None
    pct_single: float | None
    pct_low_income: float | None
    lonely: Shown | None
    severely_lonely: Shown | None
    records: dict[str, int] = field(default_factory=dict)
    figures_year: int = queries.REFERENCE_YEAR

    def count(self, key: str) -> int | None:
        """A registered own-records count (0 where the district had none); None when no app
        registered ``key`` (e.g. visits before the visits app exists)."""
        return self.records.get(key)

    @property
    def visits(self) -> int | None:
        return self.count(VISITS)


@dataclass(frozen=True)
class Period:
    since: dt.datetime
    until: dt.datetime


def last_twelve_months(until: dt.datetime | None = None) -> Period:
    """From the same moment a year before ``until`` (default now) up to ``until``."""
    until = until or timezone.now()
    try:
        since = until.replace(year=until.year - 1)
    except ValueError:  # 29 February
        since = until.replace(year=until.year - 1, day=28)
    return Period(since, until)


def _number(figures: dict, name: str) -> float | None:
    value = figures.get(name)
    if value is None or isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return value


def record_columns() -> list[tuple[str, str]]:
    """(key, Dutch label) of the registered own-records counts, in order."""
    return [(figure.key, str(figure.label)) for figure in extensions.district_figures]


def district_indicators(
    municipality: Municipality,
    year: int,
    *,
    period: Period | None = None,
    table: PrevalenceTable | None = None,
) -> list[DistrictIndicators]:
    """The indicators of every district of ``municipality`` for ``year`` (key figures and
    measured figures of that year or the latest before it, the prevalence table ``table``,
    default the one of the database for that year or the latest before it), own records over
    ``period`` (default the last 12 months)."""
    period = period or last_twelve_months()
    inputs = queries.district_inputs(municipality, year)
    measured = queries.measured_figures(municipality, [d.code for d in inputs], year)
    counts = queries.record_counts(municipality, period.since, period.until)
    table = table or prevalence.table_for(year)
    result = []
    for district in inputs:
        figures = district.figures
        modelled = estimate(figures, table)
        own = measured.get(district.code, {})
        inhabitants = _number(figures, "aantal_inwoners")
        result.append(
            DistrictIndicators(
                district_id=district.id,
                code=district.code,
                name=district.name,
                inhabitants=int(inhabitants) if inhabitants is not None else None,
                pct_65plus=_number(figures, "pct_65plus"),
                pct_75plus=_number(figures, "pct_75plus"),
                pct_single=_number(figures, "pct_eenpersoonshhd"),
                pct_low_income=_number(figures, "pct_laag_inkomen"),
                lonely=choose("eenzaam", modelled, own.get("eenzaam")),
                severely_lonely=choose("ernstig", modelled, own.get("ernstig")),
                records={key: per.get(district.id, 0) for key, per in counts.items()},
                figures_year=district.figures_year,
            )
        )
    return result
