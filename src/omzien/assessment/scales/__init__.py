"""Loneliness scales: items, answer codings and scoring rules.

Pure Python without any Django import, so that researchers can use it as a library and
:mod:`omzien.assessment.survey` can score survey microdata with exactly the same rules.

Supported instruments (see ``INSTRUMENTS``):

* ``djg11``: De Jong Gierveld loneliness scale, 11 items (GGD Gezondheidsmonitor).
* ``djg6``: De Jong Gierveld loneliness scale, 6 items (CBS, many home-visit forms).
* ``ucla3``: UCLA 3-item loneliness scale (Hughes et al. 2004).
* ``direct``: the direct question "How often do you feel lonely?" (ONS, UK).

Every scoring function returns one frozen result object. A score that cannot be computed
because too many answers are missing is ``None`` ("unknown"), never 0.

Sources: De Jong Gierveld & Van Tilburg, manual (1999, VU); vzinfo.nl Eenzaamheid,
verantwoording/methoden; RIVM/CBS StatLine 50120NED; CBS 85766NED; Hughes et al. (2004);
ONS. See docs/assessment.md for the rules in prose.

The package is split by job; import from ``omzien.assessment.scales`` itself, which
re-exports every public name:

* :mod:`.norms`: thresholds, missing-answer rules, category labels and score bands;
* :mod:`.items`: the De Jong Gierveld items, subscales and answer options;
* :mod:`.coding`: answer codes and how raw answers decode (``Coding``);
* :mod:`.results`: the result objects and ``kind_of_loneliness``;
* :mod:`.scoring`: the De Jong Gierveld scoring rules (``DJG11``, ``DJG6``);
* :mod:`.instruments`: UCLA 3-item, the direct question and the ``INSTRUMENTS`` registry.
"""

from __future__ import annotations

from omzien.assessment.scales.coding import (
    DJG_AUTO_CODING,
    DJG_CODINGS,
    DJG_NUMERIC_CODING,
    DJG_OPTIONS,
    DJG_OPTIONS_5,
    DJG_TEXT_CODING,
    JA,
    MIN_OF_MEER,
    NEE,
    Coding,
    UnknownAnswerError,
    djg_points,
    normalize_code,
    numeric_coding,
)
from omzien.assessment.scales.instruments import (
    DIRECT_CODING,
    DIRECT_ITEMS,
    DIRECT_OPTIONS,
    DIRECT_STEM,
    INSTRUMENTS,
    UCLA3_CODING,
    UCLA3_ITEMS,
    UCLA3_OPTIONS,
    UCLA3_POINTS,
    UCLA3_STEM,
    Instrument,
    score_direct,
    score_ucla3,
)
from omzien.assessment.scales.items import (
    CBS_QUESTION_ORDER_6,
    DJG6_EMOTIONAL_ITEMS,
    DJG6_SOCIAL_ITEMS,
    DJG_ITEMS,
    DJG_STEM,
    AnswerOption,
    Item,
    Subscale,
)
from omzien.assessment.scales.norms import (
    DIRECT_LONELY_ANSWERS,
    EENZAAM,
    ENIGSZINS_EENZAAM,
    ERNSTIG_EENZAAM,
    LONELY_THRESHOLD_6,
    LONELY_THRESHOLD_11,
    MATIG_EENZAAM,
    MAX_MISSING_SUBSCALE_6,
    MAX_MISSING_SUBSCALE_11,
    MAX_MISSING_TOTAL_6,
    MAX_MISSING_TOTAL_11,
    NIET_EENZAAM,
    SEVERE_THRESHOLD_11,
    STERK_EENZAAM,
    STRONG_THRESHOLD_6,
    SUBSCALE_BANDS_6_CBS,
    SUBSCALE_LONELY_THRESHOLD_6,
    SUBSCALE_LONELY_THRESHOLD_11,
    SUBSCALE_STRONG_THRESHOLD_6_CBS,
    TOTAL_BANDS_6,
    TOTAL_BANDS_11,
    UCLA3_BANDS,
    UCLA3_LONELY_THRESHOLD,
    UCLA3_MAX_MISSING,
    VERY_SEVERE_THRESHOLD_11,
    ZEER_ERNSTIG_EENZAAM,
    Band,
    label_for,
)
from omzien.assessment.scales.results import (
    DeJongGierveldResult,
    DirectQuestionResult,
    KindOfLoneliness,
    ScaleResult,
    Ucla3Result,
    kind_of_loneliness,
)
from omzien.assessment.scales.scoring import (
    DJG6,
    DJG11,
    Answers,
    DeJongGierveldRules,
    score_djg6,
    score_djg11,
)

__all__ = [
    "AnswerOption",
    "Answers",
    "Band",
    "CBS_QUESTION_ORDER_6",
    "Coding",
    "DIRECT_CODING",
    "DIRECT_ITEMS",
    "DIRECT_LONELY_ANSWERS",
    "DIRECT_OPTIONS",
    "DIRECT_STEM",
    "DJG11",
    "DJG6",
    "DJG6_EMOTIONAL_ITEMS",
    "DJG6_SOCIAL_ITEMS",
    "DJG_AUTO_CODING",
    "DJG_CODINGS",
    "DJG_ITEMS",
    "DJG_NUMERIC_CODING",
    "DJG_OPTIONS",
    "DJG_OPTIONS_5",
    "DJG_STEM",
    "DJG_TEXT_CODING",
    "DeJongGierveldResult",
    "DeJongGierveldRules",
    "DirectQuestionResult",
    "EENZAAM",
    "ENIGSZINS_EENZAAM",
    "ERNSTIG_EENZAAM",
    "INSTRUMENTS",
    "Instrument",
    "Item",
    "JA",
    "KindOfLoneliness",
    "LONELY_THRESHOLD_11",
    "LONELY_THRESHOLD_6",
    "MATIG_EENZAAM",
    "MAX_MISSING_SUBSCALE_11",
    "MAX_MISSING_SUBSCALE_6",
    "MAX_MISSING_TOTAL_11",
    "MAX_MISSING_TOTAL_6",
    "MIN_OF_MEER",
    "NEE",
    "NIET_EENZAAM",
    "SEVERE_THRESHOLD_11",
    "STERK_EENZAAM",
    "STRONG_THRESHOLD_6",
    "SUBSCALE_BANDS_6_CBS",
    "SUBSCALE_LONELY_THRESHOLD_11",
    "SUBSCALE_LONELY_THRESHOLD_6",
    "SUBSCALE_STRONG_THRESHOLD_6_CBS",
    "ScaleResult",
    "Subscale",
    "TOTAL_BANDS_11",
    "TOTAL_BANDS_6",
    "UCLA3_BANDS",
    "UCLA3_CODING",
    "UCLA3_ITEMS",
    "UCLA3_LONELY_THRESHOLD",
    "UCLA3_MAX_MISSING",
    "UCLA3_OPTIONS",
    "UCLA3_POINTS",
    "UCLA3_STEM",
    "Ucla3Result",
    "UnknownAnswerError",
    "VERY_SEVERE_THRESHOLD_11",
    "ZEER_ERNSTIG_EENZAAM",
    "djg_points",
    "kind_of_loneliness",
    "label_for",
    "normalize_code",
    "numeric_coding",
    "score_direct",
    "score_djg11",
    "score_djg6",
    "score_ucla3",
]
