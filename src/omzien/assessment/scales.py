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
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Any, Literal, Protocol

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

# ---------------------------------------------------------------------------------------------
# Items
# ---------------------------------------------------------------------------------------------


class Subscale(StrEnum):
    """The two subscales of the De Jong Gierveld scale."""

    EMOTIONAL = "emotional"
    SOCIAL = "social"


@dataclass(frozen=True)
class Item:
    """One question of an instrument.

    ``number`` is the item number within the instrument; for both De Jong Gierveld versions it
    is the number in the 11-item list (the 6-item scale uses items 3, 4, 7, 8, 9, 10).
    ``positive`` marks a positively worded De Jong Gierveld item, where "nee" is the lonely
    answer; for negatively worded items "ja" is.
    """

    number: int
    text: str
    subscale: Subscale | None = None
    positive: bool = False
    keyword: str = ""


@dataclass(frozen=True)
class AnswerOption:
    """An answer a form can offer: the stored ``value`` and the Dutch ``label`` to show."""

    value: str
    label: str


# The stem and items exactly as in DOMAIN.md section 3 (the UI shows them).
DJG_STEM = (
    "Wilt u van elk van de volgende uitspraken aangeven in hoeverre die op u, zoals u de "
    "laatste tijd bent, van toepassing is?"
)

_E, _S = Subscale.EMOTIONAL, Subscale.SOCIAL
DJG_ITEMS: tuple[Item, ...] = (
    Item(
        1,
        "Er is altijd wel iemand in mijn omgeving bij wie ik met mijn dagelijkse probleempjes "
        "terecht kan.",
        _S,
        positive=True,
        keyword="probleempjes",
    ),
    Item(2, "Ik mis een echt goede vriend of vriendin.", _E, keyword="goede vriend"),
    Item(3, "Ik ervaar een leegte om me heen.", _E, keyword="leegte"),
    Item(
        4,
        "Er zijn genoeg mensen op wie ik in geval van narigheid kan terugvallen.",
        _S,
        positive=True,
        keyword="narigheid",
    ),
    Item(5, "Ik mis gezelligheid om me heen.", _E, keyword="gezelligheid"),
    Item(6, "Ik vind mijn kring van kennissen te beperkt.", _E, keyword="kennissen"),
    Item(
        7,
        "Ik heb veel mensen op wie ik volledig kan vertrouwen.",
        _S,
        positive=True,
        keyword="vertrouwen",
    ),
    Item(
        8,
        "Er zijn voldoende mensen met wie ik me nauw verbonden voel.",
        _S,
        positive=True,
        keyword="verbonden",
    ),
    Item(9, "Ik mis mensen om me heen.", _E, keyword="mis mensen"),
    Item(10, "Vaak voel ik me in de steek gelaten.", _E, keyword="in de steek gelaten"),
    Item(
        11,
        "Wanneer ik daar behoefte aan heb, kan ik altijd bij mijn vrienden terecht.",
        _S,
        positive=True,
        keyword="vrienden",
    ),
)
_DJG_BY_NUMBER: Mapping[int, Item] = MappingProxyType({item.number: item for item in DJG_ITEMS})

DJG6_EMOTIONAL_ITEMS: tuple[int, ...] = (3, 9, 10)
DJG6_SOCIAL_ITEMS: tuple[int, ...] = (4, 7, 8)
CBS_QUESTION_ORDER_6: tuple[int, ...] = (3, 4, 7, 9, 8, 10)
"""CBS's own order: leegte, narigheid, vertrouwen, mis mensen, verbonden, in de steek gelaten."""

# ---------------------------------------------------------------------------------------------
# Answer codes
# ---------------------------------------------------------------------------------------------

