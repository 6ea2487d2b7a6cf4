"""File names, codes, limits and the parsed records of the CBS reference data."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# The shipped data lives in omzien/core/data, next to this package.
DATA_DIR = Path(__file__).resolve().parent.parent / "data"

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
