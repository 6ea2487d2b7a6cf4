"""The UCLA 3-item scale, the direct question, and the registry of every instrument a form
can render."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from omzien.assessment.scales.coding import DJG_AUTO_CODING, DJG_OPTIONS, Coding
from omzien.assessment.scales.items import DJG_STEM, AnswerOption, Item
from omzien.assessment.scales.norms import (
    DIRECT_LONELY_ANSWERS,
    UCLA3_BANDS,
    UCLA3_LONELY_THRESHOLD,
    UCLA3_MAX_MISSING,
    label_for,
)
from omzien.assessment.scales.results import DirectQuestionResult, ScaleResult, Ucla3Result
from omzien.assessment.scales.scoring import (
    DJG6,
    DJG11,
    Answers,
    _at_least,
    _decode_all,
    _sum_unless_too_many_missing,
    score_djg6,
    score_djg11,
)

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
