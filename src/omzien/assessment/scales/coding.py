"""Answer codes: how raw answers (text or numbers) map to answer options, and the points
of a De Jong Gierveld answer."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from omzien.assessment.scales.items import AnswerOption, Item

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
