"""The ``survey`` command: argument parsing, progress on stderr, the exit code."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from typing import TextIO

from omzien.assessment.survey.base import (
    DEFAULT_MIN_RESPONDENTS,
    PROGRESS_DELAY_SECONDS,
    SCALES,
    SurveyInputError,
)
from omzien.assessment.survey.output import format_summary
from omzien.assessment.survey.reading import parse_items
from omzien.assessment.survey.scoring import score_survey


class _ProgressPrinter:
    """Prints the progress of each scan to ``stream`` once the command has run a while.

    On a terminal one line per stage is updated in place; otherwise a line per 10%.
    """

    def __init__(self, stream: TextIO, name: str, delay: float = PROGRESS_DELAY_SECONDS):
        self.stream = stream
        self.name = name
        self.delay = delay
        self.started = time.monotonic()
        self.stage = ""
        self.shown = -1  # last percentage shown in this stage

    def __call__(self, stage: str, percent: float) -> None:
        if time.monotonic() - self.started < self.delay:
            return
        if stage != self.stage:
            self.finish()
            self.stage, self.shown = stage, -1
        if self.stream.isatty():
            self.stream.write(f"\r{stage} {self.name}: {percent:5.1f}%")
        elif int(percent) // 10 <= self.shown // 10:
            return
        else:
            self.stream.write(f"{stage} {self.name}: {int(percent)}%\n")
        self.shown = int(percent)
        self.stream.flush()

    def finish(self) -> None:
        """End the in-place line, if one was written."""
        if self.shown >= 0 and self.stream.isatty():
            self.stream.write("\n")
            self.stream.flush()
        self.shown = -1


def build_parser(prog: str = "python -m omzien.assessment.survey") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog, description="Score loneliness survey microdata (De Jong Gierveld scale)."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    score = commands.add_parser(
        "score",
        help="score respondents and write weighted prevalence per area",
        description=(
            "Score every respondent and write, per area, the respondents and the weighted "
            "% eenzaam, % (zeer) ernstig eenzaam (djg6: % sterk eenzaam), % emotioneel and "
            "% sociaal eenzaam with 95% confidence intervals. Exit code 2 on bad input."
        ),
    )
    score.add_argument("input", metavar="INPUT", help="respondents, .csv or .parquet")
    score.add_argument(
        "--out", required=True, metavar="OUTPUT", help="per-area results, .csv or .parquet"
    )
    score.add_argument("--scale", choices=sorted(SCALES), default="djg11")
    score.add_argument(
        "--by",
        nargs="+",
        action="extend",
        default=[],
        metavar="COLUMN",
        help="area column(s); without: one overall row",
    )
    score.add_argument("--weight", metavar="COLUMN", help="survey weight (positive numbers)")
    score.add_argument(
        "--coding",
        default="auto",
        metavar="CODING",
        help="auto (default: text answers and 1/2/3), text, numeric (1=nee, 2=min of meer, "
        "3=ja), or numeric:1=ja,2=min of meer,3=nee",
    )
    score.add_argument(
        "--min-respondents",
        type=int,
        default=DEFAULT_MIN_RESPONDENTS,
        metavar="N",
        help=f"suppress areas with fewer respondents (default {DEFAULT_MIN_RESPONDENTS})",
    )
    score.add_argument(
        "--items",
        metavar="COLUMNS",
        help="item columns: COL1,COL2,... in item order, or N=COL,...; default djg1..djg11",
    )
    score.add_argument("--quiet", action="store_true", help="no progress, no summary")
    return parser


def main(argv: Sequence[str] | None = None, *, prog: str | None = None) -> int:
    """Run the survey command; returns the exit code (0 success, 2 bad input or usage)."""
    parser = build_parser(prog) if prog else build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    progress = None if args.quiet else _ProgressPrinter(sys.stderr, args.input)
    try:
        report = score_survey(
            args.input,
            args.out,
            scale=args.scale,
            by=args.by,
            weight=args.weight,
            coding=args.coding,
            min_respondents=args.min_respondents,
            items=parse_items(args.items) if args.items else None,
            progress=progress,
        )
    except SurveyInputError as error:
        if progress:
            progress.finish()
        print(f"{parser.prog} score: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"{parser.prog} score: interrupted, nothing written", file=sys.stderr)
        return 130
    if progress:
        progress.finish()
    if not args.quiet:
        print(format_summary(report))
    return 0
