"""Modelled need per area by indirect standardisation (pure Python, no Django).

expected share = sum over age groups g of (adults in g x national prevalence of g) / adults,
then times a household factor where the share of single-person households is known:

    a      = single-person households / adults          (share of adults living alone)
    factor = (1 + a (RR - 1)) / (1 + a_nl (RR - 1))

with RR the national relative risk of people living alone against others and a_nl the national
share of adults living alone (rows ``rr_alleenwonend`` and ``aandeel_alleenwonend_nl`` of the
prevalence table). docs/riskmap-model.md explains the method, the band and its limits.

Inputs are the CBS key figures of the area (``District.key_figures`` / municipality key
figures): ``aantal_inwoners``, ``pct_0_15``, ``pct_15_25``, ``pct_25_45``, ``pct_45_65``,
``pct_65plus``, optionally ``pct_75plus``, ``huishoudens`` and ``pct_eenpersoonshhd``. A missing
input is never read as 0: the estimate falls back to fewer groups and lists what was missing.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from .prevalence import MEASURES, PrevalenceTable, Rate

YOUNG_ADULT_FRACTION = 0.7  # 18-24 year olds as a share of the 15-24 band (7 of 10 ages)
Z95 = 1.96
AGE_BANDS = (  # (prevalence key, input column, fraction of that column that is in the group)
    ("18_25", "pct_15_25", YOUNG_ADULT_FRACTION),
    ("25_45", "pct_25_45", 1.0),
    ("45_65", "pct_45_65", 1.0),
    ("65plus", "pct_65plus", 1.0),
)
UNDER_65_KEYS = (("18_25", 7.0), ("25_45", 20.0), ("45_65", 20.0))  # weights: years in band
HOUSEHOLD_INPUTS = ("huishoudens", "pct_eenpersoonshhd")
METHOD_AGE = "leeftijd"
METHOD_AGE_65 = "leeftijd_65"
METHOD_NATIONAL = "landelijk"


@dataclass(frozen=True)
class Figure:
    """One modelled figure: share of adults (%) and count, each with a plausible band."""

    share_pct: float
    lower_pct: float
    upper_pct: float
    count: float | None
    lower_count: float | None
    upper_count: float | None


@dataclass(frozen=True)
class Estimate:
    eenzaam: Figure
    ernstig: Figure
    adults: float | None
    method: str
    inputs_used: tuple[str, ...]
    inputs_missing: tuple[str, ...]
    household_factors: tuple[float, float] | None  # (eenzaam, ernstig); None: not applied
    year: int
    kind: str = "model"
    source: str = ""  # the prevalence table's source, named with its year on the pages

    def figure(self, measure: str) -> Figure:
        return self.eenzaam if measure == "eenzaam" else self.ernstig


@dataclass(frozen=True)
class _Group:
    key: str | None  # prevalence row; None: the under-65 mix of UNDER_65_KEYS
    share_pct: float  # percent of inhabitants


def _value(figures: Mapping[str, object], name: str) -> float | None:
    value = figures.get(name)
    if value is None or isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _age_groups(figures: Mapping[str, object], table: PrevalenceTable, band: str | None):
    """(groups, method, used, missing) for the age composition, with fallbacks."""
    bands = [b for b in AGE_BANDS if band is None or b[0] == band]
    values = {column: _value(figures, column) for _, column, _ in bands}
    missing = [column for column, value in values.items() if value is None]
    if not missing:
        groups = [_Group(key, values[col] * frac) for key, col, frac in bands]  # type: ignore[operator]
        groups = _split_75(groups, figures, table)
        used = [col for _, col, _ in bands] + (["pct_75plus"] if len(groups) > len(bands) else [])
        return groups, METHOD_AGE, used, missing
    if band is None:
        under_0_15, over_65 = _value(figures, "pct_0_15"), _value(figures, "pct_65plus")
        if under_0_15 is not None and over_65 is not None:
            young = _value(figures, "pct_15_25")
            minors_15_17 = (1 - YOUNG_ADULT_FRACTION) * young if young is not None else 0.0
            under_65 = max(0.0, 100.0 - under_0_15 - over_65 - minors_15_17)
            used = ["pct_0_15", "pct_65plus"] + (["pct_15_25"] if young is not None else [])
            return [_Group(None, under_65), _Group("65plus", over_65)], METHOD_AGE_65, used, missing
    return [], METHOD_NATIONAL, [], missing


def _split_75(groups: list[_Group], figures: Mapping[str, object], table: PrevalenceTable):
    """Split 65+ into 65-75 and 75+ where pct_75plus is known and the table has both rows."""
    over_75 = _value(figures, "pct_75plus")
    if over_75 is None or not (table.has("65_75") and table.has("75plus")):
        return groups
    out = [g for g in groups if g.key != "65plus"]
    over_65 = next((g.share_pct for g in groups if g.key == "65plus"), None)
    if over_65 is None or over_75 > over_65:
        return groups
    return [*out, _Group("65_75", over_65 - over_75), _Group("75plus", over_75)]


def _group_rate(group: _Group, table: PrevalenceTable, measure: str) -> Rate:
    if group.key is not None:
        return table.rate(group.key, measure)
    total = sum(weight for _, weight in UNDER_65_KEYS)
    parts = [(table.rate(key, measure), weight / total) for key, weight in UNDER_65_KEYS]
    return Rate(
        sum(r.value * w for r, w in parts),
        sum(r.lower * w for r, w in parts),
        sum(r.upper * w for r, w in parts),
    )


def _mix(groups: list[_Group], table: PrevalenceTable, measure: str) -> Rate:
    """The adult prevalence (%) expected from the groups' national rates."""
    if not groups or sum(g.share_pct for g in groups) <= 0:
        return table.rate("18plus", measure)
    total = sum(g.share_pct for g in groups)
    rates = [(_group_rate(g, table, measure), g.share_pct / total) for g in groups]
    return Rate(
        sum(r.value * w for r, w in rates),
        sum(r.lower * w for r, w in rates),
        sum(r.upper * w for r, w in rates),
    )