JA = "ja"
MIN_OF_MEER = "min of meer"
NEE = "nee"
DJG_OPTIONS: tuple[AnswerOption, ...] = (
    AnswerOption(JA, "ja"),
    AnswerOption(MIN_OF_MEER, "min of meer"),
    AnswerOption(NEE, "nee"),
)
"""The three answers of the De Jong Gierveld scale, in questionnaire order."""
DJG_OPTIONS_5: tuple[AnswerOption, ...] = (
    AnswerOption("ja!", "ja!"),
    AnswerOption(JA, "ja"),
    AnswerOption(MIN_OF_MEER, "min of meer"),
    AnswerOption(NEE, "nee"),
    AnswerOption("nee!", "nee!"),
)
"""The five-answer format some questionnaires use; "ja!" counts as "ja", "nee!" as "nee"."""


_INTEGRAL_DECIMAL = re.compile(r"-?\d+\.0*")


def normalize_code(raw: object) -> str | None:
    """Normalise one raw answer to the string looked up in a :class:`Coding`.

    ``None``, an empty or blank string and NaN mean "missing" and give ``None``. Strings are
    lower-cased with surrounding whitespace removed and inner runs of whitespace collapsed to
    one space; integers, and floats or decimal strings with an integral value as spreadsheets
    and SPSS exports produce (``2.0``, ``"2.00"``), become their decimal digits.
    """
    if raw is None:
        return None
    if isinstance(raw, bool):
        return str(raw).lower()
    if isinstance(raw, int):
        return str(raw)
    if isinstance(raw, float):
        if math.isnan(raw):
            return None
        return str(int(raw)) if raw.is_integer() else repr(raw)
    text = " ".join(str(raw).split()).lower()
    if _INTEGRAL_DECIMAL.fullmatch(text):
        return str(int(text.partition(".")[0]))
    return text or None


class UnknownAnswerError(ValueError):
    """An answer code that the coding does not know."""

    def __init__(self, instrument: str, item: int, value: object, accepted: Sequence[str]):
        self.instrument = instrument
        self.item = item
        self.value = value
        self.accepted = tuple(accepted)
        super().__init__(
            f"{instrument} item {item}: unknown answer {value!r}; expected one of: "
            + ", ".join(self.accepted)
            + " (or empty for a missing answer)"
        )


@dataclass(frozen=True)
class Coding:
    """How raw answer codes map to answer option values.

    ``codes`` maps normalised codes (see :func:`normalize_code`) to option values, e.g.
    ``{"ja!": "ja", "1": "nee"}``. Codings are instrument-specific.
    """

    name: str
    codes: Mapping[str, str] = field(hash=False)

    def __post_init__(self) -> None:
        normalised = {}
        for code, value in self.codes.items():
            key = normalize_code(code)
            if key is None:
                raise ValueError(f"coding {self.name!r}: an answer code cannot be empty")
            normalised[key] = value
        object.__setattr__(self, "codes", MappingProxyType(normalised))

    def decode(self, raw: object, *, instrument: str = "", item: int = 0) -> str | None:
        """The option value for ``raw``; None when missing. Raises :class:`UnknownAnswerError`."""
        code = normalize_code(raw)
        if code is None:
            return None
        try:
            return self.codes[code]
        except KeyError:
            raise UnknownAnswerError(instrument, item, raw, tuple(self.codes)) from None

    def __or__(self, other: Coding) -> Coding:
        """A coding accepting the codes of both (the right-hand side wins on conflicts)."""
        return Coding(f"{self.name}+{other.name}", {**self.codes, **other.codes})


DJG_TEXT_CODING = Coding(
    "text", {"ja!": JA, "ja": JA, MIN_OF_MEER: MIN_OF_MEER, "nee": NEE, "nee!": NEE}
)
"""The three-answer and five-answer text formats, case- and whitespace-insensitive."""


