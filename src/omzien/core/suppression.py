"""Small numbers are not shown (DESIGN.md, privacy): the one rule for every aggregate.

A count below ``MIN_SHOWN`` (0 included) is shown as ``"<5"``; a share, mean or other figure
computed on fewer than ``MIN_SHOWN`` records is not shown at all; a comparison group of fewer
than ``MIN_GROUP`` municipalities publishes nothing. Apps call these helpers instead of writing
the rule again.
"""

from __future__ import annotations

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
