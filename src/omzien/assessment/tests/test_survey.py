"""Survey microdata scoring and the ``omzien survey score`` command. Plain pytest, no Django."""

from __future__ import annotations

import csv
import io
import math
import os
import random
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from omzien import cli
from omzien.assessment import survey
from omzien.assessment.scales import score_djg6, score_djg11
from omzien.assessment.survey import SurveyInputError, score_respondents, score_survey

pytestmark = pytest.mark.issue(3)

SRC = Path(cli.__file__).resolve().parents[1]  # src/, which holds the omzien package
ITEMS = [f"djg{n}" for n in range(1, 12)]
POSITIVE = {1, 4, 7, 8, 11}
EMOTIONAL = (2, 3, 5, 6, 9, 10)
SOCIAL = (1, 4, 7, 8, 11)


def lonely(n: int) -> str:
    return "nee" if n in POSITIVE else "ja"


def favourable(n: int) -> str:
    return "ja" if n in POSITIVE else "nee"


def respondent(lonely_items=(), missing=()) -> list[str]:
    """Eleven answers: unfavourable on ``lonely_items``, empty on ``missing``."""
    return [
        "" if n in missing else lonely(n) if n in lonely_items else favourable(n)
        for n in range(1, 12)
    ]


def write_csv(path: Path, header: list[str], rows: list[list[object]], delimiter=",") -> Path:
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def read_csv(path: Path) -> list[dict[str, object]]:
    def value(text: str) -> object:
        if text == "":
            return None
        if text in ("true", "false"):
            return text == "true"
        try:
            return float(text)
        except ValueError:
            return text

    with path.open(newline="", encoding="utf-8") as file:
        return [{k: value(v) for k, v in row.items()} for row in csv.DictReader(file)]


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(["survey", "score", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# --- a small file computed by hand -----------------------------------------------------------
#
# GM0001, 4 respondents (weights 1, 1, 2, 4; sum 8, sum of squares 22, n_eff 64/22):
#   total 0; total 11 (emotional 6, social 5); total 3 (emotional 3: items 2, 3, 5);
#   total 9 (emotional 6, social 3: items 1, 4, 7).
#   eenzaam (1 + 2 + 4) / 8 = 87.5%, ernstig (1 + 4) / 8 = 62.5%,
#   emotioneel (1 + 2 + 4) / 8 = 87.5%, sociaal (1 + 4) / 8 = 62.5%.
# GM0002, 4 rows, 3 respondents with a valid total (weights 1, 1, 2; sum 4):
#   total 2 (items 2, 3); three answers missing (total unknown, not counted);
#   items 1 and 2 missing, the other emotional items lonely: total 5, emotional 5, social 0;
#   items 2 and 3 missing (emotional unknown), all social lonely: total 5, social 5 (weight 2).
#   eenzaam (1 + 2) / 4 = 75%, ernstig 0%, emotioneel 1 / 2 = 50% (known for 2 rows),
#   sociaal 2 / 5 = 40% (known for all 4 rows: the second misses only 1 social item).
# GM0003, 20 respondents: 5 with total 11 (weight 2), 15 with total 0 (weight 1):
#   every indicator 10 / 25 = 40%, n_eff = 25^2 / 35 = 17.857142857142858,
#   95% CI 40 -/+ 100 * 1.96 * sqrt(0.4 * 0.6 / n_eff) = 17.277521261975 .. 62.722478738025.

HAND_ROWS: list[list[object]] = [
    ["GM0001", "1", *respondent()],
    ["GM0001", "1", *respondent(range(1, 12))],
    ["GM0001", "2", *respondent((2, 3, 5))],
    ["GM0001", "4", *respondent((*EMOTIONAL, 1, 4, 7))],
    ["GM0002", "1", *respondent((2, 3))],
    ["GM0002", "1", *respondent((), missing=(1, 2, 3))],
    ["GM0002", "1", *respondent((3, 5, 6, 9, 10), missing=(1, 2))],
    ["GM0002", "2", *respondent(SOCIAL, missing=(2, 3))],
    *[["GM0003", "2", *respondent(range(1, 12))] for _ in range(5)],
    *[["GM0003", "1", *respondent()] for _ in range(15)],
]


@pytest.fixture
def hand_file(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "survey.csv", ["gemeente", "gewicht", *ITEMS], HAND_ROWS)


def test_hand_computed_percentages_per_area(hand_file: Path, tmp_path: Path, capsys):
    out = tmp_path / "per_gemeente.csv"
    code, stdout, _ = run(
        capsys, str(hand_file), "--out", str(out), "--by", "gemeente", "--weight", "gewicht",
        "--min-respondents", "1",
    )  # fmt: skip
    assert code == 0
    a, b, c = read_csv(out)
    assert a["gemeente"] == "GM0001"
    assert a["respondents"] == 4
    assert a["suppressed"] is False
    assert a["effective_n"] == pytest.approx(64 / 22, rel=1e-12)
    assert a["eenzaam_pct"] == 87.5
    assert a["ernstig_eenzaam_pct"] == 62.5
    assert a["emotioneel_eenzaam_pct"] == 87.5
    assert a["sociaal_eenzaam_pct"] == 62.5
    assert a["eenzaam_ci_low"] == pytest.approx(49.495374459153, abs=1e-9)
    assert a["eenzaam_ci_high"] == 100.0  # clipped
    assert a["ernstig_eenzaam_ci_low"] == pytest.approx(6.866924743459, abs=1e-9)

    assert b["gemeente"] == "GM0002"
    assert b["respondents"] == 3
    assert b["eenzaam_pct"] == 75.0
    assert b["ernstig_eenzaam_pct"] == 0.0
    assert (b["ernstig_eenzaam_ci_low"], b["ernstig_eenzaam_ci_high"]) == (0.0, 0.0)
    assert b["emotioneel_eenzaam_pct"] == 50.0
    assert b["sociaal_eenzaam_pct"] == 40.0
    assert b["eenzaam_ci_low"] == pytest.approx(23.027651582789, abs=1e-9)
    assert b["emotioneel_eenzaam_ci_low"] == 0.0  # clipped

    assert c["respondents"] == 20
    assert c["effective_n"] == pytest.approx(17.857142857142858, rel=1e-12)
    for name in ("eenzaam", "ernstig_eenzaam", "emotioneel_eenzaam", "sociaal_eenzaam"):
        assert c[f"{name}_pct"] == 40.0
        assert c[f"{name}_ci_low"] == pytest.approx(17.277521261975, abs=1e-9)
        assert c[f"{name}_ci_high"] == pytest.approx(62.722478738025, abs=1e-9)
    assert "(all)" in stdout
    assert "eenzaam %" in stdout


def test_areas_below_the_threshold_are_suppressed(hand_file: Path, tmp_path: Path):
    report = score_survey(
        hand_file, tmp_path / "out.parquet", by=["gemeente"], weight="gewicht", min_respondents=4
    )
    rows = pq.read_table(tmp_path / "out.parquet").to_pylist()
    assert [row["suppressed"] for row in rows] == [False, True, False]
    assert rows[1]["respondents"] == 3
    assert all(
        value is None
        for key, value in rows[1].items()
        if key.endswith(("_pct", "_ci_low", "_ci_high"))
    )
    assert report.suppressed_areas == 1


def test_default_threshold_is_50_respondents(hand_file: Path):
    report = score_survey(hand_file, by=["gemeente"], weight="gewicht")
    assert report.areas.column("suppressed").to_pylist() == [True, True, True]
    assert report.overall["suppressed"] is True  # 27 respondents in all


def test_without_by_one_overall_row(hand_file: Path, tmp_path: Path, capsys):
    out = tmp_path / "overall.csv"
    code, _, _ = run(
        capsys, str(hand_file), "--out", str(out), "--weight", "gewicht", "--min-respondents", "1"
    )
    assert code == 0
    [row] = read_csv(out)
    assert "gemeente" not in row
    assert row["respondents"] == 27
    # weights with a valid total: 8 + 4 + 25 = 37; eenzaam 7 + 3 + 10 = 20
    assert row["eenzaam_pct"] == pytest.approx(100 * 20 / 37, rel=1e-12)


def test_unweighted_is_every_respondent_one(hand_file: Path):
    report = score_survey(hand_file, by=["gemeente"], min_respondents=1)
    first = report.areas.to_pylist()[0]
    assert first["eenzaam_pct"] == 75.0  # 3 of 4
    assert first["effective_n"] == 4


# --- independent computation on a generated file ------------------------------------------

SPELLINGS = {
    "ja": ["ja", "Ja", " JA ", "ja!", "Ja!"],
    "nee": ["nee", "Nee", "NEE ", "nee!"],
    "min of meer": ["min of meer", "Min of meer", "min  of meer", " MIN OF MEER"],
}


def generated_rows(seed: int, count: int) -> list[list[object]]:
    rng = random.Random(seed)
    areas = ["GM0001", "GM0002", "GM0003", "GM0004", "GM0005"]
    rows = []
    for index in range(count):
        # The last area gets few respondents, so it is suppressed.
        area = "GM0009" if index % 40 == 0 else rng.choice(areas)
        propensity = rng.random() ** 2
        answers = []
        for n in range(1, 12):
            if rng.random() < 0.05:
                answers.append("")
            elif rng.random() < propensity:
                answer = rng.choice([lonely(n), "min of meer"])
                answers.append(rng.choice(SPELLINGS[answer]))
            else:
                answers.append(rng.choice(SPELLINGS[favourable(n)]))
        rows.append([area, f"{rng.uniform(0.2, 3.0):.4f}", *answers])
    return rows


def independent_estimates(rows: list[list[object]], min_respondents: int) -> dict[str, dict]:
    """Per area, straight from the scales package: score each respondent, then weigh."""
    by_area: dict[str, list] = defaultdict(list)
    for area, weight, *answers in rows:
        by_area[area].append((float(weight), score_djg11(answers)))
    estimates = {}
    for area, scored in by_area.items():
        respondents = sum(result.total is not None for _, result in scored)
        row: dict[str, object] = {"respondents": respondents}
        suppressed = respondents < min_respondents
        row["suppressed"] = suppressed
        for name, field, flag in [
            ("eenzaam", "total", "is_lonely"),
            ("ernstig_eenzaam", "total", "is_severely_lonely"),
            ("emotioneel_eenzaam", "emotional", "is_emotionally_lonely"),
            ("sociaal_eenzaam", "social", "is_socially_lonely"),
        ]:
            known = [(w, r) for w, r in scored if getattr(r, field) is not None]
            total_weight = sum(w for w, _ in known)
            share = sum(w for w, r in known if getattr(r, flag)) / total_weight
            n_eff = total_weight**2 / sum(w * w for w, _ in known)
            half = 1.96 * math.sqrt(share * (1 - share) / n_eff)
            row[f"{name}_pct"] = None if suppressed else 100 * share
            row[f"{name}_ci_low"] = None if suppressed else 100 * max(0.0, share - half)
            row[f"{name}_ci_high"] = None if suppressed else 100 * min(1.0, share + half)
        estimates[area] = row
    return estimates


def test_command_output_matches_an_independent_computation(tmp_path: Path, capsys):
    rows = generated_rows(seed=3, count=1200)
    source = write_csv(tmp_path / "survey.csv", ["wijk", "w", *ITEMS], rows, delimiter=";")
    out = tmp_path / "out.csv"
    code, _, _ = run(capsys, str(source), "--out", str(out), "--by", "wijk", "--weight", "w")
    assert code == 0
    expected = independent_estimates(rows, min_respondents=50)
    written = {row.pop("wijk"): row for row in read_csv(out)}
    assert set(written) == set(expected)
    assert written["GM0009"]["suppressed"] is True
    for area, row in written.items():
        row.pop("effective_n")
        assert row == pytest.approx(expected[area], abs=1e-9), area


# --- the same rules as the scales package, per respondent -------------------------------

ANSWER_CODES = st.sampled_from(
    ["ja", "nee", "min of meer", "JA", " Nee ", "min  OF meer", "ja!", "nee!", "1", "2", "3.00", ""]
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(st.lists(ANSWER_CODES, min_size=11, max_size=11), min_size=1, max_size=40),
    scale=st.sampled_from(["djg11", "djg6"]),
)
def test_survey_scores_every_respondent_as_scales_does(rows, scale):
    with tempfile.TemporaryDirectory() as directory:
        source = write_csv(Path(directory) / "s.csv", ITEMS, rows)
        scored = score_respondents(source, scale=scale).to_pylist()
    score = score_djg11 if scale == "djg11" else score_djg6
    assert [row["row"] for row in scored] == list(range(1, len(rows) + 1))
    for answers, row in zip(rows, scored, strict=True):
        by_item = dict(zip(range(1, 12), answers, strict=True))
        if scale == "djg6":
            by_item = {n: by_item[n] for n in (3, 4, 7, 8, 9, 10)}
        expected = score(by_item)
        assert row == {
            "row": row["row"],
            "total": expected.total,
            "emotional": expected.emotional,
            "social": expected.social,
            "category": expected.category,
            "is_lonely": expected.is_lonely,
            "is_severely_lonely": expected.is_severely_lonely,
            "is_emotionally_lonely": expected.is_emotionally_lonely,
            "is_socially_lonely": expected.is_socially_lonely,
        }


def test_typed_parquet_columns_score_as_scales_does(tmp_path: Path):
    rng = random.Random(7)
    columns: dict[str, list] = {}
    for n in range(1, 12):
        if n % 2:  # integers, with nulls
            columns[f"djg{n}"] = [rng.choice([1, 2, 3, None]) for _ in range(300)]
        else:  # doubles, as spreadsheets export them, with NaN for missing
            columns[f"djg{n}"] = [rng.choice([1.0, 2.0, 3.0, math.nan]) for _ in range(300)]
    source = tmp_path / "typed.parquet"
    pq.write_table(pa.table(columns), source)
    scored = score_respondents(source, coding="numeric").to_pylist()
    for index, row in enumerate(scored):
        expected = score_djg11({n: columns[f"djg{n}"][index] for n in range(1, 12)})
        assert (row["total"], row["emotional"], row["social"]) == (
            expected.total,
            expected.emotional,
            expected.social,
        )


def test_explicit_numeric_coding_and_item_columns(tmp_path: Path, capsys):
    # Reversed numbers (1 = ja) in columns named q1..q11 must give the text answers' result.
    text = write_csv(tmp_path / "text.csv", ["g", *ITEMS], [["A", *r[2:]] for r in HAND_ROWS])
    number = {"ja": "1", "min of meer": "2", "nee": "3", "": ""}
    reversed_rows = [["A", *(number[a] for a in r[2:])] for r in HAND_ROWS]
    names = [f"q{n}" for n in range(1, 12)]
    coded = write_csv(tmp_path / "coded.csv", ["g", *names], reversed_rows)
    expected = score_survey(text, by=["g"], min_respondents=1).areas.to_pylist()
    as_list = score_survey(
        coded, by=["g"], min_respondents=1, items=names, coding="numeric:1=ja,2=min of meer,3=nee"
    )
    assert as_list.areas.to_pylist() == expected
    out = tmp_path / "out.csv"
    code, _, _ = run(
        capsys, str(coded), "--out", str(out), "--by", "g", "--min-respondents", "1",
        "--coding", "numeric:1=ja,2=min of meer,3=nee",
        "--items", ",".join(f"{n}=q{n}" for n in range(1, 12)),
    )  # fmt: skip
    assert code == 0
    assert read_csv(out)[0]["eenzaam_pct"] == expected[0]["eenzaam_pct"]


def test_djg6_uses_sterk_eenzaam_from_the_11_item_columns(hand_file: Path):
    report = score_survey(hand_file, scale="djg6", by=["gemeente"], min_respondents=1)
    columns = report.areas.column_names
    assert "sterk_eenzaam_pct" in columns
    assert "ernstig_eenzaam_pct" not in columns
    gm3 = report.areas.to_pylist()[2]
    assert gm3["sterk_eenzaam_pct"] == 25.0  # 5 of 20 answered all 6 items unfavourably


# --- bad input --------------------------------------------------------------------------------


def assert_refused(code: int, stderr: str, out: Path, *expected: str) -> None:
    assert code == 2
    for text in expected:
        assert text in stderr
    assert not out.exists()
    assert not [p for p in out.parent.iterdir() if p.name.startswith(f".{out.name}")]


def test_unknown_answer_code_names_column_and_rows(tmp_path: Path, capsys):
    rows = [["A", "1", *respondent()] for _ in range(6)]
    rows[1][4] = "jaa"  # data row 2, djg3
    rows[4][4] = "x"  # data row 5
    source = write_csv(tmp_path / "s.csv", ["g", "w", *ITEMS], rows)
    out = tmp_path / "out.csv"
    code, _, stderr = run(capsys, str(source), "--out", str(out), "--by", "g", "--weight", "w")
    assert_refused(code, stderr, out, "'djg3'", "item 3", "data rows 2 ('jaa'), 5 ('x')")
    with pytest.raises(SurveyInputError) as caught:
        score_survey(source, out, by=["g"])
    assert (caught.value.column, caught.value.rows) == ("djg3", (2, 5))


def test_at_most_ten_rows_are_named(tmp_path: Path, capsys):
    rows = [["A", *respondent()] for _ in range(30)]
    for row in rows[:15]:
        row[11] = "soms"
    source = write_csv(tmp_path / "s.csv", ["g", *ITEMS], rows)
    out = tmp_path / "out.parquet"
    code, _, stderr = run(capsys, str(source), "--out", str(out))
    assert_refused(code, stderr, out, "'djg11'", "in 15 rows: first 10 data rows 1 ('soms')")
    assert "10 ('soms')" in stderr
    assert "11 ('soms')" not in stderr


def test_missing_item_column(tmp_path: Path, capsys):
    header = ["g", *(c for c in ITEMS if c != "djg7")]
    source = write_csv(tmp_path / "s.csv", header, [["A", *respondent()[:6], *respondent()[7:]]])
    out = tmp_path / "out.csv"
    code, _, stderr = run(capsys, str(source), "--out", str(out))
    assert_refused(code, stderr, out, "'djg7'", "not found")


def test_missing_area_column(hand_file: Path, tmp_path: Path, capsys):
    out = tmp_path / "out.csv"
    code, _, stderr = run(capsys, str(hand_file), "--out", str(out), "--by", "wijk")
    assert_refused(code, stderr, out, "'wijk'", "not found")


@pytest.mark.parametrize("bad", ["0", "-1", "abc", "", "nan", "1,5"])
def test_weight_not_a_positive_number(tmp_path: Path, capsys, bad):
    rows = [["A", "1.5", *respondent()] for _ in range(5)]
    rows[2][1] = bad
    rows[3][1] = bad
    source = write_csv(tmp_path / "s.csv", ["g", "gewicht", *ITEMS], rows)
    out = tmp_path / "out.csv"
    code, _, stderr = run(capsys, str(source), "--out", str(out), "--weight", "gewicht")
    shown = "empty" if bad == "" else repr(bad)
    assert_refused(
        code, stderr, out, "'gewicht'", "not a positive number", f"data rows 3 ({shown}), 4"
    )


def test_empty_file(tmp_path: Path, capsys):
    source = tmp_path / "empty.csv"
    source.write_text("")
    out = tmp_path / "out.csv"
    code, _, stderr = run(capsys, str(source), "--out", str(out))
    assert_refused(code, stderr, out, "empty")


def test_header_without_rows(tmp_path: Path, capsys):
    source = write_csv(tmp_path / "header.csv", ITEMS, [])
    out = tmp_path / "out.csv"
    code, _, stderr = run(capsys, str(source), "--out", str(out))
    assert_refused(code, stderr, out, "no data rows")


def test_empty_parquet(tmp_path: Path, capsys):
    source = tmp_path / "empty.parquet"
    pq.write_table(pa.table({c: pa.array([], pa.string()) for c in ITEMS}), source)
    out = tmp_path / "out.parquet"
    code, _, stderr = run(capsys, str(source), "--out", str(out))
    assert_refused(code, stderr, out, "no data rows")


def test_bad_parquet_rows_are_numbered_from_one(tmp_path: Path, capsys):
    columns = {c: ["ja"] * 8 for c in ITEMS}
    columns["djg5"] = ["ja", "ja", "ja", "ja", "ja", "ja", "?", "ja"]
    source = tmp_path / "s.parquet"
    pq.write_table(pa.table(columns), source, row_group_size=3)
    out = tmp_path / "out.csv"
    code, _, stderr = run(capsys, str(source), "--out", str(out))
    assert_refused(code, stderr, out, "'djg5'", "data row 7 ('?')")


def test_bad_input_leaves_an_existing_output_alone(hand_file: Path, tmp_path: Path, capsys):
    out = tmp_path / "out.csv"
    out.write_text("previous results\n")
    code, _, _ = run(capsys, str(hand_file), "--out", str(out), "--weight", "djg1")
    assert code == 2
    assert out.read_text() == "previous results\n"


def test_unknown_file_types(hand_file: Path, tmp_path: Path, capsys):
    code, _, stderr = run(capsys, str(hand_file), "--out", str(tmp_path / "out.xlsx"))
    assert code == 2
    assert "unknown file type" in stderr
    assert not (tmp_path / "out.xlsx").exists()


def test_usage_errors_exit_2(hand_file: Path, capsys):
    assert cli.main(["survey", "score", str(hand_file)]) == 2  # no --out
    assert cli.main(["nonsense"]) == 2
    capsys.readouterr()


# --- command, progress and summary -----------------------------------------------------------


def test_console_script_and_module_run_without_django(hand_file: Path, tmp_path: Path):
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    out = tmp_path / "out.parquet"
    for module in ("omzien.cli", "omzien.assessment.survey"):
        args = [sys.executable, "-m", module]
        args += ["survey"] if module == "omzien.cli" else []
        ok = subprocess.run(
            [*args, "score", str(hand_file), "--out", str(out), "--by", "gemeente"],
            env=env, capture_output=True, text=True,
        )  # fmt: skip
        assert ok.returncode == 0, ok.stderr
        assert out.exists()
        out.unlink()
        bad = subprocess.run(
            [*args, "score", str(hand_file), "--out", str(out), "--by", "nope"],
            env=env, capture_output=True, text=True,
        )  # fmt: skip
        assert bad.returncode == 2
        assert "'nope'" in bad.stderr
        assert not out.exists()
    imported = subprocess.run(
        [sys.executable, "-c", "import sys, omzien.cli, omzien.assessment.survey; "
         "print(any(m.split('.')[0] == 'django' for m in sys.modules))"],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert imported.stdout.strip() == "False"


def test_progress_goes_to_stderr_in_steps():
    stream = io.StringIO()
    printer = survey._ProgressPrinter(stream, "survey.parquet", delay=0)
    for percent in (0, 5, 12, 50, 100):
        printer("scoring", percent)
    printer.finish()
    assert stream.getvalue().splitlines() == [
        "scoring survey.parquet: 0%",
        "scoring survey.parquet: 12%",
        "scoring survey.parquet: 50%",
        "scoring survey.parquet: 100%",
    ]


def test_progress_callback_is_called(hand_file: Path):
    calls: list[tuple[str, float]] = []
    score_survey(hand_file, progress=lambda stage, percent: calls.append((stage, percent)))
    assert ("checking", 100.0) in calls
    assert ("scoring", 100.0) in calls


def test_summary_lists_overall_and_extreme_areas(tmp_path: Path):
    rows = generated_rows(seed=5, count=600)
    source = write_csv(tmp_path / "s.csv", ["wijk", "w", *ITEMS], rows)
    report = score_survey(source, by=["wijk"], weight="w", min_respondents=20)
    text = survey.format_summary(report, areas_shown=2)
    assert "600 rows read" in text
    assert "(all)" in text
    assert "highest % eenzaam" in text
    assert "GM0009" not in text  # suppressed areas are not ranked
