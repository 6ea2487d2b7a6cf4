"""Benchmark: survey scoring of 540,000 respondents per gemeente and per wijk.

Generates a synthetic GGD-like survey (De Jong Gierveld 11 items, text answers, weights,
342 municipalities, 3,475 districts) as Parquet in a temporary directory (not timed), then
times, each in a fresh subprocess for a clean peak RSS:

* ``omzien``: :func:`omzien.assessment.survey.score_survey`, the function behind
  ``omzien survey score``, end to end from the Parquet file to a Parquet output file;
* ``duckdb``: one hand-written DuckDB query computing the same weighted percentages and
  intervals from the same file into a Parquet file (no answer normalisation or validation);
* ``cli``: the ``omzien survey score`` command as a user runs it, including interpreter start.

Run from the repository root: ``.venv/bin/python bench/survey.py`` (or ``make bench``).
Targets (DESIGN.md): under 2 s end to end, within 1.5x of the DuckDB query, peak RSS < 1 GiB.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"

TARGET_SECONDS = 2.0
TARGET_RATIO = 1.5
TARGET_RSS_BYTES = 1 << 30


# ---------------------------------------------------------------------------------------------
# Data generation (not timed)
# ---------------------------------------------------------------------------------------------


def generate(path: Path, *, respondents: int, municipalities: int, districts: int) -> None:
    """Write a synthetic survey to ``path`` (Parquet), reproducibly.

    Each respondent has a latent loneliness ``g = u ** 2.5`` (most people hardly lonely, a long
    tail), scaled by a municipality effect in 0.75-1.25, that sets the chance of an unfavourable
    answer per item; half of the unfavourable answers are "min of meer". About 1.5% of answers
    are missing. Calibrated to about 47% eenzaam and 12-13% (zeer) ernstig eenzaam, like the
    Gezondheidsmonitor 2020-2022 (DOMAIN.md section 4). District sizes are log-normal, so some
    districts have fewer than 50 respondents (suppressed), as in real surveys.
    """
    import duckdb

    from omzien.assessment.scales import DJG_ITEMS

    con = duckdb.connect()
    con.execute("SET threads = 1")  # reproducible random() with setseed
    con.execute("SELECT setseed(0.42)")
    con.execute(f"""
        CREATE TABLE municipality AS
        SELECT m, 'GM' || lpad(CAST(m + 1 AS VARCHAR), 4, '0') AS gemeente,
               0.75 + 0.5 * random() AS effect
        FROM range({municipalities}) t(m)
    """)
    # Every municipality gets one district; the rest go preferably to the first (larger) ones.
    con.execute(f"""
        CREATE TABLE district AS
        WITH assigned AS (
            SELECT d, CASE WHEN d < {municipalities} THEN d
                           ELSE CAST(floor({municipalities} * pow(random(), 1.5)) AS INTEGER)
                      END AS m,
                   exp(0.9 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())) AS size
            FROM range({districts}) t(d)
        )
        SELECT a.d, a.m, mu.gemeente, mu.effect, a.size,
               'WK' || lpad(CAST(a.m + 1 AS VARCHAR), 4, '0')
                    || lpad(CAST(row_number() OVER (PARTITION BY a.m ORDER BY a.d) - 1
                            AS VARCHAR), 2, '0') AS wijk
        FROM assigned a JOIN municipality mu USING (m)
    """)
    con.execute(f"""
        CREATE TABLE allocation AS
        SELECT d, gemeente, wijk, effect,
               CAST(round({respondents} * sum(size) OVER (ORDER BY d) / sum(size) OVER ())
                    - round({respondents} * (sum(size) OVER (ORDER BY d) - size)
                            / sum(size) OVER ()) AS INTEGER) AS n
        FROM district
    """)
    con.execute("""
        CREATE TABLE person AS
        SELECT gemeente, wijk, effect, pow(random(), 2.5) AS g,
               exp(0.35 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())) AS weight
        FROM allocation, range(n)
    """)
    con.execute("""
        CREATE TABLE latent AS
        SELECT gemeente, wijk, weight,
               least(1, effect * (0.9 * g + 0.02 + 0.25 * random() * g)) AS p_emotional,
               least(1, effect * (0.9 * g + 0.03 + 0.25 * random() * g)) AS p_social
        FROM person
    """)

    def answer(item_positive: bool, p: str) -> str:
        lonely, favourable = ("nee", "ja") if item_positive else ("ja", "nee")
        return (
            f"CASE WHEN random() < 0.015 THEN NULL "
            f"WHEN random() < {p} THEN "
            f"(CASE WHEN random() < 0.5 THEN 'min of meer' ELSE '{lonely}' END) "
            f"ELSE '{favourable}' END"
        )

    columns = ", ".join(
        f"{answer(item.positive, 'p_' + item.subscale.value)} AS djg{item.number}"
        for item in DJG_ITEMS
        if item.subscale is not None
    )
    con.execute(f"""
        COPY (SELECT row_number() OVER () AS respondent, gemeente, wijk,
                     round(weight, 4) AS weight, {columns} FROM latent)
        TO '{path}' (FORMAT parquet)
    """)
    con.close()


# ---------------------------------------------------------------------------------------------
# The hand-written baseline: one DuckDB query, same percentages and intervals
# ---------------------------------------------------------------------------------------------


def hand_written_sql(source: str, by: str, target: str) -> str:
    emotional = ["djg2", "djg3", "djg5", "djg6", "djg9", "djg10"]
    social = ["djg1", "djg4", "djg7", "djg8", "djg11"]

    def points(column: str, lonely: str) -> str:
        return f"CASE {column} WHEN 'min of meer' THEN 1 WHEN '{lonely}' THEN 1 WHEN " + (
            f"'{'ja' if lonely == 'nee' else 'nee'}' THEN 0 END AS {column}"
        )

    def summed(columns: list[str], max_missing: int) -> str:
        missing = " + ".join(f"({c} IS NULL)::INT" for c in columns)
        return f"CASE WHEN {missing} <= {max_missing} THEN " + (
            " + ".join(f"coalesce({c}, 0)" for c in columns) + " END"
        )

    def estimate(name: str, condition: str, valid: str) -> str:
        p = f"(coalesce(sum(weight) FILTER ({condition}), 0) / sum(weight) FILTER ({valid}))"
        n_eff = f"(pow(sum(weight) FILTER ({valid}), 2) / sum(weight * weight) FILTER ({valid}))"
        half = f"1.96 * sqrt({p} * (1 - {p}) / {n_eff})"
        keep = "count(total) >= 50"
        return (
            f"CASE WHEN {keep} THEN 100 * {p} END AS {name}_pct, "
            f"CASE WHEN {keep} THEN 100 * greatest(0, {p} - {half}) END AS {name}_ci_low, "
            f"CASE WHEN {keep} THEN 100 * least(1, {p} + {half}) END AS {name}_ci_high"
        )

    scored = f"""
        SELECT {by}, weight,
               {summed(emotional + social, 2)} AS total,
               {summed(emotional, 1)} AS emotional,
               {summed(social, 1)} AS social
        FROM (SELECT {by}, weight,
                     {", ".join(points(c, "ja") for c in emotional)},
                     {", ".join(points(c, "nee") for c in social)}
              FROM read_parquet('{source}'))
    """
    return f"""
        COPY (
            SELECT {by}, count(total) AS respondents,
                   pow(sum(weight) FILTER (total IS NOT NULL), 2)
                       / sum(weight * weight) FILTER (total IS NOT NULL) AS effective_n,
                   count(total) < 50 AS suppressed,
                   {estimate("eenzaam", "total >= 3", "total IS NOT NULL")},
                   {estimate("ernstig_eenzaam", "total >= 9", "total IS NOT NULL")},
                   {estimate("emotioneel_eenzaam", "emotional >= 3", "emotional IS NOT NULL")},
                   {estimate("sociaal_eenzaam", "social >= 3", "social IS NOT NULL")}
            FROM ({scored}) GROUP BY {by} ORDER BY {by}
        ) TO '{target}' (FORMAT parquet)
    """


# ---------------------------------------------------------------------------------------------
# Measurement. Every part runs in its own subprocess and the parent imports neither DuckDB
# nor omzien: Linux carries the parent's peak RSS over into a child's ru_maxrss, so a heavy
# parent would inflate every figure.
# ---------------------------------------------------------------------------------------------


KINDS = ("omzien", "duckdb")


def runner(kind: str, source: Path, by: str, target: Path) -> Callable[[], dict[str, Any]]:
    """One end-to-end run, from the Parquet input to a Parquet output file."""
    if kind == "omzien":
        from omzien.assessment.survey import score_survey

        def run() -> dict[str, Any]:
            report = score_survey(source, target, by=[by], weight="weight")
            return {"areas": report.areas.num_rows, "suppressed": report.suppressed_areas}

        return run
    import duckdb

    sql = hand_written_sql(str(source), by, str(target))

    def run_hand() -> dict[str, Any]:
        with duckdb.connect() as con:
            con.execute(sql)
        return {}

    return run_hand


def timing(source: Path, by: str, directory: Path, repeat: int) -> dict[str, Any]:
    """Both kinds, alternately after one warm-up each, so that both meet the same load."""
    runs = {kind: runner(kind, source, by, directory / f"{by}-{kind}.parquet") for kind in KINDS}
    for run in runs.values():
        run()
    seconds: dict[str, list[float]] = {kind: [] for kind in KINDS}
    for _ in range(repeat):
        for kind, run in runs.items():
            started = time.perf_counter()
            run()
            seconds[kind].append(time.perf_counter() - started)
    return seconds


def peak(kind: str, source: Path, by: str, target: Path) -> dict[str, Any]:
    """One run in a fresh process: its peak RSS."""
    result = runner(kind, source, by, target)()
    return {"peak_rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024, **result}


def sanity(source: Path) -> dict[str, Any]:
    """National and municipal figures of the generated data (DOMAIN.md section 4)."""
    from omzien.assessment.survey import score_survey

    report = score_survey(source, None, by=["gemeente"], weight="weight")

    def spread(column: str) -> list[float]:
        values = [v for v in report.areas.column(column).to_pylist() if v is not None]
        return [min(values), max(values)]

    overall = report.overall
    return {
        "eenzaam": overall["eenzaam_pct"],
        "ernstig": overall["ernstig_eenzaam_pct"],
        "emotioneel": overall["emotioneel_eenzaam_pct"],
        "sociaal": overall["sociaal_eenzaam_pct"],
        "eenzaam_gemeenten": spread("eenzaam_pct"),
        "ernstig_gemeenten": spread("ernstig_eenzaam_pct"),
    }


def same(ours: Path, hand: Path, by: str) -> dict[str, Any]:
    """The number of areas where omzien and the hand-written query differ in any column."""
    import duckdb

    with duckdb.connect() as con:
        columns = [
            name
            for name, *_ in con.execute(f"DESCRIBE SELECT * FROM '{ours}'").fetchall()
            if name != by
        ]
        differs = " OR ".join(
            f"abs(coalesce(o.{c}::DOUBLE, -1) - coalesce(h.{c}::DOUBLE, -1)) > 1e-9"
            for c in columns
        )
        [(differences,)] = con.execute(
            f"SELECT count(*) FROM '{ours}' o FULL JOIN '{hand}' h USING ({by}) WHERE {differs}"
        ).fetchall()
    return {"differences": differences}


def child(*args: str) -> dict[str, Any]:
    """Run this script with ``args`` in a fresh process and return the JSON it prints."""
    command = [sys.executable, __file__, *args]
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{result.stderr}")
    return json.loads(result.stdout)


def cli_run(source: Path, by: str, target: Path) -> tuple[float, int]:
    """Wall time and peak RSS of ``omzien survey score`` as a fresh process."""
    command = [sys.executable, "-m", "omzien.cli", "survey", "score", str(source)]
    command += ["--out", str(target), "--by", by, "--weight", "weight", "--quiet"]
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"omzien survey score failed with exit code {process.returncode}")
    return seconds, usage.ru_maxrss * 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--respondents", type=int, default=540_000)
    parser.add_argument("--municipalities", type=int, default=342)
    parser.add_argument("--districts", type=int, default=3_475)
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per measurement")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:
        sys.path.insert(0, str(SRC))
        task, *rest = args.child
        if task == "generate":
            generate(
                Path(rest[0]),
                respondents=args.respondents,
                municipalities=args.municipalities,
                districts=args.districts,
            )
            result: dict[str, Any] = sanity(Path(rest[0]))
        elif task == "timing":
            result = timing(Path(rest[0]), rest[1], Path(rest[2]), args.repeat)
        elif task == "peak":
            kind, source, by, target = rest
            result = peak(kind, Path(source), by, Path(target))
        else:
            result = same(Path(rest[0]), Path(rest[1]), rest[2])
        print(json.dumps(result))
        return 0

    with tempfile.TemporaryDirectory(prefix="omzien-bench-") as tmp:
        directory = Path(tmp)
        source = directory / "survey.parquet"
        started = time.perf_counter()
        size = ["--respondents", str(args.respondents), "--municipalities"]
        size += [str(args.municipalities), "--districts", str(args.districts)]
        check = child(*size, "--child", "generate", str(source))
        print(
            f"generated {args.respondents:,} respondents, {args.municipalities} gemeenten, "
            f"{args.districts:,} wijken in {time.perf_counter() - started:.1f} s "
            f"({source.stat().st_size / 1e6:.1f} MB Parquet); {os.cpu_count()} CPUs; "
            f"Python {sys.version.split()[0]}"
        )
        print(
            f"data: eenzaam {check['eenzaam']:.1f}% (gemeenten "
            f"{check['eenzaam_gemeenten'][0]:.1f}-{check['eenzaam_gemeenten'][1]:.1f}%), "
            f"(zeer) ernstig eenzaam {check['ernstig']:.1f}% (gemeenten "
            f"{check['ernstig_gemeenten'][0]:.1f}-{check['ernstig_gemeenten'][1]:.1f}%), "
            f"emotioneel {check['emotioneel']:.1f}%, sociaal {check['sociaal']:.1f}%"
        )

        ok = True
        print(
            f"{'by':9} {'omzien s':>9} {'duckdb s':>9} {'ratio':>6} {'cli s':>6} "
            f"{'peak omzien':>12} {'peak duckdb':>12} {'peak cli':>9}  areas (suppressed)"
        )
        for by in ("gemeente", "wijk"):
            times = child("--repeat", str(args.repeat), "--child", "timing", str(source), by, tmp)
            outputs = {kind: directory / f"{by}-{kind}.parquet" for kind in KINDS}
            if child("--child", "same", str(outputs["omzien"]), str(outputs["duckdb"]), by)[
                "differences"
            ]:
                raise SystemExit(f"omzien and the hand-written query differ by {by}")
            peaks = {
                kind: child("--child", "peak", kind, str(source), by, str(outputs[kind]))
                for kind in KINDS
            }
            cli_seconds, cli_rss = cli_run(source, by, directory / f"{by}-cli.parquet")
            ours_s = statistics.median(times["omzien"])
            hand_s = statistics.median(times["duckdb"])
            ratio = ours_s / hand_s
            ours = peaks["omzien"]
            print(
                f"{by:9} {ours_s:9.3f} {hand_s:9.3f} {ratio:6.2f} {cli_seconds:6.2f} "
                f"{ours['peak_rss'] / 2**20:8.0f} MiB {peaks['duckdb']['peak_rss'] / 2**20:8.0f} "
                f"MiB {cli_rss / 2**20:5.0f} MiB  {ours['areas']:,} ({ours['suppressed']:,})"
            )
            ok &= max(ours_s, cli_seconds) < TARGET_SECONDS and ratio <= TARGET_RATIO
            ok &= max(ours["peak_rss"], cli_rss) < TARGET_RSS_BYTES
        print(
            f"median of {args.repeat} alternating runs after a warm-up; outputs identical; "
            f"targets (< {TARGET_SECONDS:.0f} s, <= {TARGET_RATIO}x the DuckDB query, "
            "peak RSS < 1 GiB): " + ("met" if ok else "MISSED")
        )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
