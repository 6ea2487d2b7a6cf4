"""Read and validate the CBS reference data shipped in ``omzien/core/data``.

Three files (see ``data/README.md`` for sources and licences):

* ``municipalities_2024.csv``: gemeenten with their province and CBS key figures;
* ``districts_2024.geojson.gz`` (or an uncompressed ``districts_2024.geojson``): wijken with
  key figures and simplified boundaries;
* ``pc4_2024.csv``: four-digit postcode areas with a centroid, gemeente and wijk.

:func:`read_reference_data` parses all three into plain dataclasses and checks them,
including the references between the files. It never touches the database; the
``load_reference_data`` management command writes the result. Every problem raises
:class:`ReferenceDataError` with a message that names the file and, for a bad row, the row
(the line number, header = row 1) or feature and the column.
"""

from __future__ import annotations

import csv
import gzip
import json
import math
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils.text import slugify

DATA_DIR = Path(__file__).resolve().parent / "data"

MUNICIPALITIES_FILE = "municipalities_2024.csv"
DISTRICTS_FILE = "districts_2024.geojson.gz"
DISTRICTS_FILE_PLAIN = "districts_2024.geojson"
POSTCODES_FILE = "pc4_2024.csv"

MUNICIPALITY_CODE = re.compile(r"GM\d{4}")
DISTRICT_CODE = re.compile(r"WK[0-9A-Z]{6}")
PROVINCE_CODE = re.compile(r"PV\d{2}")
PC4 = re.compile(r"[1-9]\d{3}")
_INTEGER = re.compile(r"-?\d+")
_DECIMAL = re.compile(r"-?\d+(\.\d+)?")

# Generous bounding box of the Netherlands including its territorial waters (WGS84).
LONGITUDE_RANGE = (3.0, 7.5)
LATITUDE_RANGE = (50.5, 54.0)

# Column lengths of the models (omzien.core.models.areas).
MAX_MUNICIPALITY_NAME = 100
MAX_DISTRICT_NAME = 200
MAX_PLACE = 100

MUNICIPALITY_COLUMNS = ("gemeentecode", "gemeentenaam", "provinciecode", "provincienaam")
MUNICIPALITY_INTEGER_FIGURES = ("aantal_inwoners", "huishoudens")
POSTCODE_COLUMNS = (
    "pc4",
    "lat",
    "lon",
    "inhabitants",
    "place",
    "gemeentecode_2024",
    "wijkcode_2024",
)
DISTRICT_TEXT_PROPERTIES = ("wijkcode", "wijknaam", "gemeentecode", "gemeentenaam")
DISTRICT_INTEGER_FIGURES = ("aantal_inwoners", "huishoudens")


class ReferenceDataError(Exception):
    """A reference file is missing, unreadable or contains invalid data."""


@dataclass(frozen=True, slots=True)
class ProvinceRecord:
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class MunicipalityRecord:
    code: str
    name: str
    slug: str
    province_code: str
    key_figures: dict[str, int | float | None] = field(hash=False, compare=True)


@dataclass(frozen=True, slots=True)
class DistrictRecord:
    code: str
    name: str
    municipality_code: str
    inhabitants: int | None
    households: int | None
    pct_65plus: float | None
    key_figures: dict[str, int | float | None] = field(hash=False, compare=True)
    geometry: dict[str, Any] | None = field(hash=False, compare=True)


@dataclass(frozen=True, slots=True)
class PostcodeRecord:
    pc4: str
    latitude: float
    longitude: float
    inhabitants: int | None
    place: str
    municipality_code: str | None
    district_code: str | None


@dataclass(frozen=True, slots=True)
class ReferenceData:
    data_dir: Path
    provinces: tuple[ProvinceRecord, ...]
    municipalities: tuple[MunicipalityRecord, ...]
    districts: tuple[DistrictRecord, ...]
    postcodes: tuple[PostcodeRecord, ...]


