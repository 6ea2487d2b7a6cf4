"""The finder's query: published initiatives of one municipality, narrowed by words (Dutch
full-text search), kind, day and part of day, cost, accessibility and target group, and
ordered by distance from a postcode (a bounding box in SQL, then the exact great-circle
distance) or by name.

The public finder has no user to scope by: like the iCalendar feeds (``socialmap/public.py``)
it reads only ``status=PUBLISHED`` initiatives of the municipality in the URL.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q, QuerySet, TextField
from django.db.models.functions import Cast, ExtractHour, ExtractIsoWeekDay
from django.utils import timezone

from omzien.core.models import Municipality
from omzien.socialmap.agenda import TZ
from omzien.socialmap.choices import Status, Where
from omzien.socialmap.finder import fulltext
from omzien.socialmap.finder.nearby import Nearby
from omzien.socialmap.models import Event, Initiative

EARTH_KM = 6371.0088
#: Parts of the day by the local starting hour: [from, to).
DAY_PARTS = {"ochtend": (0, 12), "middag": (12, 18), "avond": (18, 24)}
#: The accessibility filters and the Initiative field each one needs.
ACCESS_FIELDS = {
    "rolstoel": "wheelchair",
    "ringleiding": "hearing_loop",
    "vervoer": "transport",
    "rustig": "quiet_room",
}


@dataclass(frozen=True)
class Criteria:
    """What a resident asked for (the finder form's cleaned data)."""

    words: str = ""
    point: tuple[float, float] | None = None  # (latitude, longitude) of the typed postcode
    km: float = 5.0
    kinds: tuple[str, ...] = ()
    days: tuple[int, ...] = ()  # ISO weekdays, 1 = Monday
    day_parts: tuple[str, ...] = ()
    cost: str = ""  # "", "gratis" or "betaald"
    access: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()


@dataclass
class Found:
    """The matching initiatives: ``ids`` in the order to show by distance (a ``Nearby``) and
    the distance of each point in reach (km); ``ids`` is None when the order is by name (then
    ``queryset`` pages)."""

    queryset: QuerySet
    ids: Nearby | None = None
    km: dict[tuple[float, float], float] = field(default_factory=dict)


def published(municipality: Municipality) -> QuerySet:
    return Initiative.objects.filter(municipality=municipality, status=Status.PUBLISHED)


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_KM * math.asin(math.sqrt(h))


def _json_list_has_any(queryset: QuerySet, name: str, codes: tuple[str, ...]) -> QuerySet:
    """Rows whose JSON list ``name`` holds any of ``codes``. The codes are fixed choice values,
    so a search for the quoted code in the list's text is exact on both databases."""
    if not codes:
        return queryset
    text = f"_{name}_text"
    queryset = queryset.alias(**{text: Cast(name, output_field=TextField())})
    condition = Q()
    for code in codes:
        condition |= Q(**{f"{text}__contains": f'"{code}"'})
    return queryset.filter(condition)


def _meets_when(municipality: Municipality, criteria: Criteria):
    """Initiatives with a meeting on one of the days and in one of the parts of the day
    (Dutch local time) that has not ended: a one-off meeting still to come, or a repeating
    one. A repeating meeting counts on the weekday and hour of its first date, which a weekly
    or fortnightly rule keeps."""
    events = Event.objects.filter(municipality=municipality, initiative=OuterRef("pk")).filter(
        Q(starts_at__gte=timezone.now()) | ~Q(rrule="")
    )
    if criteria.days:
        events = events.annotate(_day=ExtractIsoWeekDay("starts_at", tzinfo=TZ)).filter(
            _day__in=criteria.days
        )
    if criteria.day_parts:
        events = events.annotate(_hour=ExtractHour("starts_at", tzinfo=TZ))
        hours = Q()
        for part in criteria.day_parts:
            start, end = DAY_PARTS[part]
            hours |= Q(_hour__gte=start, _hour__lt=end)
        events = events.filter(hours)
    return Exists(events)


def filtered(municipality: Municipality, criteria: Criteria) -> QuerySet:
    """Every filter but distance."""
    queryset = fulltext.matching(published(municipality), criteria.words)
    queryset = _json_list_has_any(queryset, "kinds", criteria.kinds)
    queryset = _json_list_has_any(queryset, "target_groups", criteria.groups)
    if criteria.days or criteria.day_parts:
        queryset = queryset.filter(_meets_when(municipality, criteria))
    if criteria.cost == "gratis":
        queryset = queryset.filter(free=True)
    elif criteria.cost == "betaald":
        queryset = queryset.filter(free=False)
    for code in criteria.access:
        queryset = queryset.filter(**{ACCESS_FIELDS[code]: True})
    return queryset


def _bounding_box(point: tuple[float, float], km: float) -> dict[str, float]:
    lat, lon = point
    dlat = math.degrees(km / EARTH_KM)
    dlon = math.degrees(km / (EARTH_KM * max(math.cos(math.radians(lat)), 0.01)))
    return {
        "latitude__gte": lat - dlat,
        "latitude__lte": lat + dlat,
        "longitude__gte": lon - dlon,
        "longitude__lte": lon + dlon,
    }


def find(municipality: Municipality, criteria: Criteria) -> Found:
    """The matching initiatives. With a postcode: those within ``km`` nearest first, then
    the ones that come to the resident or are online (they have no place), by name."""
    queryset = filtered(municipality, criteria).order_by("name", "pk")
    if criteria.point is None:
        return Found(queryset=queryset)
    box = _bounding_box(criteria.point, criteria.km)
    ids = Nearby(queryset, criteria.point, criteria.km, box, haversine_km)
    return Found(queryset=queryset, ids=ids, km=ids.km)


def page_rows(found: Found, ids: list[int]) -> list[Initiative]:
    """The initiatives of one page of ``found.ids``, in that order, with their distance."""
    rows = found.queryset.select_related("organisation").in_bulk(ids)
    result = []
    for pk in ids:
        row = rows[pk]
        row.km = found.km.get((row.latitude, row.longitude)) if row.where == Where.VENUE else None
        result.append(row)
    return result


def upcoming_window(days: int = 42) -> tuple[dt.datetime, dt.datetime]:
    start = timezone.now().astimezone(TZ)
    return start, start + dt.timedelta(days=days)
