"""Small numbers are not shown (DESIGN.md, privacy): the one rule for every aggregate.

A count below ``MIN_SHOWN`` (0 included) is shown as ``"<5"``; a share, mean or other figure
computed on fewer than ``MIN_SHOWN`` records is not shown at all; a comparison group of fewer
than ``MIN_GROUP`` municipalities publishes nothing. A share or mean is also hidden when a count
it is computed from is hidden (``derived_hidden``). Where counts add up to a shown total, one
hidden count would be the total minus the others, so a second count is hidden as well
(``protect_group``, shown as ``"verborgen"``). Apps call these helpers instead of writing the
rule again.
"""

from __future__ import annotations

from collections.abc import Sequence

#: Counts of people or records below this are shown as "<5".
MIN_SHOWN = 5
#: Published aggregates of municipalities (benchmark groups) need at least this many.
MIN_GROUP = 5
FEW = "<5"


def is_suppressed(count: int | None, minimum: int = MIN_SHOWN) -> bool:
    """True for a count that may not be shown (0 included); None (unknown) is not suppressed."""
    return count is not None and count < minimum


def shown_count(count: int | None, minimum: int = MIN_SHOWN) -> str:
    """The count as shown: "<5" below the minimum, "" for unknown, else the number."""
    if count is None:
        return ""
    return FEW if count < minimum else str(count)


def shown_share(value: float | None, base: int | None, minimum: int = MIN_SHOWN) -> float | None:
    """A share (or mean) computed on ``base`` records, or None when the base is too small."""
    if value is None or base is None or base < minimum:
        return None
    return value


#: A count of 5 or more that is hidden all the same, because with a total it would give a
#: hidden small count away (secondary suppression, ``protect_group``).
HIDDEN = "verborgen"


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def protect_group(
    parts: Sequence[float | None], hidden: Sequence[bool], total_hidden: bool = False
) -> tuple[list[bool], bool]:
    """Secondary suppression for a group of counts with a total (a row or column with a total,
    the municipalities of a province): when exactly one member of the group (a part or the
    total) is hidden, it is the total minus the shown parts (or the sum of the parts), so the
    smallest shown part is hidden too (the first of equals; the total when no part is shown).
    ``hidden`` says which parts are hidden already; a part that is None (unknown) is neither
    shown nor hidden. Returns the hidden flags of the parts and of the total."""
    flags = list(hidden)
    if sum(flags) + total_hidden != 1:
        return flags, total_hidden
    shown = [i for i, value in enumerate(parts) if not flags[i] and _is_number(value)]
    if not shown:
        return flags, True
    smallest = min(shown, key=lambda i: parts[i])
    flags[smallest] = True
    return flags, total_hidden


def group_hidden(
    parts: Sequence[float | None], total: float | None, minimum: int = MIN_SHOWN
) -> tuple[list[bool], bool]:
    """Which counts of a group with a total to hide: each below ``minimum`` (the one rule),
    then ``protect_group``. Returns the hidden flags of the parts and of the total."""
    return protect_group(
        parts,
        [_is_number(v) and is_suppressed(v, minimum) for v in parts],
        _is_number(total) and is_suppressed(total, minimum),
    )


def derived_hidden(base: float | None, counts_hidden: bool, minimum: int = MIN_SHOWN) -> bool:
    """A share, mean or other number is hidden when its ``base`` is unknown or below
    ``minimum``, or when a count it is computed from is hidden (a shown 30% of a shown 10
    would give a hidden 3 away)."""
    return counts_hidden or not _is_number(base) or is_suppressed(base, minimum)
