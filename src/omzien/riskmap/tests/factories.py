"""Test helpers for the risk map: a prevalence table of round national figures, so that the
expected estimates in the tests can be worked out by hand, and one age composition."""

from __future__ import annotations

import csv

from omzien.riskmap import indicators
from omzien.riskmap.estimate import load_prevalence
from omzien.riskmap.estimate.prevalence import COLUMNS

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


def use_round_prevalence(tmp_path, monkeypatch):
    """Write ``ROWS`` as the prevalence table of 2099 and make the indicators use it."""
    path = tmp_path / "prevalence_2099.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for key, unit, lonely, severe in ROWS:
            spread = 0.1 if unit == "ratio" else 1
            writer.writerow([key, key, unit, lonely, lonely - spread, lonely + spread,
                             severe, severe - spread, severe + spread, "afgeleid"])  # fmt: skip
    table = load_prevalence(2099, tmp_path)
    monkeypatch.setattr(indicators, "latest_prevalence", lambda year: table)
    return table


def give_ages(districts) -> None:
    """Every district its inhabitants and the ``AGES`` composition as key figures."""
    for district in districts:
        district.key_figures = {"aantal_inwoners": district.inhabitants, **AGES}
        district.save()
