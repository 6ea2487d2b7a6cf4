"""The finder's order by distance, fetched a page at a time.

Initiatives are placed at the centre of their PC4 area, so even a big city's thousands of
initiatives stand on a few hundred points. ``Nearby`` asks the database how many matching
initiatives stand on each point of the bounding box (one GROUP BY, which also counts those
without a place: online, at home), works out the exact great-circle distance of each point
once, and keeps the points within reach, nearest first. A short result is then read in one
query and ordered here; a long one is read a page at a time, only the points the page
covers (by name). Either way it is a sequence Django's ``Paginator`` can page through.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Count, Q, QuerySet

from omzien.socialmap.choices import Where

Point = tuple[float, float]
#: Up to this many results, read them all in one query and order them here; more are read
#: a page at a time.
SMALL = 2000
ANYWHERE = [Where.ONLINE, Where.AT_HOME]


class Nearby:
    """The ids of the initiatives within ``km`` of ``origin`` nearest first (then those
    without a place, by name); ``km`` maps each point in reach to its distance."""

    def __init__(self, queryset: QuerySet, origin: Point, km: float, box: dict, distance: Callable):
        self.queryset = queryset.order_by().filter(
            Q(where=Where.VENUE, **box) | Q(where__in=ANYWHERE)
        )
        self.origin, self.reach, self.distance = origin, km, distance
        self.km: dict[Point, float] = {}
        self.segments: list[tuple[Point | None, int]] = []
        rows = list(
            self.queryset.values_list("pk", "name", "latitude", "longitude", "where")[: SMALL + 1]
        )
        self._all = self._order(rows) if len(rows) <= SMALL else None
        self.total = len(self._all) if self._all is not None else self._count_per_point()

    def __len__(self) -> int:
        return self.total

    def _in_reach(self, point: Point) -> bool:
        if point not in self.km:
            self.km[point] = self.distance(self.origin, point)
        return self.km[point] <= self.reach

    def _order(self, rows) -> list[int]:
        """A short result, ordered here: nearest point first, by name at one point."""
        keyed = []
        for pk, name, lat, lon, where in rows:
            if where != Where.VENUE:
                keyed.append((1, 0.0, name, pk))
            elif self._in_reach((lat, lon)):
                keyed.append((0, self.km[(lat, lon)], f"{lat},{lon}\t{name}", pk))
        keyed.sort()
        return [pk for *_, pk in keyed]

    def _count_per_point(self) -> int:
        """A long result: how many at each point in reach (one GROUP BY), pages read later."""
        near, anywhere = [], 0
        groups = self.queryset.values_list("where", "latitude", "longitude").annotate(n=Count("pk"))
        for where, lat, lon, count in groups:
            if where != Where.VENUE:
                anywhere += count
            elif self._in_reach((lat, lon)):
                near.append((self.km[(lat, lon)], lat, lon, count))
        near.sort()
        self.segments = [((lat, lon), count) for _, lat, lon, count in near]
        if anywhere:
            self.segments.append((None, anywhere))
        return sum(count for _, count in self.segments)

    def _segment_ids(self, point: Point | None, start: int, stop: int) -> list[int]:
        if point is None:
            rows = self.queryset.filter(where__in=ANYWHERE)
        else:
            rows = self.queryset.filter(where=Where.VENUE, latitude=point[0], longitude=point[1])
        return list(rows.order_by("name", "pk").values_list("pk", flat=True)[start:stop])

    def __getitem__(self, index: slice) -> list[int]:
        if not isinstance(index, slice) or index.step not in (None, 1):
            raise TypeError("Nearby supports plain slices only")
        if self._all is not None:
            return self._all[index]
        start, stop, _ = index.indices(self.total)
        ids, offset = [], 0
        for point, count in self.segments:
            end = offset + count
            if end > start and offset < stop:
                ids += self._segment_ids(point, max(start - offset, 0), min(stop, end) - offset)
            offset = end
            if offset >= stop:
                break
        return ids
