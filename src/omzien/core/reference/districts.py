"""The GeoJSON file of districts (wijken): key figures and simplified boundaries."""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Container
from pathlib import Path
from typing import Any

from omzien.core.reference.records import (
    DISTRICT_CODE,
    DISTRICT_INTEGER_FIGURES,
    DISTRICT_TEXT_PROPERTIES,
    LATITUDE_RANGE,
    LONGITUDE_RANGE,
    MAX_DISTRICT_NAME,
    MUNICIPALITIES_FILE,
    MUNICIPALITY_CODE,
    DistrictRecord,
    ReferenceDataError,
)
from omzien.core.reference.values import _json_number


def _load_geojson(path: Path) -> Any:
    if not path.is_file():
        raise ReferenceDataError(f"missing reference file {path}")
    try:
        if path.suffix == ".gz":
            with gzip.open(path, "rb") as handle:
                raw = handle.read()
        else:
            raw = path.read_bytes()
        return json.loads(raw.decode("utf-8"))
    except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
        raise ReferenceDataError(f"{path.name} is not a valid gzip file: {exc}") from exc
    except UnicodeDecodeError as exc:
        raise ReferenceDataError(f"{path.name} is not valid UTF-8 text: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise ReferenceDataError(
            f"{path.name} is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from exc
    except OSError as exc:
        raise ReferenceDataError(f"cannot read reference file {path}: {exc}") from exc


def _check_positions(coordinates: Any, depth: int, where: str) -> None:
    """Check nested coordinate arrays: depth 1 = a ring (list of [lon, lat]), 2 = polygon..."""
    if not isinstance(coordinates, list) or not coordinates:
        raise ReferenceDataError(f"{where}: geometry coordinates are empty or not an array")
    if depth > 1:
        for part in coordinates:
            _check_positions(part, depth - 1, where)
        return
    if len(coordinates) < 4 or coordinates[0] != coordinates[-1]:
        raise ReferenceDataError(f"{where}: geometry has a ring that is not closed")
    lon_min, lon_max = LONGITUDE_RANGE
    lat_min, lat_max = LATITUDE_RANGE
    for position in coordinates:
        try:
            lon, lat = position
            inside = lon_min <= lon <= lon_max and lat_min <= lat <= lat_max
        except (TypeError, ValueError):
            inside = False
        if not inside or isinstance(lon, bool) or isinstance(lat, bool):
            raise ReferenceDataError(
                f"{where}: geometry position {position!r} is not a [longitude, latitude] "
                "in the Netherlands"
            )


def _geometry(value: Any, where: str) -> dict[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise ReferenceDataError(f"{where}: geometry is not an object")
    depth = {"Polygon": 2, "MultiPolygon": 3}.get(value.get("type"))
    if depth is None:
        raise ReferenceDataError(
            f"{where}: geometry type {value.get('type')!r} is not Polygon or MultiPolygon"
        )
    _check_positions(value.get("coordinates"), depth, where)
    return {"type": value["type"], "coordinates": value["coordinates"]}


def _features(path: Path) -> list[Any]:
    """The features of the GeoJSON FeatureCollection in ``path`` (at least one)."""
    collection = _load_geojson(path)
    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection":
        raise ReferenceDataError(f"{path.name} is not a GeoJSON FeatureCollection")
    features = collection.get("features")
    if not isinstance(features, list) or not features:
        raise ReferenceDataError(f"{path.name} contains no features")
    return features


def _properties(feature: Any, where: str) -> dict[str, Any]:
    """The properties of a feature, with every text property present as text."""
    properties = feature.get("properties") if isinstance(feature, dict) else None
    if not isinstance(properties, dict):
        raise ReferenceDataError(f"{where}: feature has no properties object")
    for name in DISTRICT_TEXT_PROPERTIES:
        if not isinstance(properties.get(name), str):
            raise ReferenceDataError(f"{where}: property {name} is missing or not text")
    return properties


def _district_codes(
    properties: dict[str, Any], where: str, municipality_codes: set[str], seen: Container[str]
) -> tuple[str, str, str]:
    """Check wijkcode and gemeentecode; returns both and ``where`` with the wijkcode added."""
    code = properties["wijkcode"]
    if not DISTRICT_CODE.fullmatch(code):
        raise ReferenceDataError(
            f"{where}: property wijkcode {code!r} is not a valid code (expected e.g. WK035501)"
        )
    where = f"{where} ({code})"
    if code in seen:
        raise ReferenceDataError(f"{where}: duplicate wijkcode {code}")
    municipality_code = properties["gemeentecode"]
    if not MUNICIPALITY_CODE.fullmatch(municipality_code):
        raise ReferenceDataError(
            f"{where}: property gemeentecode {municipality_code!r} is not a valid code "
            "(expected e.g. GM0355)"
        )
    if municipality_code not in municipality_codes:
        raise ReferenceDataError(
            f"{where}: property gemeentecode: unknown gemeente {municipality_code} "
            f"(not in {MUNICIPALITIES_FILE})"
        )
    if code[2:6] != municipality_code[2:6]:
        raise ReferenceDataError(
            f"{where}: wijkcode {code} does not belong to gemeentecode {municipality_code}"
        )
    return code, municipality_code, where


def _district(
    feature: Any, where: str, municipality_codes: set[str], seen: Container[str]
) -> DistrictRecord:
    """One feature as a district; ``seen`` holds the wijkcodes read so far."""
    properties = _properties(feature, where)
    code, municipality_code, where = _district_codes(properties, where, municipality_codes, seen)
    name = properties["wijknaam"].strip()
    if not name or len(name) > MAX_DISTRICT_NAME:
        raise ReferenceDataError(
            f"{where}: property wijknaam is empty or longer than {MAX_DISTRICT_NAME} characters"
        )
    key_figures = {
        key: _json_number(value, where, key, integer=key in DISTRICT_INTEGER_FIGURES)
        for key, value in properties.items()
        if key not in DISTRICT_TEXT_PROPERTIES
    }
    inhabitants = key_figures.get("aantal_inwoners")
    households = key_figures.get("huishoudens")
    pct_65plus = key_figures.get("pct_65plus")
    return DistrictRecord(
        code=code,
        name=name,
        municipality_code=municipality_code,
        inhabitants=inhabitants,  # type: ignore[arg-type]  # checked: whole number
        households=households,  # type: ignore[arg-type]
        pct_65plus=float(pct_65plus) if pct_65plus is not None else None,
        key_figures=key_figures,
        geometry=_geometry(feature.get("geometry"), where),
    )


def _read_districts(path: Path, municipality_codes: set[str]) -> tuple[DistrictRecord, ...]:
    districts: dict[str, DistrictRecord] = {}
    for number, feature in enumerate(_features(path), start=1):
        where = f"{path.name} feature {number}"
        district = _district(feature, where, municipality_codes, districts.keys())
        districts[district.code] = district
    return tuple(districts[code] for code in sorted(districts))