def read_reference_data(data_dir: Path | str | None = None) -> ReferenceData:
    """Parse and validate all reference files in ``data_dir`` (default: the shipped data)."""
    directory = Path(data_dir) if data_dir is not None else DATA_DIR
    if not directory.is_dir():
        raise ReferenceDataError(f"reference data directory {directory} does not exist")
    provinces, municipalities = _read_municipalities(directory / MUNICIPALITIES_FILE)
    districts_path = directory / DISTRICTS_FILE
    if not districts_path.exists() and (directory / DISTRICTS_FILE_PLAIN).exists():
        districts_path = directory / DISTRICTS_FILE_PLAIN
    districts = _read_districts(districts_path, {m.code for m in municipalities})
    postcodes = _read_postcodes(
        directory / POSTCODES_FILE,
        {m.code for m in municipalities},
        {d.code: d.municipality_code for d in districts},
    )
    return ReferenceData(
        data_dir=directory,
        provinces=provinces,
        municipalities=municipalities,
        districts=districts,
        postcodes=postcodes,
    )


# --- values ----------------------------------------------------------------------------------


def _number(value: str, where: str, column: str, *, integer: bool = False) -> int | float | None:
    """'' -> None, '12' -> 12, '1.5' -> 1.5. Other text, negatives, pct_* over 100: error."""
    text = value.strip()
    if text == "":
        return None
    if _INTEGER.fullmatch(text):
        number: int | float = int(text)
    elif not integer and _DECIMAL.fullmatch(text):
        number = float(text)
    else:
        kind = "a whole number" if integer else "a number"
        raise ReferenceDataError(f"{where}, column {column}: {value!r} is not {kind}")
    _check_range(number, where, column)
    return number


def _json_number(value: Any, where: str, name: str, *, integer: bool = False) -> int | float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ReferenceDataError(f"{where}: property {name} {value!r} is not a number")
    if isinstance(value, float) and not math.isfinite(value):
        raise ReferenceDataError(f"{where}: property {name} {value!r} is not a finite number")
    if integer and not isinstance(value, int):
        raise ReferenceDataError(f"{where}: property {name} {value!r} is not a whole number")
    _check_range(value, where, f"property {name}")
    return value


def _check_range(number: int | float, where: str, column: str) -> None:
    label = column if column.startswith("property ") else f"column {column}"
    if number < 0:
        raise ReferenceDataError(f"{where}, {label}: {number!r} is negative")
    if column.rsplit(" ", 1)[-1].startswith("pct_") and number > 100:
        raise ReferenceDataError(f"{where}, {label}: {number!r} is not a percentage (0-100)")


def _code(value: str, pattern: re.Pattern[str], where: str, column: str, example: str) -> str:
    if not pattern.fullmatch(value):
        raise ReferenceDataError(
            f"{where}, column {column}: {value!r} is not a valid code (expected e.g. {example})"
        )
    return value


def _text(value: str, where: str, column: str, max_length: int, *, required: bool = True) -> str:
    text = value.strip()
    if required and not text:
        raise ReferenceDataError(f"{where}, column {column}: value is empty")
    if len(text) > max_length:
        raise ReferenceDataError(
            f"{where}, column {column}: {text[:40]!r}... is longer than {max_length} characters"
        )
    return text


def _coordinate(value: str, where: str, column: str, bounds: tuple[float, float]) -> float:
    text = value.strip()
    if not _DECIMAL.fullmatch(text):
        raise ReferenceDataError(f"{where}, column {column}: {value!r} is not a number")
    number = float(text)
    if not bounds[0] <= number <= bounds[1]:
        raise ReferenceDataError(
            f"{where}, column {column}: {number} is outside the Netherlands "
            f"({bounds[0]} to {bounds[1]})"
        )
    return number


# --- CSV -------------------------------------------------------------------------------------