def numeric_coding(codes: Mapping[int, str], *, name: str = "numeric") -> Coding:
    """A De Jong Gierveld coding for numbered answers, e.g. ``{1: "nee", 2: "min of meer",
    3: "ja"}``. The values are text answers (``"ja!"`` and ``"nee!"`` allowed), so a five-point
    coding is ``{1: "nee!", 2: "nee", 3: "min of meer", 4: "ja", 5: "ja!"}``."""
    mapped: dict[str, str] = {}
    for number, text in codes.items():
        if isinstance(number, bool) or not isinstance(number, int):
            raise ValueError(f"numeric coding: {number!r} is not a whole number")
        answer = DJG_TEXT_CODING.decode(text, instrument="numeric coding", item=number)
        if answer is None:
            raise ValueError(f"numeric coding: no answer given for {number}")
        mapped[str(number)] = answer
    return Coding(name, mapped)


DJG_NUMERIC_CODING = numeric_coding({1: NEE, 2: MIN_OF_MEER, 3: JA})
"""The default numeric coding: 1 = nee, 2 = min of meer, 3 = ja."""
DJG_AUTO_CODING = Coding("auto", {**DJG_TEXT_CODING.codes, **DJG_NUMERIC_CODING.codes})
"""Text answers (three or five answers) and the default numbers 1/2/3 (the default)."""
DJG_CODINGS: Mapping[str, Coding] = MappingProxyType(
    {"auto": DJG_AUTO_CODING, "text": DJG_TEXT_CODING, "numeric": DJG_NUMERIC_CODING}
)


def djg_points(item: Item, answer: str) -> int:
    """1 when ``answer`` (an option value) is unfavourable on this De Jong Gierveld item.

    "min of meer" scores 1 on every item; otherwise "nee" scores on positively worded items and
    "ja" on negatively worded ones.
    """
    if answer == MIN_OF_MEER:
        return 1
    return int(answer == (NEE if item.positive else JA))


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


# UCLA 3-item. The English texts are Hughes et al. (2004); the Dutch wording is our working
# translation, not a validated Dutch version: check it before using it in research.
UCLA3_STEM = (
    "De volgende vragen gaan over hoe u zich voelt over verschillende kanten van uw leven. "
    "Wilt u bij elke vraag aangeven hoe vaak u zich zo voelt?"
)
UCLA3_ITEMS: tuple[Item, ...] = (
    Item(1, "Hoe vaak heeft u het gevoel dat u gezelschap mist?", keyword="lack companionship"),
    Item(2, "Hoe vaak voelt u zich buitengesloten?", keyword="left out"),
    Item(3, "Hoe vaak voelt u zich geïsoleerd van anderen?", keyword="isolated"),
)
UCLA3_OPTIONS: tuple[AnswerOption, ...] = (
    AnswerOption("hardly_ever", "zelden of nooit"),
    AnswerOption("some_of_the_time", "soms"),
    AnswerOption("often", "vaak"),
)
UCLA3_POINTS: Mapping[str, int] = MappingProxyType(
    {"hardly_ever": 1, "some_of_the_time": 2, "often": 3}
)
UCLA3_CODING = Coding(
    "ucla3",
    {
        **{option.value: option.value for option in UCLA3_OPTIONS},
        **{option.label: option.value for option in UCLA3_OPTIONS},
        "hardly ever": "hardly_ever",
        "some of the time": "some_of_the_time",
        **{str(points): value for value, points in UCLA3_POINTS.items()},
    },
)
"""Option values, Dutch and English labels, and the scale's own numbers 1/2/3."""


def score_ucla3(answers: Answers, *, coding: Coding = UCLA3_CODING) -> Ucla3Result:
    """Score the UCLA 3-item scale: hardly ever = 1, some of the time = 2, often = 3."""
    decoded = _decode_all("ucla3", UCLA3_ITEMS, answers, coding)
    points = [None if a is None else UCLA3_POINTS[a] for a in decoded.values()]
    total = _sum_unless_too_many_missing(points, UCLA3_MAX_MISSING)
    return Ucla3Result(
        total=total,
        category=label_for(total, UCLA3_BANDS),
        is_lonely=_at_least(total, UCLA3_LONELY_THRESHOLD),
        missing_items=tuple(n for n, a in decoded.items() if a is None),
        answers=MappingProxyType(decoded),
    )


