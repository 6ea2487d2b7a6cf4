"""Matching for a case (issue 9, item 4): the published initiatives of the municipality that
fit a resident, best first, each with its reasons in Dutch words (docs/matching.md).

Hard rules first: within the target age, reachable, not full, accessible where the resident
needs it. Then a transparent score: the sum of a few parts (``matching_parts.py``), each one
``Reason``; the weights are a setting of the municipality (``SocialMapSettings.match_weights``,
empty: ``DEFAULT_WEIGHTS``). The same inputs always give the same order.

``best_matches`` narrows the initiatives in SQL (municipality, published, age, not full,
a box of ``match_max_km`` around the resident's point, the accessibility flags), then applies
exactly the rules of ``brute_force``, which scans any initiatives in Python: the reference of
the tests and the benchmark (``bench/matching.py``).
"""

from __future__ import annotations

import functools
import heapq
import logging
import math
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from omzien.socialmap.choices import Status, Where
from omzien.socialmap.matching_parts import (
    AT_HOME,
    DAY_ENDS,
    DAY_STARTS,
    VENUE,
    bound,
    one_to_one,
    parts,
    rest_bound,
)
from omzien.socialmap.matching_sql import candidate_rows
from omzien.socialmap.models import Event, Initiative

logger = logging.getLogger(__name__)

BARRIERS = ("mobility", "hearing", "sight", "money", "language", "digital", "transport")
WISHES = ("one_to_one", "group", "at_home", "daytime")
#: The points of each part at full strength; a municipality may change them (0 to 10; 0
#: switches a part off). ``waiting_list`` and a contrary wish subtract.
DEFAULT_WEIGHTS: dict[str, float] = {
    "kind_fit": 4.0,
    "distance": 2.0,
    "free": 1.5,
    "interest": 1.5,
    "wish": 1.0,
    "places_left": 0.5,
    "waiting_list": 1.0,
    "wheelchair": 0.5,
    "hearing_loop": 0.5,
    "transport": 1.0,
    "target_group": 1.0,
    "language": 1.0,
}
MAX_WEIGHT = 10.0
#: Without transport of their own ("transport" barrier) a resident reaches an address only
#: when the initiative arranges transport or it is this near (walking, a mobility scooter).
NEAR_KM = 1.5
ONLINE = str(Where.ONLINE)
#: Used when a caller passes no ``max_km`` and no municipality (the model's default).
DEFAULT_MAX_KM = 10


@dataclass(frozen=True)
class Need:
    """What matching knows of the resident: the kind of loneliness of the latest assessment
    ("social", "emotional", "both", "none", "unknown"), age, the PC4 point of the postcode,
    and what the caseworker recorded (``signalling.CaseNeeds``)."""

    kind: str
    age: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    interests: frozenset[str] = frozenset()
    barriers: frozenset[str] = frozenset()
    wishes: frozenset[str] = frozenset()

    def __post_init__(self):
        # Lists from CaseNeeds' JSON are welcome: kept as frozensets (hashable, fast "in").
        for name in ("interests", "barriers", "wishes"):
            object.__setattr__(self, name, frozenset(getattr(self, name) or ()))


@dataclass(frozen=True)
class Reason:
    code: str
    text: str
    points: float


@dataclass(frozen=True)
class Match:
    initiative: Initiative
    score: float
    reasons: tuple[Reason, ...]
    distance_km: float | None


def check_weights(weights: dict) -> dict[str, float]:
    """The weights as numbers, or ValidationError in Dutch (unknown name, not a number, not
    between 0 and 10)."""
    if not isinstance(weights, dict):
        raise ValidationError(_("De gewichten zijn geen lijst van namen en getallen."))
    checked = {}
    for name, value in weights.items():
        if name not in DEFAULT_WEIGHTS:
            raise ValidationError(_("Onbekend gewicht: %(name)s.") % {"name": name})
        if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
            raise ValidationError(_("Het gewicht %(name)s is geen getal.") % {"name": name})
        if not 0 <= value <= MAX_WEIGHT:
            raise ValidationError(
                _("Het gewicht %(name)s ligt niet tussen 0 en 10.") % {"name": name}
            )
        checked[name] = float(value)
    return checked


