"""What scoring returns: one frozen result object per instrument, and the kind of
loneliness a result shows."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal, Protocol

# ---------------------------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------------------------


class ScaleResult(Protocol):
    """What every result offers, so that a form or report can treat instruments alike."""

    @property
    def instrument(self) -> str: ...
    @property
    def total(self) -> int | None: ...
    @property
    def category(self) -> str | None: ...
    @property
    def is_lonely(self) -> bool | None: ...
    @property
    def missing_items(self) -> tuple[int, ...]: ...


@dataclass(frozen=True)
class DeJongGierveldResult:
    """The score of one De Jong Gierveld questionnaire (11 or 6 items).

    Every score is ``None`` when it is unknown because too many answers are missing.
    """

    instrument: str
    """``"djg11"`` or ``"djg6"``."""
    total: int | None
    emotional: int | None
    social: int | None
    category: str | None
    """GGD/RIVM label of the total: niet / matig / ernstig / zeer ernstig eenzaam (11 items),
    niet / matig / sterk eenzaam (6 items)."""
    emotional_category: str | None
    """"eenzaam" or "niet eenzaam" on the emotional subscale (see ``is_emotionally_lonely``)."""
    social_category: str | None
    emotional_category_cbs: str | None
    """6 items only (CBS): niet eenzaam (0), enigszins eenzaam (1-2), sterk eenzaam (3)."""
    social_category_cbs: str | None
    is_lonely: bool | None
    """Total of 3+ (11 items) or 2+ (6 items)."""
    is_severely_lonely: bool | None
    """11 items: "(zeer) ernstig eenzaam", total 9+. 6 items: "sterk eenzaam", total 5+."""
    is_emotionally_lonely: bool | None
    """Emotional subscale 3+ (11 items, ``SUBSCALE_LONELY_THRESHOLD_11``) or 1+ (6 items)."""
    is_socially_lonely: bool | None
    missing_items: tuple[int, ...]
    answers: Mapping[int, str | None] = field(hash=False)
    """The answer per item number as an option value (``"ja"``, ``"min of meer"``, ``"nee"``),
    None when missing."""

    @property
    def total_valid(self) -> bool:
        return self.total is not None

    @property
    def emotional_valid(self) -> bool:
        return self.emotional is not None

    @property
    def social_valid(self) -> bool:
        return self.social is not None


@dataclass(frozen=True)
class Ucla3Result:
    """The score of the UCLA 3-item scale: a sum of 3-9, unknown when any answer is missing."""

    total: int | None
    category: str | None
    """"eenzaam" (6+, ``UCLA3_LONELY_THRESHOLD``) or "niet eenzaam"."""
    is_lonely: bool | None
    missing_items: tuple[int, ...]
    answers: Mapping[int, str | None] = field(hash=False)
    instrument: str = "ucla3"

    @property
    def total_valid(self) -> bool:
        return self.total is not None


@dataclass(frozen=True)
class DirectQuestionResult:
    """The answer to the direct question "Hoe vaak voelt u zich eenzaam?"."""

    answer: str | None
    """Option value, e.g. ``"often_always"``; None when missing."""
    total: int | None
    """Ordinal position from 0 (never) to 4 (often/always), for sorting; not a sum score."""
    category: str | None
    """The Dutch label of the answer."""
    is_lonely: bool | None
    """True for "often/always" (``DIRECT_LONELY_ANSWERS``, our convention)."""
    missing_items: tuple[int, ...]
    instrument: str = "direct"

    @property
    def total_valid(self) -> bool:
        return self.total is not None


KindOfLoneliness = Literal["social", "emotional", "both", "none", "unknown"]


def kind_of_loneliness(result: ScaleResult) -> KindOfLoneliness:
    """Which kind of loneliness a result shows: social, emotional, both, none or unknown.

    "unknown" when either subscale is unknown (missing answers), and for instruments without
    subscales (UCLA 3-item, the direct question), which cannot tell the kinds apart.
    """
    emotional = getattr(result, "is_emotionally_lonely", None)
    social = getattr(result, "is_socially_lonely", None)
    if emotional is None or social is None:
        return "unknown"
    if emotional and social:
        return "both"
    if emotional:
        return "emotional"
    if social:
        return "social"
    return "none"