def _household_factors(figures, adults, table: PrevalenceTable, measure: str):
    """(factor, lowest, highest) or None without the household inputs."""
    households = _value(figures, "huishoudens")
    single_pct = _value(figures, "pct_eenpersoonshhd")
    if households is None or single_pct is None or not adults:
        return None
    alone = min(1.0, single_pct / 100.0 * households / adults)
    rr = table.rate("rr_alleenwonend", measure)
    nl = table.rate("aandeel_alleenwonend_nl", measure)

    def factor(risk: float, national_pct: float) -> float:
        return (1 + alone * (risk - 1)) / (1 + national_pct / 100.0 * (risk - 1))

    options = [factor(r, n) for r in (rr.lower, rr.upper) for n in (nl.lower, nl.upper)]
    return factor(rr.value, nl.value), min(options), max(options)


def _binomial(adults: float, pct: float, side: int) -> float:
    p = min(max(pct / 100.0, 0.0), 1.0)
    count = adults * p + side * Z95 * math.sqrt(adults * p * (1 - p))
    return min(max(count, 0.0), adults)


def _figure(rate: Rate, adults: float | None) -> Figure:
    share = min(rate.value, 100.0)
    lower, upper = min(rate.lower, 100.0), min(rate.upper, 100.0)
    if adults is None:
        return Figure(share, lower, upper, None, None, None)
    if adults <= 0:
        return Figure(share, lower, upper, 0.0, 0.0, 0.0)
    low_count, high_count = _binomial(adults, lower, -1), _binomial(adults, upper, +1)
    return Figure(
        share,
        100.0 * low_count / adults,
        100.0 * high_count / adults,
        adults * share / 100.0,
        low_count,
        high_count,
    )


def _all_adults(figures: Mapping[str, object], table: PrevalenceTable, inhabitants):
    """All adults of the area (for the share living alone, also when one band is modelled)."""
    groups = _age_groups(figures, table, None)[0]
    if inhabitants is None or not groups:
        return None
    return inhabitants * sum(g.share_pct for g in groups) / 100.0


def estimate(
    figures: Mapping[str, object], table: PrevalenceTable, band: str | None = None
) -> Estimate:
    """The modelled lonely and severely lonely adults of one area (``band``: one age band only,
    e.g. "18_25" for the young adults of the model-error tool)."""
    groups, method, used, missing = _age_groups(figures, table, band)
    inhabitants = _value(figures, "aantal_inwoners")
    if inhabitants is None:
        missing.append("aantal_inwoners")
        adults = None
    elif groups:
        adults = inhabitants * sum(g.share_pct for g in groups) / 100.0
        used.append("aantal_inwoners")
    else:
        adults = inhabitants * table.rate("aandeel_volwassenen_nl", "eenzaam").value / 100.0
        used.append("aantal_inwoners")
    all_adults = adults if band is None else _all_adults(figures, table, inhabitants)
    results, factors_used = {}, []
    for measure in MEASURES:
        rate = _mix(groups, table, measure)
        factors = _household_factors(figures, all_adults, table, measure)
        if factors is not None:
            central, lowest, highest = factors
            rate = Rate(rate.value * central, rate.lower * lowest, rate.upper * highest)
            factors_used.append(central)
        results[measure] = _figure(rate, adults)
    if factors_used:
        used.extend(HOUSEHOLD_INPUTS)
    else:
        missing.extend(name for name in HOUSEHOLD_INPUTS if _value(figures, name) is None)
    return Estimate(
        eenzaam=results["eenzaam"],
        ernstig=results["ernstig"],
        adults=adults,
        method=method,
        inputs_used=tuple(used),
        inputs_missing=tuple(dict.fromkeys(missing)),
        household_factors=(factors_used[0], factors_used[1]) if factors_used else None,
        year=table.year,
        source=table.source,
    )