def _csv_rows(path: Path, required: tuple[str, ...]) -> Iterator[tuple[str, dict[str, str]]]:
    """Yield (``"<file> row <n>"``, row) for each data row; the header is row 1."""
    if not path.is_file():
        raise ReferenceDataError(f"missing reference file {path}")
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.reader(handle)
            header = next(reader, None)
            if not header:
                raise ReferenceDataError(f"{path.name} is empty (no header row)")
            header = [column.strip() for column in header]
            missing = [column for column in required if column not in header]
            if missing:
                raise ReferenceDataError(
                    f"{path.name}: missing column(s) {', '.join(missing)} in the header"
                )
            duplicates = sorted({column for column in header if header.count(column) > 1})
            if duplicates:
                raise ReferenceDataError(
                    f"{path.name}: duplicate column(s) {', '.join(duplicates)} in the header"
                )
            count = 0
            for values in reader:
                where = f"{path.name} row {reader.line_num}"
                if not values or values == [""]:
                    continue
                if len(values) != len(header):
                    raise ReferenceDataError(
                        f"{where}: expected {len(header)} fields, found {len(values)}"
                    )
                count += 1
                yield where, dict(zip(header, values, strict=True))
            if count == 0:
                raise ReferenceDataError(f"{path.name} contains no data rows")
    except UnicodeDecodeError as exc:
        raise ReferenceDataError(f"{path.name} is not valid UTF-8 text: {exc}") from exc
    except csv.Error as exc:
        raise ReferenceDataError(f"{path.name} is not a valid CSV file: {exc}") from exc
    except OSError as exc:
        raise ReferenceDataError(f"cannot read reference file {path}: {exc}") from exc


def _read_municipalities(
    path: Path,
) -> tuple[tuple[ProvinceRecord, ...], tuple[MunicipalityRecord, ...]]:
    provinces: dict[str, str] = {}
    municipalities: dict[str, MunicipalityRecord] = {}
    slugs: dict[str, str] = {}
    for where, row in _csv_rows(path, MUNICIPALITY_COLUMNS + MUNICIPALITY_INTEGER_FIGURES):
        code = _code(row["gemeentecode"], MUNICIPALITY_CODE, where, "gemeentecode", "GM0355")
        if code in municipalities:
            raise ReferenceDataError(f"{where}, column gemeentecode: duplicate code {code}")
        name = _text(row["gemeentenaam"], where, "gemeentenaam", MAX_MUNICIPALITY_NAME)
        slug = slugify(name)
        if not slug:
            raise ReferenceDataError(f"{where}, column gemeentenaam: {name!r} gives no slug")
        if slug in slugs:
            raise ReferenceDataError(
                f"{where}, column gemeentenaam: {name!r} gives the slug {slug!r}, "
                f"which {slugs[slug]} already has"
            )
        slugs[slug] = code
        province_code = _code(row["provinciecode"], PROVINCE_CODE, where, "provinciecode", "PV26")
        province_name = _text(row["provincienaam"], where, "provincienaam", 100)
        if provinces.setdefault(province_code, province_name) != province_name:
            raise ReferenceDataError(
                f"{where}, column provincienaam: {province_name!r} differs from "
                f"{provinces[province_code]!r} given earlier for {province_code}"
            )
        key_figures = {
            column: _number(value, where, column, integer=column in MUNICIPALITY_INTEGER_FIGURES)
            for column, value in row.items()
            if column not in MUNICIPALITY_COLUMNS
        }
        municipalities[code] = MunicipalityRecord(
            code=code,
            name=name,
            slug=slug,
            province_code=province_code,
            key_figures=key_figures,
        )
    return (
        tuple(ProvinceRecord(code, name) for code, name in sorted(provinces.items())),
        tuple(municipalities[code] for code in sorted(municipalities)),
    )


