"""Blind spots (issue 10, item 4): where signals are scarce relative to need.

Per district, the residents reached over the period (cases with a first contact, from the
signalling point's registered count, plus residents visited at home whose visit did not
become a signal, from the visits app's count: ``REACHED_KEYS``) against the estimated number
of severely lonely adults (measured where measured, else modelled: indicators.py), as a rate
per 1,000 estimated. Ranked from the lowest rate (rank 1: the least reached relative to need).

A district is **not ranked**, with the reason said, when its estimate is too uncertain to tell
it apart from noise:

* no estimated count (inhabitants unknown, or none), or no band;
* the lower bound of the severely lonely adults is below ``min_lower`` (default 10): with
  fewer than 10 severely lonely adults one reached resident more or less moves the rate by
  100 per 1,000 or more;
* the relative width of the 95% band, (upper - lower) / estimate, is above
  ``max_relative_width`` (default 1.0: the band is wider than the estimate itself).

Both are parameters, so a page may offer a stricter or looser choice; the defaults hold for
every municipality because they are about the estimate of one district, not about the
municipality (docs/riskmap.md).

A count of reached residents below 5 (0 included) is shown as "<5" (core/suppression.py); the
rate, which with the estimate would give the count away, is then shown as an upper limit
("<12,3"). The rank still uses the exact rate: a rank says only "lower than the next", not how
many.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.utils.translation import gettext as _

from omzien.core.suppression import MIN_SHOWN, is_suppressed, shown_count
from omzien.riskmap.indicators import DistrictIndicators

#: The name other modules import (issue 12: the factsheet); the rule is core/suppression.py.
MIN_COUNT = MIN_SHOWN
#: The lower bound of severely lonely adults below which a district is not ranked.
MIN_LOWER = 10.0
#: The relative width of the band above which a district is not ranked.
MAX_RELATIVE_WIDTH = 1.0
#: The registered own-records counts of residents reached: cases with a first contact
#: (signalling/figures.py) and home visits that did not become a signal (visits/figures.py; a
#: visit that did is counted once, as its case, when the caseworker makes contact).
REACHED = "reached"
REACHED_KEYS = (REACHED, "reached_by_visit")


@dataclass(frozen=True)
class BlindSpot:
    """One district's reach against need. ``rate`` is None when there is no estimate;
    ``rank`` None when not ranked (``reason`` says why)."""

    district_id: int
    code: str
    name: str
    estimated: float | None
    lower: float | None
    upper: float | None
    kind: str  # "gemeten" or "model"
    reached: int  # exact, for the rank only: pages and exports show reached_display
    reached_display: str
    suppressed: bool
    rate: float | None
    rate_display: str
    rank: int | None = None
    reason: str = ""


def _decimal(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def _unrankable(row: DistrictIndicators, min_lower: float, max_width: float) -> str:
    shown = row.severely_lonely
    if shown is None or shown.count is None:
        return _("Geen schatting: het aantal inwoners is onbekend.")
    if not shown.count:
        return _("Geen schatting: de wijk heeft geen volwassen inwoners.")
    if shown.lower_count is None or shown.upper_count is None:
        return _("Geen schatting met een onzekerheidsmarge.")
    if shown.lower_count < min_lower:
        return _(
            "Te onzeker: de ondergrens van de schatting is {lower} ernstig eenzamen, "
            "minder dan {minimum}."
        ).format(lower=_decimal(shown.lower_count), minimum=_decimal(min_lower))
    width = (shown.upper_count - shown.lower_count) / shown.count
    if width > max_width:
        return _(
            "Te onzeker: de marge ({lower} tot {upper}) is breder dan {percent}% van de schatting."
        ).format(
            lower=round(shown.lower_count),
            upper=round(shown.upper_count),
            percent=round(max_width * 100),
        )
    return ""


def _spot(row: DistrictIndicators, min_lower: float, max_width: float) -> BlindSpot:
    reached = sum(row.count(key) or 0 for key in REACHED_KEYS)
    display, suppressed = shown_count(reached), is_suppressed(reached)
    shown = row.severely_lonely
    estimated = shown.count if shown is not None else None
    rate = 1000.0 * reached / estimated if estimated else None
    if rate is None:
        rate_display = ""
    elif suppressed:
        rate_display = "<" + _decimal(1000.0 * MIN_SHOWN / estimated)  # type: ignore[operator]
    else:
        rate_display = _decimal(rate)
    return BlindSpot(
        district_id=row.district_id,
        code=row.code,
        name=row.name,
        estimated=estimated,
        lower=shown.lower_count if shown is not None else None,
        upper=shown.upper_count if shown is not None else None,
        kind=shown.kind if shown is not None else "",
        reached=reached,
        reached_display=display,
        suppressed=suppressed,
        rate=rate,
        rate_display=rate_display,
        reason=_unrankable(row, min_lower, max_width),
    )


def blind_spots(
    rows: list[DistrictIndicators],
    *,
    min_lower: float = MIN_LOWER,
    max_relative_width: float = MAX_RELATIVE_WIDTH,
) -> list[BlindSpot]:
    """The districts by rank (lowest reach per 1,000 estimated first), then the unranked ones
    by name. Equal rates share a rank (1, 2, 2, 4)."""
    spots = [_spot(row, min_lower, max_relative_width) for row in rows]
    ranked = sorted((s for s in spots if not s.reason), key=lambda s: (s.rate, s.name))
    result, previous = [], None
    for position, spot in enumerate(ranked, start=1):
        rank = previous[1] if previous and previous[0] == spot.rate else position
        result.append(replace(spot, rank=rank))
        previous = (spot.rate, rank)
    result.extend(sorted((s for s in spots if s.reason), key=lambda s: s.name))
    return result