# Direct question (ONS). The Dutch wording is our working translation.
DIRECT_STEM = ""
DIRECT_ITEMS: tuple[Item, ...] = (Item(1, "Hoe vaak voelt u zich eenzaam?", keyword="direct"),)
DIRECT_OPTIONS: tuple[AnswerOption, ...] = (
    AnswerOption("often_always", "vaak of altijd"),
    AnswerOption("some_of_the_time", "een deel van de tijd"),
    AnswerOption("occasionally", "af en toe"),
    AnswerOption("hardly_ever", "zelden"),
    AnswerOption("never", "nooit"),
)
DIRECT_CODING = Coding(
    "direct",
    {
        **{option.value: option.value for option in DIRECT_OPTIONS},
        **{option.label: option.value for option in DIRECT_OPTIONS},
        "often/always": "often_always",
        "some of the time": "some_of_the_time",
        "hardly ever": "hardly_ever",
    },
)
"""Option values and the Dutch and English (ONS) labels. No numeric coding: ONS answer
numbers differ between questionnaires, so numbers are refused rather than guessed."""


def score_direct(answers: object, *, coding: Coding = DIRECT_CODING) -> DirectQuestionResult:
    """Score the direct question. ``answers`` is the single answer, ``{1: answer}`` or
    ``[answer]``."""
    if isinstance(answers, Mapping) or (
        isinstance(answers, Sequence) and not isinstance(answers, str | bytes)
    ):
        answer = _decode_all("direct", DIRECT_ITEMS, answers, coding)[1]
    else:
        answer = coding.decode(answers, instrument="direct", item=1)
    order = [option.value for option in reversed(DIRECT_OPTIONS)]
    labels = {option.value: option.label for option in DIRECT_OPTIONS}
    return DirectQuestionResult(
        answer=answer,
        total=None if answer is None else order.index(answer),
        category=None if answer is None else labels[answer],
        is_lonely=None if answer is None else answer in DIRECT_LONELY_ANSWERS,
        missing_items=(1,) if answer is None else (),
    )


# ---------------------------------------------------------------------------------------------
# Registry
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Instrument:
    """An instrument a form can render generically: name, stem, items and answer options."""

    key: str
    name: str
    """Dutch name for the UI."""
    stem: str
    """Introductory text shown above the items (may be empty)."""
    items: tuple[Item, ...]
    options: tuple[AnswerOption, ...]
    """The answers to offer, in questionnaire order; ``value`` is what to store and score."""
    default_coding: Coding
    scorer: Callable[..., ScaleResult] = field(repr=False, compare=False)

    def score(self, answers: Answers, *, coding: Coding | None = None) -> ScaleResult:
        """Score ``answers`` (``{item_number: answer}`` or a sequence in item order)."""
        return self.scorer(answers, coding=coding or self.default_coding)


INSTRUMENTS: Mapping[str, Instrument] = MappingProxyType(
    {
        "djg11": Instrument(
            "djg11", DJG11.name, DJG_STEM, DJG11.items, DJG_OPTIONS, DJG_AUTO_CODING, score_djg11
        ),
        "djg6": Instrument(
            "djg6", DJG6.name, DJG_STEM, DJG6.items, DJG_OPTIONS, DJG_AUTO_CODING, score_djg6
        ),
        "ucla3": Instrument(
            "ucla3",
            "UCLA eenzaamheidsschaal (3 vragen)",
            UCLA3_STEM,
            UCLA3_ITEMS,
            UCLA3_OPTIONS,
            UCLA3_CODING,
            score_ucla3,
        ),
        "direct": Instrument(
            "direct",
            "Directe vraag naar eenzaamheid",
            DIRECT_STEM,
            DIRECT_ITEMS,
            DIRECT_OPTIONS,
            DIRECT_CODING,
            score_direct,
        ),
    }
)
