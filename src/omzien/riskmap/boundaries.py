"""Boundaries for the risk map as GeoJSON, simplified for the zoom, with an ETag.

Two collections (docs/riskmap-boundaries.md):

* a municipality's districts, from ``core.District.geometry`` (loaded by
  ``load_reference_data``);
* every municipality, from the shipped ``data/municipalities_2024.geojson.gz``, read once per
  process.

Each feature has only ``code`` and ``name``; the figures come from the indicators. A
:class:`Payload` holds the JSON bytes, their gzip and a weak ETag made from the data itself
(the rows or the shipped file, the detail and :data:`VERSION`), so it is the same in every
process and changes only when the data or this code's output does. Built payloads are kept in
a small in-memory cache keyed by that ETag.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import json
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from django.db.models import TextField
from django.db.models.functions import Cast

from omzien.core.models import District, Municipality
from omzien.riskmap.geometry import simplify_geometry

#: Bump when the output for the same data changes (it is part of every ETag).
VERSION = "1"

#: Douglas-Peucker tolerance in degrees per detail. "high" is the stored geometry, only
#: rounded (the districts were simplified to about 50 m when they were shipped).
TOLERANCES = {"low": 0.003, "medium": 0.0008, "high": 0.0}
DEFAULT_DETAIL = "medium"

MUNICIPALITIES_FILE = Path(__file__).resolve().parent / "data" / "municipalities_2024.geojson.gz"
ATTRIBUTION = "CBS, Kadaster (CC BY 4.0)"

_CACHE_SIZE = 64


@dataclass(frozen=True)
class Payload:
    body: bytes
    gzipped: bytes
    etag: str  # weak: the same for the plain and the gzipped body


def detail_for(detail: str | None = None, zoom: str | None = None) -> str:
    """The detail asked for: ``detail`` (low, medium, high), else a Leaflet ``zoom`` level
    (up to 8: low, up to 11: medium, above: high), else :data:`DEFAULT_DETAIL`."""
    if detail in TOLERANCES:
        return detail
    try:
        level = int(zoom) if zoom is not None else None
    except ValueError:
        level = None
    if level is None:
        return DEFAULT_DETAIL
    return "low" if level <= 8 else "medium" if level <= 11 else "high"


class _Cache:
    """A small LRU of built payloads, keyed by ETag (shared by the threads of a process)."""

    def __init__(self, size: int) -> None:
        self._items: OrderedDict[str, Payload] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get(self, etag: str) -> Payload | None:
        with self._lock:
            payload = self._items.get(etag)
            if payload is not None:
                self._items.move_to_end(etag)
            return payload

    def put(self, payload: Payload) -> None:
        with self._lock:
            self._items[payload.etag] = payload
            self._items.move_to_end(payload.etag)
            while len(self._items) > self._size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


cache = _Cache(_CACHE_SIZE)


def _etag(*parts: bytes | str) -> str:
    digest = hashlib.sha256()
    for part in (VERSION, *parts):
        digest.update(part.encode() if isinstance(part, str) else part)
        digest.update(b"\0")
    return f'W/"{digest.hexdigest()[:32]}"'


def _payload(features: list[dict], etag: str) -> Payload:
    collection = {"type": "FeatureCollection", "attribution": ATTRIBUTION, "features": features}
    body = json.dumps(collection, ensure_ascii=False, separators=(",", ":")).encode()
    return Payload(body=body, gzipped=gzip.compress(body, compresslevel=6, mtime=0), etag=etag)


def _feature(code: str, name: str, geometry: dict | None, tolerance: float) -> dict:
    return {
        "type": "Feature",
        "id": code,
        "properties": {"code": code, "name": name},
        "geometry": simplify_geometry(geometry, tolerance),
    }


def district_rows(municipality: Municipality) -> list[tuple[str, str, str | None]]:
    """(code, name, geometry as JSON text) of the municipality's districts, by code: one
    query, and the geometry is only decoded when the payload is not cached."""
    return list(
        District.objects.filter(municipality=municipality)
        .order_by("code")
        .values_list("code", "name", Cast("geometry", output_field=TextField()))
    )


def district_etag(municipality: Municipality, rows, detail: str) -> str:
    parts = [f"{code}\t{name}\t{geometry or ''}\n" for code, name, geometry in rows]
    return _etag("districts", municipality.code, detail, "".join(parts))


def districts(municipality: Municipality, detail: str = DEFAULT_DETAIL) -> Payload:
    """The municipality's districts as a FeatureCollection (a district without a boundary
    has a null geometry, so the list is complete)."""
    rows = district_rows(municipality)
    etag = district_etag(municipality, rows, detail)
    payload = cache.get(etag)
    if payload is None:
        tolerance = TOLERANCES[detail]
        features = [
            _feature(code, name, json.loads(geometry) if geometry else None, tolerance)
            for code, name, geometry in rows
        ]
        payload = _payload(features, etag)
        cache.put(payload)
    return payload


@functools.cache
def _municipality_source() -> tuple[bytes, tuple[dict, ...]]:
    raw = gzip.decompress(MUNICIPALITIES_FILE.read_bytes())
    return raw, tuple(json.loads(raw)["features"])


@functools.cache
def municipalities(detail: str = DEFAULT_DETAIL) -> Payload:
    """Every municipality (the shipped 2024 boundaries) as a FeatureCollection; built once
    per detail and process."""
    raw, source = _municipality_source()
    tolerance = TOLERANCES[detail]
    features = [
        _feature(f["properties"]["code"], f["properties"]["name"], f["geometry"], tolerance)
        for f in source
    ]
    return _payload(features, _etag("municipalities", detail, raw))
