"""The CSV files: municipalities (with their provinces) and PC4 postcode areas."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from django.utils.text import slugify

from omzien.core.reference.records import (
    DISTRICT_CODE,
    DISTRICTS_FILE,
    LATITUDE_RANGE,
    LONGITUDE_RANGE,
    MAX_MUNICIPALITY_NAME,
    MAX_PLACE,
    MUNICIPALITIES_FILE,
    MUNICIPALITY_CODE,
    MUNICIPALITY_COLUMNS,
    MUNICIPALITY_INTEGER_FIGURES,
    PC4,
    POSTCODE_COLUMNS,
    PROVINCE_CODE,
    MunicipalityRecord,
    PostcodeRecord,
    ProvinceRecord,
    ReferenceDataError,
)
from omzien.core.reference.values import _code, _coordinate, _number, _text


def _checked_header(path: Path, header: list[str], required: tuple[str, ...]) -> list[str]:
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
    return header


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
            header = _checked_header(path, header, required)
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
