"""Scoring the De Jong Gierveld scale (11 and 6 items), and the answer handling every
instrument shares."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from omzien.assessment.scales.coding import DJG_AUTO_CODING, Coding, djg_points
from omzien.assessment.scales.items import (
    _DJG_BY_NUMBER,
    DJG6_EMOTIONAL_ITEMS,
    DJG6_SOCIAL_ITEMS,
    DJG_ITEMS,
    Item,
    Subscale,
)
from omzien.assessment.scales.norms import (
    EENZAAM,
    LONELY_THRESHOLD_6,
    LONELY_THRESHOLD_11,
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
    TOTAL_BANDS_6,
    TOTAL_BANDS_11,
    Band,
    label_for,
)
from omzien.assessment.scales.results import DeJongGierveldResult

# ---------------------------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------------------------

Answers = Mapping[int, object] | Sequence[object]
"""Answers as ``{item_number: answer}`` or a sequence in the instrument's item order."""


def _item_number(key: object, instrument: str) -> int:
    if isinstance(key, int) and not isinstance(key, bool):
        return key
    if isinstance(key, str) and key.strip().isdigit():
        return int(key)
    raise ValueError(f"{instrument}: {key!r} is not an item number")


def _answers_by_item(instrument: str, items: Sequence[Item], answers: Answers) -> dict[int, Any]:
    numbers = [item.number for item in items]
    if isinstance(answers, Mapping):
        by_item: dict[int, Any] = {}
        for key, value in answers.items():
            number = _item_number(key, instrument)
            if number not in numbers:
                raise ValueError(
                    f"{instrument}: item {number} is not part of this instrument "
                    f"(items: {', '.join(map(str, numbers))})"
                )
            by_item[number] = value
        return by_item
    if isinstance(answers, str | bytes) or not isinstance(answers, Sequence):
        raise TypeError(
            f"{instrument}: give answers as a mapping {{item number: answer}} or a sequence, "
            f"not {type(answers).__name__}"
        )
    if len(answers) != len(numbers):
        raise ValueError(
            f"{instrument}: expected {len(numbers)} answers in item order "
            f"({', '.join(map(str, numbers))}), got {len(answers)}; use None for a missing answer"
        )
    return dict(zip(numbers, answers, strict=True))


def _decode_all(
    instrument: str, items: Sequence[Item], answers: Answers, coding: Coding
) -> dict[int, str | None]:
    raw = _answers_by_item(instrument, items, answers)
    return {
        item.number: coding.decode(raw.get(item.number), instrument=instrument, item=item.number)
        for item in items
    }


def _sum_unless_too_many_missing(points: Sequence[int | None], max_missing: int) -> int | None:
    """The sum with missing answers counting 0, or None when more than ``max_missing`` miss."""
    if sum(p is None for p in points) > max_missing:
        return None
    return sum(p for p in points if p is not None)


def _at_least(score: int | None, threshold: int) -> bool | None:
    return None if score is None else score >= threshold


