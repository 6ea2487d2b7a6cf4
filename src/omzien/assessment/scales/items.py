"""The questions of the De Jong Gierveld scale, its subscales and answer options."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

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
