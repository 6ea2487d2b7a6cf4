"""Thresholds, missing-answer rules, category labels and score bands (the cut-offs)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

# ---------------------------------------------------------------------------------------------
# Named rules and thresholds
# ---------------------------------------------------------------------------------------------

# De Jong Gierveld, 11 items (GGD/RIVM).
LONELY_THRESHOLD_11 = 3
"""Total of 3 or more: "eenzaam" (matig, ernstig or zeer ernstig)."""
SEVERE_THRESHOLD_11 = 9
"""Total of 9 or more: "(zeer) ernstig eenzaam"."""
VERY_SEVERE_THRESHOLD_11 = 11
"""Total of 11: "zeer ernstig eenzaam"."""
# Current RIVM definition: emotioneel / sociaal eenzaam means 3 or more unfavourable answers
# in that subscale. An older RIVM page said 2; we follow the current definition.
SUBSCALE_LONELY_THRESHOLD_11 = 3
# Our rule, not the manual's: the 11-item total is computed when at most 2 of the 11 answers
# are missing, a missing answer counting 0; with more missing answers it is unknown.
MAX_MISSING_TOTAL_11 = 2
# Our rule: a subscale of the 11-item scale is computed when at most 1 of its items is missing
# (a missing answer counting 0); otherwise it is unknown.
MAX_MISSING_SUBSCALE_11 = 1

# De Jong Gierveld, 6 items (manual; CBS).
LONELY_THRESHOLD_6 = 2
"""Total of 2 or more: "eenzaam" (matig or sterk)."""
STRONG_THRESHOLD_6 = 5
"""Total of 5 or more: "sterk eenzaam"."""
SUBSCALE_LONELY_THRESHOLD_6 = 1
"""Manual: a 6-item subscale of 0 is not lonely, 1-3 is lonely."""
SUBSCALE_STRONG_THRESHOLD_6_CBS = 3
"""CBS: a 6-item subscale of 1-2 is "enigszins eenzaam", 3 is "sterk eenzaam"."""
# The manual's SPSS syntax: the 6-item total is unknown when more than 1 item is missing
# (a missing answer counting 0), a subscale is unknown when any of its items is missing.
MAX_MISSING_TOTAL_6 = 1
MAX_MISSING_SUBSCALE_6 = 0

# UCLA 3-item (Hughes et al. 2004).
UCLA3_LONELY_THRESHOLD = 6
"""A sum of 6 or more is commonly read as lonely. A convention, not a validated cut-off."""
# Our rule: the UCLA sum is unknown when any of the 3 answers is missing.
UCLA3_MAX_MISSING = 0

# Direct question (ONS). Our convention for a yes/no reading: only "often/always" counts as
# lonely (ONS reports this answer as chronic loneliness).
DIRECT_LONELY_ANSWERS: frozenset[str] = frozenset({"often_always"})

# Dutch category labels, as published by GGD/RIVM and CBS. They are data values (also written
# to survey output), so they stay in Dutch and are not translated.
NIET_EENZAAM = "niet eenzaam"
EENZAAM = "eenzaam"
MATIG_EENZAAM = "matig eenzaam"
ERNSTIG_EENZAAM = "ernstig eenzaam"
ZEER_ERNSTIG_EENZAAM = "zeer ernstig eenzaam"
STERK_EENZAAM = "sterk eenzaam"
ENIGSZINS_EENZAAM = "enigszins eenzaam"


@dataclass(frozen=True)
class Band:
    """A closed range of scores ``low..high`` with its category label."""

    low: int
    high: int
    label: str

    def __contains__(self, score: object) -> bool:
        return isinstance(score, int) and self.low <= score <= self.high


def label_for(score: int | None, bands: Sequence[Band]) -> str | None:
    """The label of the band holding ``score``; None when the score is unknown."""
    if score is None:
        return None
    for band in bands:
        if score in band:
            return band.label
    raise ValueError(f"score {score} is outside every band")


TOTAL_BANDS_11: tuple[Band, ...] = (
    Band(0, 2, NIET_EENZAAM),
    Band(3, 8, MATIG_EENZAAM),
    Band(9, 10, ERNSTIG_EENZAAM),
    Band(11, 11, ZEER_ERNSTIG_EENZAAM),
)
TOTAL_BANDS_6: tuple[Band, ...] = (
    Band(0, 1, NIET_EENZAAM),
    Band(2, 4, MATIG_EENZAAM),
    Band(5, 6, STERK_EENZAAM),
)
SUBSCALE_BANDS_6_CBS: tuple[Band, ...] = (
    Band(0, 0, NIET_EENZAAM),
    Band(1, 2, ENIGSZINS_EENZAAM),
    Band(3, 3, STERK_EENZAAM),
)
UCLA3_BANDS: tuple[Band, ...] = (
    Band(3, UCLA3_LONELY_THRESHOLD - 1, NIET_EENZAAM),
    Band(UCLA3_LONELY_THRESHOLD, 9, EENZAAM),
)
