"""The SQL narrowing of matching (``matching.py``): the rows that may pass the hard rules.

Hand-written SQL through Django's connection (the same on SQLite and PostgreSQL), because at
a few thousand rows the ORM's query building and per-value converters cost more than the
matching itself (docs/matching.md, "Performance"). Always a superset of what passes the
hard rules: ``matching._admit`` applies them exactly, in Python. Only the columns matching
reads; the index on (municipality, status) finds the municipality's published initiatives.
"""

from __future__ import annotations

import functools
import json
import math
from typing import NamedTuple

from django.db import connection

from omzien.socialmap.choices import Status, Where
from omzien.socialmap.models import Initiative


class Row(NamedTuple):
    """What matching reads of an initiative (the same attribute names as the model)."""

    pk: int
    name: str
    kinds: tuple
    target_groups: tuple
    age_min: int | None
    age_max: int | None
    languages: tuple
    where: str
    latitude: float | None
    longitude: float | None
    free: bool
    wheelchair: bool
    hearing_loop: bool
    transport: bool
    places_left: int | None
    waiting_list: bool


_COLUMNS = {"pk": "id", **{name: name for name in Row._fields if name != "pk"}}


@functools.lru_cache(maxsize=4096)
def _decoded(text: str) -> tuple:
    return tuple(json.loads(text))


def _json(value) -> tuple:
    """A JSON list column as a tuple (the same few lists recur: decoded once)."""
    if value is None:
        return ()
    return _decoded(value) if isinstance(value, str) else tuple(value)


def _box(latitude: float, longitude: float, km: float) -> tuple[float, float, float, float]:
    """A box around the point that holds every point within ``km`` (a little wider: the
    exact distance is checked in Python)."""
    dlat = km / 110.0 * 1.01
    north = min(89.0, abs(latitude) + dlat)
    dlon = km / (111.32 * math.cos(math.radians(north))) * 1.01
    return latitude - dlat, latitude + dlat, longitude - dlon, longitude + dlon


def _where(municipality_id: int, need, max_km: float) -> tuple[list[str], list]:
    q = connection.ops.quote_name
    clauses = [f"{q('municipality_id')} = %s", f"{q('status')} = %s"]
    params: list = [municipality_id, str(Status.PUBLISHED)]
    if need.age is not None:
        clauses += [f"({q('age_min')} IS NULL OR {q('age_min')} <= %s)",
                    f"({q('age_max')} IS NULL OR {q('age_max')} >= %s)"]  # fmt: skip
        params += [need.age, need.age]
    clauses.append(
        f"({q('places_left')} IS NULL OR {q('places_left')} <> 0 OR {q('waiting_list')})"
    )
    if "digital" in need.barriers:
        clauses.append(f"{q('where')} <> %s")
        params.append(str(Where.ONLINE))
    if "mobility" in need.barriers:
        clauses.append(f"({q('where')} <> %s OR {q('wheelchair')})")
        params.append(str(Where.VENUE))
    reach, reach_params = _reach(need, max_km)
    clauses.append(f"({q('where')} <> %s OR {q('latitude')} IS NULL OR {reach})")
    return clauses, params + [str(Where.VENUE), *reach_params]


def _reach(need, max_km: float) -> tuple[str, list]:
    """The condition for an address: in the box of ``max_km`` (with the "transport" barrier:
    with transport offered, or in the box of ``NEAR_KM``)."""
    from omzien.socialmap.matching import NEAR_KM

    q = connection.ops.quote_name
    if need.latitude is None or need.longitude is None:
        if "transport" in need.barriers:
            return q("transport"), []
        return "1 = 1", []
    box = f"({q('latitude')} BETWEEN %s AND %s AND {q('longitude')} BETWEEN %s AND %s)"
    south, north, west, east = _box(need.latitude, need.longitude, max_km)
    params = [south, north, west, east]
    if "transport" not in need.barriers:
        return box, params
    near = _box(need.latitude, need.longitude, min(NEAR_KM, max_km))
    return f"(({box} AND {q('transport')}) OR {box})", params + list(near)


def candidate_rows(municipality_id: int, need, max_km: float) -> list[Row]:
    """The published initiatives of the municipality that may pass the hard rules."""
    q = connection.ops.quote_name
    clauses, params = _where(municipality_id, need, max_km)
    columns = ", ".join(q(column) for column in _COLUMNS.values())
    sql = (
        f"SELECT {columns} FROM {q(Initiative._meta.db_table)} "  # noqa: S608 - names only
        f"WHERE {' AND '.join(clauses)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        fetched = cursor.fetchall()
    make, j = Row._make, _json
    return [make((v[0], v[1], j(v[2]), j(v[3]), v[4], v[5], j(v[6]), *v[7:])) for v in fetched]