def _read_postcodes(
    path: Path, municipality_codes: set[str], district_municipality: dict[str, str]
) -> tuple[PostcodeRecord, ...]:
    postcodes: dict[str, PostcodeRecord] = {}
    for where, row in _csv_rows(path, POSTCODE_COLUMNS):
        pc4 = row["pc4"].strip()
        if not PC4.fullmatch(pc4):
            raise ReferenceDataError(
                f"{where}, column pc4: {row['pc4']!r} is not a four-digit postcode (1000-9999)"
            )
        if pc4 in postcodes:
            raise ReferenceDataError(f"{where}, column pc4: duplicate postcode {pc4}")
        municipality_code = row["gemeentecode_2024"].strip() or None
        if municipality_code is not None:
            _code(municipality_code, MUNICIPALITY_CODE, where, "gemeentecode_2024", "GM0355")
            if municipality_code not in municipality_codes:
                raise ReferenceDataError(
                    f"{where}, column gemeentecode_2024: unknown gemeente {municipality_code} "
                    f"(not in {MUNICIPALITIES_FILE})"
                )
        district_code = row["wijkcode_2024"].strip() or None
        if district_code is not None:
            _code(district_code, DISTRICT_CODE, where, "wijkcode_2024", "WK035501")
            if district_code not in district_municipality:
                raise ReferenceDataError(
                    f"{where}, column wijkcode_2024: unknown wijk {district_code} "
                    f"(not in {DISTRICTS_FILE})"
                )
            if district_municipality[district_code] != municipality_code:
                raise ReferenceDataError(
                    f"{where}, column wijkcode_2024: wijk {district_code} lies in "
                    f"{district_municipality[district_code]}, "
                    f"not in {municipality_code or 'no gemeente'}"
                )
        inhabitants = _number(row["inhabitants"], where, "inhabitants", integer=True)
        postcodes[pc4] = PostcodeRecord(
            pc4=pc4,
            latitude=_coordinate(row["lat"], where, "lat", LATITUDE_RANGE),
            longitude=_coordinate(row["lon"], where, "lon", LONGITUDE_RANGE),
            inhabitants=int(inhabitants) if inhabitants is not None else None,
            place=_text(row["place"], where, "place", MAX_PLACE, required=False),
            municipality_code=municipality_code,
            district_code=district_code,
        )
    return tuple(postcodes[pc4] for pc4 in sorted(postcodes))


# --- GeoJSON ---------------------------------------------------------------------------------


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


def _read_districts(path: Path, municipality_codes: set[str]) -> tuple[DistrictRecord, ...]:
    collection = _load_geojson(path)
    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection":
        raise ReferenceDataError(f"{path.name} is not a GeoJSON FeatureCollection")
    features = collection.get("features")
    if not isinstance(features, list) or not features:
        raise ReferenceDataError(f"{path.name} contains no features")
    districts: dict[str, DistrictRecord] = {}
    for number, feature in enumerate(features, start=1):
        where = f"{path.name} feature {number}"
        properties = feature.get("properties") if isinstance(feature, dict) else None
        if not isinstance(properties, dict):
            raise ReferenceDataError(f"{where}: feature has no properties object")
        for name in DISTRICT_TEXT_PROPERTIES:
            if not isinstance(properties.get(name), str):
                raise ReferenceDataError(f"{where}: property {name} is missing or not text")
        code = properties["wijkcode"]
        if not DISTRICT_CODE.fullmatch(code):
            raise ReferenceDataError(
                f"{where}: property wijkcode {code!r} is not a valid code (expected e.g. WK035501)"
            )
        where = f"{where} ({code})"
        if code in districts:
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
        districts[code] = DistrictRecord(
            code=code,
            name=name,
            municipality_code=municipality_code,
            inhabitants=inhabitants,  # type: ignore[arg-type]  # checked: whole number
            households=households,  # type: ignore[arg-type]
            pct_65plus=float(pct_65plus) if pct_65plus is not None else None,
            key_figures=key_figures,
            geometry=_geometry(feature.get("geometry"), where),
        )
    return tuple(districts[code] for code in sorted(districts))
