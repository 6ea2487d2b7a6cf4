"""Reads for the risk map: the districts' inputs, the measured figures that apply to them and
the counts from Omzien's own records, each in a fixed number of queries for the whole
municipality (never one per district).

Only aggregates leave this module: key figures of areas, published or surveyed shares, and
counts per district. The pages call these after ``require(user, <riskmap action>, m)``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from omzien.core import extensions
from omzien.core.models import District, Municipality
from omzien.riskmap.estimate import Measured
from omzien.riskmap.models import AreaFigure, Source

#: The year of the CBS key figures shipped in District.key_figures (core/data).
REFERENCE_YEAR = 2024
#: The loneliness indicators the map shows, as stored in AreaFigure.indicator, by measure.
MEASURED_INDICATORS = {"eenzaam": "eenzaam", "ernstig": "ernstig_eenzaam"}
#: RIVM's age group "18 jaar of ouder" (a table without an age dimension has "").
ADULTS = ("20300", "")
#: Other names of the same key figure (the KWB importer's name -> the estimate's name).
ALIASES = {"pct_eenpersoonshuishoudens": "pct_eenpersoonshhd"}
#: Which measured source wins where both exist (first wins); docs/riskmap.md says why.
SOURCE_ORDER = (Source.OWN_SURVEY, Source.RIVM)


@dataclass(frozen=True)
class DistrictInputs:
    """A district with the key figures used for its year (``figures_year``)."""

    id: int
    code: str
    name: str
    figures: dict
    figures_year: int


def district_inputs(municipality: Municipality, year: int) -> list[DistrictInputs]:
    """The municipality's districts with their key figures: the shipped CBS 2024 figures,
    overlaid by the CBS Kerncijfers of ``year`` where those were imported. A suppressed
    imported figure makes the key figure unknown (None), never 0."""
    districts = list(
        District.objects.filter(municipality=municipality)
        .order_by("code")
        .values("id", "code", "name", "inhabitants", "households", "pct_65plus", "key_figures")
    )
    overlay: dict[str, dict] = {}
    if year != REFERENCE_YEAR:
        rows = AreaFigure.objects.filter(
            source=Source.CBS_KWB,
            year=year,
            municipality=None,
            area_code__in=[d["code"] for d in districts],
        ).values_list("area_code", "indicator", "value")
        for code, indicator, value in rows:
            overlay.setdefault(code, {})[ALIASES.get(indicator, indicator)] = value
    result = []
    for row in districts:
        figures = {ALIASES.get(k, k): v for k, v in (row["key_figures"] or {}).items()}
        for name, column in (("aantal_inwoners", "inhabitants"), ("huishoudens", "households")):
            figures.setdefault(name, row[column])
        figures.setdefault("pct_65plus", row["pct_65plus"])
        own = overlay.get(row["code"])
        if own:
            figures.update(own)
        result.append(
            DistrictInputs(
                row["id"], row["code"], row["name"], figures, year if own else REFERENCE_YEAR
            )
        )
    return result


def _source_label(source: str, year: int) -> str:
    return f"{Source(source).label} {year}"


def measured_figures(
    municipality: Municipality, codes: list[str], year: int
) -> dict[str, dict[str, Measured]]:
    """``{area_code: {measure: Measured}}``: per district and measure the figure of the first
    source of ``SOURCE_ORDER`` that has one (the municipality's own survey, then RIVM), the
    latest year up to ``year``. Suppressed figures are skipped (the next source or the model
    takes over). One query."""
    rows = (
        AreaFigure.objects.filter(
            Q(source=Source.OWN_SURVEY, municipality=municipality)
            | Q(source=Source.RIVM, municipality=None, age_group__in=ADULTS),
            area_code__in=codes,
            indicator__in=list(MEASURED_INDICATORS.values()),
            year__lte=year,
            value__isnull=False,
        )
        .order_by("-year")
        .values_list("area_code", "indicator", "source", "year", "value", "lower", "upper")
    )
    measure_of = {indicator: measure for measure, indicator in MEASURED_INDICATORS.items()}
    best: dict[tuple[str, str], tuple[tuple[int, int], Measured]] = {}
    for code, indicator, source, row_year, value, lower, upper in rows:
        rank = (SOURCE_ORDER.index(source), -row_year)
        key = (code, measure_of[indicator])
        if key not in best or rank < best[key][0]:
            measured = Measured(value, lower, upper, _source_label(source, row_year))
            best[key] = (rank, measured)
    result: dict[str, dict[str, Measured]] = {}
    for (code, measure), (_rank, measured) in best.items():
        result.setdefault(code, {})[measure] = measured
    return result


def record_counts(
    municipality: Municipality, since: dt.datetime, until: dt.datetime
) -> dict[str, dict[int, int]]:
    """``{figure key: {district_id: n}}`` for every registered district figure (signals,
    residents reached, ...): one aggregate query each for the whole municipality."""
    return {
        figure.key: figure.count(municipality, since, until)
        for figure in extensions.district_figures
    }
