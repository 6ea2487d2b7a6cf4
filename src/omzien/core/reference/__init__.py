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

The package is split by file type: :mod:`.records` (names, limits and records),
:mod:`.values` (single values), :mod:`.tables` (the CSV files) and :mod:`.districts`
(the GeoJSON file). Import from ``omzien.core.reference`` itself.
"""

from __future__ import annotations

from pathlib import Path

from omzien.core.reference.districts import _read_districts
from omzien.core.reference.records import (
    DATA_DIR,
    DISTRICT_CODE,
    DISTRICT_INTEGER_FIGURES,
    DISTRICT_TEXT_PROPERTIES,
    DISTRICTS_FILE,
    DISTRICTS_FILE_PLAIN,
    LATITUDE_RANGE,
    LONGITUDE_RANGE,
    MAX_DISTRICT_NAME,
    MAX_MUNICIPALITY_NAME,
    MAX_PLACE,
    MUNICIPALITIES_FILE,
    MUNICIPALITY_CODE,
    MUNICIPALITY_COLUMNS,
    MUNICIPALITY_INTEGER_FIGURES,
    PC4,
    POSTCODE_COLUMNS,
    POSTCODES_FILE,
    PROVINCE_CODE,
    DistrictRecord,
    MunicipalityRecord,
    PostcodeRecord,
    ProvinceRecord,
    ReferenceData,
    ReferenceDataError,
)
from omzien.core.reference.tables import _read_municipalities, _read_postcodes

__all__ = [
    "DATA_DIR",
    "DISTRICTS_FILE",
    "DISTRICTS_FILE_PLAIN",
    "DISTRICT_CODE",
    "DISTRICT_INTEGER_FIGURES",
    "DISTRICT_TEXT_PROPERTIES",
    "DistrictRecord",
    "LATITUDE_RANGE",
    "LONGITUDE_RANGE",
    "MAX_DISTRICT_NAME",
    "MAX_MUNICIPALITY_NAME",
    "MAX_PLACE",
    "MUNICIPALITIES_FILE",
    "MUNICIPALITY_CODE",
    "MUNICIPALITY_COLUMNS",
    "MUNICIPALITY_INTEGER_FIGURES",
    "MunicipalityRecord",
    "PC4",
    "POSTCODES_FILE",
    "POSTCODE_COLUMNS",
    "PROVINCE_CODE",
    "PostcodeRecord",
    "ProvinceRecord",
    "ReferenceData",
    "ReferenceDataError",
    "read_reference_data",
]


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