@dataclass(frozen=True)
class DeJongGierveldRules:
    """The scoring rules of one De Jong Gierveld version, shared with survey scoring."""

    key: str
    name: str
    items: tuple[Item, ...]
    max_missing_total: int
    max_missing_subscale: int
    lonely_threshold: int
    severe_threshold: int
    severe_label: str
    """What a total of ``severe_threshold`` or more is called."""
    subscale_lonely_threshold: int
    total_bands: tuple[Band, ...]
    subscale_bands_cbs: tuple[Band, ...] | None = None

    def subscale_items(self, subscale: Subscale) -> tuple[int, ...]:
        return tuple(item.number for item in self.items if item.subscale == subscale)

    @property
    def max_total(self) -> int:
        return len(self.items)

    def score(self, answers: Answers, *, coding: Coding = DJG_AUTO_CODING) -> DeJongGierveldResult:
        """Score one questionnaire; see :func:`score_djg11` and :func:`score_djg6`."""
        decoded = _decode_all(self.key, self.items, answers, coding)
        points: dict[int, int | None] = {}
        for item in self.items:
            answer = decoded[item.number]
            points[item.number] = None if answer is None else djg_points(item, answer)
        total = _sum_unless_too_many_missing(list(points.values()), self.max_missing_total)
        emotional, social = (
            _sum_unless_too_many_missing(
                [points[n] for n in self.subscale_items(subscale)], self.max_missing_subscale
            )
            for subscale in (Subscale.EMOTIONAL, Subscale.SOCIAL)
        )
        emotionally_lonely = _at_least(emotional, self.subscale_lonely_threshold)
        socially_lonely = _at_least(social, self.subscale_lonely_threshold)

        def subscale_label(lonely: bool | None) -> str | None:
            return None if lonely is None else (EENZAAM if lonely else NIET_EENZAAM)

        cbs = self.subscale_bands_cbs
        return DeJongGierveldResult(
            instrument=self.key,
            total=total,
            emotional=emotional,
            social=social,
            category=label_for(total, self.total_bands),
            emotional_category=subscale_label(emotionally_lonely),
            social_category=subscale_label(socially_lonely),
            emotional_category_cbs=label_for(emotional, cbs) if cbs else None,
            social_category_cbs=label_for(social, cbs) if cbs else None,
            is_lonely=_at_least(total, self.lonely_threshold),
            is_severely_lonely=_at_least(total, self.severe_threshold),
            is_emotionally_lonely=emotionally_lonely,
            is_socially_lonely=socially_lonely,
            missing_items=tuple(n for n, p in points.items() if p is None),
            answers=MappingProxyType(decoded),
        )


DJG11 = DeJongGierveldRules(
    key="djg11",
    name="De Jong Gierveld eenzaamheidsschaal (11 items)",
    items=DJG_ITEMS,
    max_missing_total=MAX_MISSING_TOTAL_11,
    max_missing_subscale=MAX_MISSING_SUBSCALE_11,
    lonely_threshold=LONELY_THRESHOLD_11,
    severe_threshold=SEVERE_THRESHOLD_11,
    severe_label="(zeer) ernstig eenzaam",
    subscale_lonely_threshold=SUBSCALE_LONELY_THRESHOLD_11,
    total_bands=TOTAL_BANDS_11,
)
DJG6 = DeJongGierveldRules(
    key="djg6",
    name="De Jong Gierveld eenzaamheidsschaal (6 items)",
    items=tuple(_DJG_BY_NUMBER[n] for n in sorted(DJG6_EMOTIONAL_ITEMS + DJG6_SOCIAL_ITEMS)),
    max_missing_total=MAX_MISSING_TOTAL_6,
    max_missing_subscale=MAX_MISSING_SUBSCALE_6,
    lonely_threshold=LONELY_THRESHOLD_6,
    severe_threshold=STRONG_THRESHOLD_6,
    severe_label=STERK_EENZAAM,
    subscale_lonely_threshold=SUBSCALE_LONELY_THRESHOLD_6,
    total_bands=TOTAL_BANDS_6,
    subscale_bands_cbs=SUBSCALE_BANDS_6_CBS,
)


def score_djg11(answers: Answers, *, coding: Coding = DJG_AUTO_CODING) -> DeJongGierveldResult:
    """Score the 11-item De Jong Gierveld scale.

    ``answers`` is ``{item_number: answer}`` (items 1-11) or a sequence of 11 answers in item
    order; a missing answer is absent, None, empty or NaN. Answers are "ja", "min of meer",
    "nee" (and "ja!", "nee!"), or numbers under ``coding`` (default 1/2/3 = nee/min of
    meer/ja). Raises :class:`UnknownAnswerError` (a ValueError) for an unknown code.
    """
    return DJG11.score(answers, coding=coding)


def score_djg6(answers: Answers, *, coding: Coding = DJG_AUTO_CODING) -> DeJongGierveldResult:
    """Score the 6-item De Jong Gierveld scale (items 3, 4, 7, 8, 9, 10 of the 11-item list).

    ``answers`` is ``{item_number: answer}`` with those item numbers, or a sequence of 6
    answers in ascending item order 3, 4, 7, 8, 9, 10 (not CBS's question order,
    ``CBS_QUESTION_ORDER_6``). Otherwise as :func:`score_djg11`.
    """
    return DJG6.score(answers, coding=coding)
