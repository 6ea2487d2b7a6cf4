"""Score loneliness survey microdata and estimate weighted prevalence per area.

One row per respondent goes in (CSV or Parquet); one row per area comes out with the number of
respondents, the weighted percentages eenzaam, (zeer) ernstig eenzaam (``djg11``) or sterk
eenzaam (``djg6``), emotioneel and sociaal eenzaam, and their 95% confidence intervals.

Scoring is vectorised in DuckDB: the SQL is generated from the rules and codings in
:mod:`omzien.assessment.scales`, so a respondent scores here exactly as there. No Django import,
so researchers can use it as a library::

    from omzien.assessment.survey import score_survey
    report = score_survey("gm2022.parquet", "per_gemeente.csv", by=["gemeente"], weight="w")

and as a command::

    omzien survey score gm2022.parquet --out per_gemeente.csv --by gemeente --weight w
    python -m omzien.assessment.survey score gm2022.parquet --out per_gemeente.csv

See docs/assessment.md for the rules and the output columns.

The package is split by job; import from ``omzien.assessment.survey`` itself, which re-exports
every public name:

* :mod:`.base`: settings, :class:`SurveyInputError`, :class:`Indicator`, :class:`SurveyReport`;
* :mod:`.reading`: reading and validating the input, codings and item columns;
* :mod:`.sql`: the DuckDB SQL that scores every respondent;
* :mod:`.prevalence`: the indicators and the weighted prevalence per area;
* :mod:`.scoring`: :func:`score_survey` and :func:`score_respondents`;
* :mod:`.output`: writing the output file and the plain-text summary;
* :mod:`.cli`: the ``survey`` command (also ``python -m omzien.assessment.survey``).
"""

from __future__ import annotations

from omzien.assessment.survey.base import (
    DEFAULT_ITEM_COLUMNS,
    DEFAULT_MIN_RESPONDENTS,
    INPUT_SUFFIXES,
    MAX_REPORTED_ROWS,
    OUTPUT_SUFFIXES,
    PROGRESS_DELAY_SECONDS,
    SCALES,
    Z_95,
    Indicator,
    SurveyInputError,
    SurveyReport,
)
from omzien.assessment.survey.cli import _ProgressPrinter as _ProgressPrinter  # tests use it
from omzien.assessment.survey.cli import build_parser, main
from omzien.assessment.survey.output import format_summary
from omzien.assessment.survey.prevalence import SEVERE_COLUMN_PREFIX, indicators_for
from omzien.assessment.survey.reading import ProgressCallback, parse_coding, parse_items
from omzien.assessment.survey.scoring import score_respondents, score_survey

__all__ = [
    "DEFAULT_ITEM_COLUMNS",
    "DEFAULT_MIN_RESPONDENTS",
    "INPUT_SUFFIXES",
    "Indicator",
    "MAX_REPORTED_ROWS",
    "OUTPUT_SUFFIXES",
    "PROGRESS_DELAY_SECONDS",
    "ProgressCallback",
    "SCALES",
    "SEVERE_COLUMN_PREFIX",
    "SurveyInputError",
    "SurveyReport",
    "Z_95",
    "build_parser",
    "format_summary",
    "indicators_for",
    "main",
    "parse_coding",
    "parse_items",
    "score_respondents",
    "score_survey",
]
