"""How far off is the riskmap model? Compare it with measured figures per municipality.

A developer tool, not part of the product: it reads ../shared/data (outside the repository),
so it is not run by the tests or by `make run`. Its output goes into docs/riskmap-model.md.

The only measured per-municipality loneliness figures at hand are the GGD young adults monitor
2024 (50140NED, ages 16-25, a 6-item scale with "enigszins tot sterk" and "sterk eenzaam").
The model is therefore run for the 18-25 band only (national band prevalence times the
household factor from the municipality's share of single-person households, CBS KWB 2024).

    .venv/bin/python tools/riskmap_model_error.py [--shared ../shared/data] [--year 2022]
"""

from __future__ import annotations

import argparse
import csv
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from omzien.riskmap.estimate import estimate, load_prevalence  # noqa: E402

TEXT_COLUMNS = ("gemeentecode", "gemeentenaam")
PAIRS = (("eenzaam", "eenzaam_pct"), ("ernstig", "sterk_eenzaam_pct"))


def _number(text: str) -> float | None:
    return float(text) if text.strip() else None


def _key_figures(path: Path) -> dict[str, dict[str, float | None]]:
    with path.open(encoding="utf-8") as handle:
        return {
            row["gemeentecode"]: {
                k: _number(v) for k, v in row.items() if k not in ("gemeentecode", "gemeentenaam")
            }
            for row in csv.DictReader(handle)
            if row["gemeentecode"].startswith("GM")
        }


def _pearson(xs: list[float], ys: list[float]) -> float:
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    return sxy / math.sqrt(sxx * syy) if sxx and syy else float("nan")


def _report(name: str, model: list[float], measured: list[float]) -> None:
    n = len(model)
    bias = sum(m - o for m, o in zip(model, measured, strict=True)) / n
    mae = sum(abs(m - o) for m, o in zip(model, measured, strict=True)) / n
    mae_centred = sum(abs(m - bias - o) for m, o in zip(model, measured, strict=True)) / n
    mean = sum(measured) / n
    mae_flat = sum(abs(mean - o) for o in measured) / n
    print(
        f"{name}: n={n}  mean measured={mean:.1f}  mean model={sum(model) / n:.1f}  "
        f"bias={bias:+.1f} pp  MAE={mae:.1f} pp  MAE after removing bias={mae_centred:.1f} pp  "
        f"MAE of one national mean={mae_flat:.1f} pp  r={_pearson(model, measured):.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--year", type=int, default=2022, help="prevalence table year")
    args = parser.parse_args()
    table = load_prevalence(args.year)
    figures = _key_figures(args.shared / "kwb_gemeenten_2024.csv")
    pairs: dict[str, tuple[list[float], list[float]]] = {m: ([], []) for m, _ in PAIRS}
    skipped = 0
    with (args.shared / "eenzaamheid_jongvolwassenen_2024_gemeente.csv").open() as handle:
        for row in csv.DictReader(handle):
            code = row["regiocode"]
            if row["regiotype"] != "gemeente" or code not in figures:
                continue
            result = estimate(figures[code], table, band="18_25")
            if result.household_factors is None or not row["eenzaam_pct"].strip():
                skipped += 1
                continue
            for measure, column in PAIRS:
                pairs[measure][0].append(result.figure(measure).share_pct)
                pairs[measure][1].append(float(row[column]))
    print(
        f"prevalence table {table.year}; municipalities skipped (suppressed or no inputs): "
        f"{skipped}"
    )
    for measure, (model, measured) in pairs.items():
        _report(measure, model, measured)


if __name__ == "__main__":
    main()
