"""Data of the survey benchmark (``bench/survey.py``): a synthetic GGD-like survey written
as Parquet, and the figures it gives (to compare with DOMAIN.md section 4). Runs in the
benchmark's child processes only, so that the parent imports neither DuckDB nor omzien."""

from __future__ import annotations

from pathlib import Path
from typing import Any


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
    _people(con, respondents=respondents, municipalities=municipalities, districts=districts)

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


def _people(con, *, respondents: int, municipalities: int, districts: int) -> None:
    """The tables ``municipality``, ``district``, ``allocation``, ``person`` and ``latent``."""
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
