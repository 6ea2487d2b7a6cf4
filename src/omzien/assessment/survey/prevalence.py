"""Weighted prevalence: the indicators of a scale and the SQL of the per-area estimates."""

# DuckDB/SQL text is built from validated identifiers only, never from user values.
# ruff: noqa: S608

from __future__ import annotations

from collections.abc import Mapping, Sequence

from omzien.assessment.scales import DeJongGierveldRules
from omzien.assessment.survey.base import Z_95, Indicator
from omzien.assessment.survey.sql import _ident

SEVERE_COLUMN_PREFIX: Mapping[str, str] = {"djg11": "ernstig_eenzaam", "djg6": "sterk_eenzaam"}
"""The output columns of the severe category: (zeer) ernstig eenzaam (total 9+) for the
11-item scale, sterk eenzaam (total 5+) for the 6-item scale."""


def indicators_for(rules: DeJongGierveldRules) -> tuple[Indicator, ...]:
    """The four prevalence indicators of a De Jong Gierveld version, from its rules."""
    severe = SEVERE_COLUMN_PREFIX[rules.key]
    subscale = rules.subscale_lonely_threshold
    return (
        Indicator("eenzaam", "eenzaam", "total", rules.lonely_threshold),
        Indicator(severe, rules.severe_label, "total", rules.severe_threshold),
        Indicator("emotioneel_eenzaam", "emotioneel eenzaam", "emotional", subscale),
        Indicator("sociaal_eenzaam", "sociaal eenzaam", "social", subscale),
    )


def _estimates_sql(indicators: Sequence[Indicator], by: Sequence[str], min_respondents: int) -> str:
    """One row per area and, last, the overall row (``__overall``): percentages with 95% Wald
    intervals on the Kish effective sample size, from the sums in the ``aggregates`` table."""
    sums = ["respondents", *(f"sw_{s}" for s in ("total", "emotional", "social"))]
    sums += [f"sw2_{s}" for s in ("total", "emotional", "social")]
    sums += [f"sw_{indicator.name}" for indicator in indicators]
    overall = ", ".join(
        f"CAST(sum({c}) AS {'BIGINT' if c == 'respondents' else 'DOUBLE'}) AS {c}" for c in sums
    )
    shares = []
    for indicator in indicators:
        name, score = indicator.name, indicator.score
        shares += [
            f"coalesce(sw_{name}, 0) / sw_{score} AS p_{name}",
            f"sw_{score} * sw_{score} / sw2_{score} AS n_{name}",
            f"NOT suppressed AND sw_{score} > 0 AS shown_{name}",
        ]
    columns = [*(f"__by{i} AS {_ident(column)}" for i, column in enumerate(by))]
    columns += ["respondents", "effective_n", "suppressed"]
    for indicator in indicators:
        name = indicator.name
        half = f"{Z_95} * sqrt(p_{name} * (1 - p_{name}) / n_{name})"
        columns += [
            f"CASE WHEN shown_{name} THEN 100 * p_{name} END AS {name}_pct",
            f"CASE WHEN shown_{name} THEN 100 * greatest(0, p_{name} - {half}) END "
            f"AS {name}_ci_low",
            f"CASE WHEN shown_{name} THEN 100 * least(1, p_{name} + {half}) END AS {name}_ci_high",
        ]
    order = ", ".join(["__overall", *(f"__by{i} NULLS LAST" for i in range(len(by)))])
    return f"""
        WITH sums AS (
            SELECT *, false AS __overall FROM aggregates
            UNION ALL BY NAME
            SELECT {overall}, true AS __overall FROM aggregates
        ), shares AS (
            SELECT *,
                CASE WHEN sw2_total > 0 THEN sw_total * sw_total / sw2_total END AS effective_n,
                respondents < {int(min_respondents)} AS suppressed
            FROM sums
        )
        SELECT {", ".join(columns)}, __overall
        FROM (SELECT *, {", ".join(shares)} FROM shares)
        ORDER BY {order}
    """