def weights_with_defaults(weights: dict | None) -> dict[str, float]:
    """``DEFAULT_WEIGHTS`` with the given (checked) weights over them."""
    return {**DEFAULT_WEIGHTS, **check_weights(weights or {})}


def _stored_weights(settings) -> dict[str, float]:
    """The municipality's weights; a stored row the service did not write (an operator's edit
    in the admin) that fails the check gives the defaults, with a warning in the log."""
    try:
        return weights_with_defaults(settings.match_weights)
    except ValidationError:
        logger.warning("match_weights of municipality %s refused; defaults used",
                       settings.municipality_id)  # fmt: skip
        return dict(DEFAULT_WEIGHTS)


@functools.lru_cache(maxsize=8192)
def _radians_cos(latitude: float) -> tuple[float, float]:
    radians = math.radians(latitude)
    return radians, math.cos(radians)  # the PC4 points recur: computed once each


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine) in kilometres."""
    (p1, cos1), (p2, cos2) = _radians_cos(lat1), _radians_cos(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + cos1 * cos2 * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def _outside(row, need: Need) -> bool:
    """Outside the target age, or full without a waiting list, or not accessible."""
    age = need.age
    if age is not None and (
        (row.age_min is not None and age < row.age_min)
        or (row.age_max is not None and age > row.age_max)
    ):
        return True
    if row.places_left == 0 and not row.waiting_list:
        return True
    barriers = need.barriers
    if "hearing" in barriers and not (row.hearing_loop or one_to_one(row)):
        return True
    return "mobility" in barriers and row.where == VENUE and not row.wheelchair


def _reach(row, need: Need, max_km: float) -> tuple[bool, float | None]:
    """Can the resident get there, and how far is it (km, None without two points)?"""
    where = row.where
    if where == ONLINE:
        return "digital" not in need.barriers, None
    if where == AT_HOME:
        return True, None
    no_transport = "transport" in need.barriers
    if need.latitude is None or need.longitude is None or row.latitude is None:
        return (not no_transport or row.transport), None
    km = distance_km(need.latitude, need.longitude, row.latitude, row.longitude)
    if km > max_km or (no_transport and not row.transport and km > NEAR_KM):
        return False, None
    return True, round(km, 3)


def _admit(rows: Iterable, need: Need, max_km: float) -> list[tuple]:
    """(row, distance) of each row that passes the hard rules."""
    admitted = []
    for row in rows:
        if _outside(row, need):
            continue
        ok, km = _reach(row, need, max_km)
        if ok:
            admitted.append((row, km))
    return admitted


def _daytimes(ids: list[int]) -> dict[int, bool]:
    """Per initiative with events: do all its meetings fall in the daytime (local time)?"""
    from omzien.socialmap.agenda import TZ

    found: dict[int, bool] = {}
    for start in range(0, len(ids), 500):
        events = Event.objects.filter(initiative_id__in=ids[start : start + 500]).order_by()
        for initiative_id, starts_at, minutes in events.values_list(
            "initiative_id", "starts_at", "minutes"
        ):
            local = starts_at.astimezone(TZ)
            begin = local.hour * 60 + local.minute
            day = begin >= DAY_STARTS and begin + minutes <= DAY_ENDS
            found[initiative_id] = found.get(initiative_id, True) and day
    return found


def _scored(admitted, need: Need, weights: dict, max_km: float, limit: int, daytimes, prune):
    """(-score, distance, name, pk, row) of every admitted row that may be among the best
    ``limit``. With ``prune``: rows in order of an upper bound of their score (kind fit and
    distance exactly, the other parts at their most); once ``limit`` rows score more than the
    next bound, no row left can enter. Without: every row (the brute force)."""
    order = [(math.inf, row, km) for row, km in admitted]
    if prune:
        rest = rest_bound(need, weights) + 1e-3  # and room for the rounding of the parts
        memo: dict = {}
        order = [
            (bound(row, need, distance=km, weights=weights, max_km=max_km, memo=memo) + rest,
             row, km)
            for row, km in admitted
        ]  # fmt: skip
        order.sort(key=lambda item: -item[0])
    scored, best = [], []  # best: a min-heap of the ``limit`` highest scores so far
    for ceiling, row, km in order:
        if len(best) == limit and ceiling < best[0]:
            break
        found = parts(row, need, distance=km, weights=weights, max_km=max_km,
                      daytime=daytimes.get(row.pk), words=False)  # fmt: skip
        score = sum(p[1] for p in found)
        scored.append((-score, math.inf if km is None else km, row.name, row.pk, row))
        heapq.heappush(best, score)
        if len(best) > limit:
            heapq.heappop(best)
    return scored


def _ranked(admitted, need: Need, weights: dict, max_km: float, limit: int, *, prune=True):
    """(row, score, reasons, distance) of the best ``limit``, in the one fixed order: score
    (high first), distance (near first, unknown last), name, pk. The points are summed
    first, the words only for the best (the same parts: ``words`` changes no points)."""
    daytimes = _daytimes([row.pk for row, _km in admitted]) if "daytime" in need.wishes else {}
    if limit <= 0:
        return []
    scored = _scored(admitted, need, weights, max_km, limit, daytimes, prune)
    ranked = []
    for _minus, _km, _name, pk, row in heapq.nsmallest(limit, scored, key=lambda s: s[:4]):
        km = None if _km == math.inf else _km
        found = parts(row, need, distance=km, weights=weights, max_km=max_km,
                      daytime=daytimes.get(pk))  # fmt: skip
        reasons = tuple(Reason(code, text, points) for code, points, text in found)
        ranked.append((row, sum(r.points for r in reasons), reasons, km))
    return ranked


def _check_need(need: Need) -> None:
    unknown = (need.barriers - set(BARRIERS)) | (need.wishes - set(WISHES))
    if unknown:
        raise ValueError(f"unknown barriers or wishes: {sorted(unknown)}")


def brute_force(
    initiatives: Iterable[Initiative],
    need: Need,
    *,
    limit: int = 10,
    weights: dict | None = None,
    max_km: float = DEFAULT_MAX_KM,
    municipality=None,
) -> list[Match]:
    """The same rules as ``best_matches``, by scanning every given initiative in Python
    (published ones only; of ``municipality`` if given). The reference of tests and bench."""
    _check_need(need)
    weights = weights_with_defaults(weights)
    mid = getattr(municipality, "pk", municipality)
    published = str(Status.PUBLISHED)
    rows = (
        i
        for i in initiatives
        if (mid is None or i.municipality_id == mid) and i.status == published
    )
    admitted = _admit(rows, need, max_km)
    ranked = _ranked(admitted, need, weights, max_km, limit, prune=False)
    return [Match(row, score, reasons, km) for row, score, reasons, km in ranked]


def best_matches(
    municipality, need: Need, *, limit: int = 10, weights: dict | None = None
) -> list[Match]:
    """The best ``limit`` published initiatives of the municipality for ``need``: hard rules
    first, then by score (high first), ties by distance, name and pk. ``weights`` None: the
    municipality's setting."""
    from omzien.socialmap.settings import settings_of

    _check_need(need)
    settings = settings_of(municipality)
    max_km = settings.match_max_km
    weights = _stored_weights(settings) if weights is None else weights_with_defaults(weights)
    rows = candidate_rows(getattr(municipality, "pk", municipality), need, max_km)
    ranked = _ranked(_admit(rows, need, max_km), need, weights, max_km, limit)
    full = {i.pk: i for i in Initiative.objects.filter(pk__in=[r[0].pk for r in ranked]).order_by()}
    return [Match(full[row.pk], score, reasons, km) for row, score, reasons, km in ranked]
