"""Test helpers for the risk map: a prevalence table of round national figures, so that the
expected estimates in the tests can be worked out by hand, and one age composition."""

from __future__ import annotations

from omzien.riskmap import prevalence
from omzien.riskmap.models import Basis, PrevalenceRate, PrevalenceYear

#: (key, unit, lonely %, severely lonely %); each figure +/- 1 point (0.1 for a ratio).
ROWS = [
    ("18plus", "pct", 40, 10),
    ("18_25", "pct", 50, 20),
    ("25_45", "pct", 40, 10),
    ("45_65", "pct", 30, 10),
    ("65plus", "pct", 60, 20),
    ("rr_alleenwonend", "ratio", 2.0, 2.0),
    ("aandeel_alleenwonend_nl", "pct", 20, 20),
    ("aandeel_volwassenen_nl", "pct", 80, 80),
]
#: The age composition every test district gets (shares in %).
AGES = {"pct_0_15": 15, "pct_15_25": 10, "pct_25_45": 30, "pct_45_65": 25, "pct_65plus": 20}


#: The year of the round table: before every seeded year, so it is used for every year.
ROUND_YEAR = 2000


def round_rates(table: PrevalenceYear, rows=ROWS) -> list[PrevalenceRate]:
    """``rows`` as rows of ``table``, each figure +/- 1 point (0.1 for a ratio)."""
    rates = []
    for key, unit, lonely, severe in rows:
        spread = 0.1 if unit == "ratio" else 1
        rates.append(
            PrevalenceRate(
                table=table, key=key, basis=Basis.DERIVED, source="Ronde testcijfers",
                eenzaam=lonely, eenzaam_lower=lonely - spread, eenzaam_upper=lonely + spread,
                ernstig=severe, ernstig_lower=severe - spread, ernstig_upper=severe + spread,
            )
        )  # fmt: skip
    return PrevalenceRate.objects.bulk_create(rates)


def use_round_prevalence():
    """Make ``ROWS`` the only national prevalence table in the database (year ``ROUND_YEAR``,
    so the model uses it for every year) and return it as the model reads it."""
    PrevalenceYear.objects.all().delete()
    table = PrevalenceYear.objects.create(year=ROUND_YEAR, source="Ronde testcijfers")
    round_rates(table)
    return prevalence.table_for(ROUND_YEAR)


def give_ages(districts) -> None:
    """Every district its inhabitants and the ``AGES`` composition as key figures."""
    for district in districts:
        district.key_figures = {"aantal_inwoners": district.inhabitants, **AGES}
        district.save()
