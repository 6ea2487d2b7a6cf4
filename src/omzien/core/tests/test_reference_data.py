"""Issue 2: CBS reference data (provinces, municipalities, districts, PC4) and its loader.

The suite loads the reference data of a few municipalities only
(``omzien.core.tests.fixtures``); the tests here that need all of it ask for ``reference_db``.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import F, TextField
from django.db.models.functions import Cast

from omzien.core.geo import lookup_postcode
from omzien.core.models import District, Municipality, Neighbourhood, PostcodeArea, Province
from omzien.core.reference import (
    DATA_DIR,
    DISTRICTS_FILE,
    MUNICIPALITIES_FILE,
    POSTCODES_FILE,
    ReferenceDataError,
    read_reference_data,
)
from omzien.core.tests.fixtures import keep_only_test_reference_data

DATA_FILES = (MUNICIPALITIES_FILE, DISTRICTS_FILE, POSTCODES_FILE)
TABLES = (Province, Municipality, District, Neighbourhood, PostcodeArea)


# --- helpers ---------------------------------------------------------------------------------


def load(data_dir: Path | None = None) -> str:
    out = io.StringIO()
    options = {"data_dir": str(data_dir)} if data_dir is not None else {}
    call_command("load_reference_data", stdout=out, **options)
    return out.getvalue()


def snapshot() -> dict[str, list[dict]]:
    """Every row of every area table, all columns, in primary-key order.

    For the GeoJSON geometry of districts the text in the database is compared: cheaper than
    decoding thousands of polygons, and at least as strict.
    """
    tables = {}
    for model in TABLES:
        fields = model._meta.concrete_fields
        columns = [f.attname for f in fields if f.name != "geometry"]
        extra = {}
        if any(f.name == "geometry" for f in fields):
            extra["geometry_text"] = Cast("geometry", TextField())
        tables[model.__name__] = list(model.objects.order_by("pk").values(*columns, **extra))
    return tables


def shipped_features() -> list[dict]:
    with gzip.open(DATA_DIR / DISTRICTS_FILE, "rt", encoding="utf-8") as handle:
        return json.load(handle)["features"]


def shipped_rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def empty_areas(db):
    """No area rows at all (the suite may have loaded the reference data for the session).

    Runs inside the test's transaction, so the rows come back after the test.
    """
    for model in (PostcodeArea, Neighbourhood, District, Municipality, Province):
        model.objects.all().delete()
    assert all(not model.objects.exists() for model in TABLES)


@pytest.fixture(scope="module")
def full_reference_data(django_db_setup, django_db_blocker):
    """All the reference data (342 municipalities, 3,474 districts, 4,067 PC4 areas), loaded
    and committed once for this module, whose subject it is; afterwards only the suite's few
    municipalities are kept, as every other test module expects."""
    with django_db_blocker.unblock():
        load()
    yield
    with django_db_blocker.unblock():
        keep_only_test_reference_data()


@pytest.fixture
def reference_db(full_reference_data, db):
    """The full reference data is loaded."""


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped reference files."""
    target = tmp_path / "data"
    target.mkdir()
    for name in DATA_FILES:
        shutil.copy(DATA_DIR / name, target / name)
    return target


def edit_csv_line(path: Path, line: int, column: str, value: str) -> None:
    """Set ``column`` of the row on ``line`` (header = line 1) of a CSV file."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    header = lines[0].rstrip("\n").split(",")
    cells = lines[line - 1].rstrip("\n").split(",")
    cells[header.index(column)] = value
    lines[line - 1] = ",".join(cells) + "\n"
    path.write_text("".join(lines), encoding="utf-8")


# --- the shipped files -----------------------------------------------------------------------


@pytest.mark.issue(2)
def test_shipped_files_parse_and_match_the_documented_counts():
    data = read_reference_data()
    assert len(data.provinces) == 12
    assert len(data.municipalities) == 342
    features = shipped_features()
    assert len(data.districts) == len(features) == 3474
    assert len(data.postcodes) == len(shipped_rows(POSTCODES_FILE)) == 4067
    # Buitenland is dropped, the Groot water districts are kept.
    assert all(d.municipality_code != "GM0998" for d in data.districts)
    groot_water = [d for d in data.districts if d.name == "Groot water"]
    assert len(groot_water) == 81
    assert all(d.code.endswith("99") and d.inhabitants is None for d in groot_water)


@pytest.mark.issue(2)
def test_readme_records_the_sha256_of_every_file():
    readme = (DATA_DIR / "README.md").read_text(encoding="utf-8")
    for name in DATA_FILES:
        digest = hashlib.sha256((DATA_DIR / name).read_bytes()).hexdigest()
        assert digest in readme, f"README.md does not record the sha256 of {name}"
    assert "CC BY 4.0" in readme
    assert "Bron: CBS" in readme
    assert "CBS, Kadaster" in readme
    assert (DATA_DIR / "LICENSE").is_file()


# --- loading ---------------------------------------------------------------------------------


@pytest.mark.issue(2)
@pytest.mark.django_db
def test_load_creates_every_area(empty_areas):
    output = load()

    assert Province.objects.count() == 12
    assert Municipality.objects.count() == 342
    district_codes = {f["properties"]["wijkcode"] for f in shipped_features()}
    assert set(District.objects.values_list("code", flat=True)) == district_codes
    assert PostcodeArea.objects.count() == len(shipped_rows(POSTCODES_FILE))
    assert not Municipality.objects.filter(code="GM0998").exists()
    assert not District.objects.filter(code="WK099899").exists()
    assert District.objects.filter(name="Groot water").count() == 81

    assert "provinces:       12 created, 0 updated, 0 unchanged" in output
    assert "municipalities:  342 created, 0 updated, 0 unchanged" in output
    assert f"districts:       {len(district_codes)} created, 0 updated, 0 unchanged" in output
    assert "postcode areas:  4067 created, 0 updated, 0 unchanged" in output


@pytest.mark.issue(2)
@pytest.mark.django_db
def test_municipalities_get_unique_slugs_provinces_and_key_figures(reference_db):
    zeist = Municipality.objects.get(code="GM0355")
    assert (zeist.name, zeist.slug, zeist.province.code) == ("Zeist", "zeist", "PV26")
    assert zeist.province.name == "Utrecht"
    laren = Municipality.objects.get(code="GM0417")
    assert (laren.name, laren.slug) == ("Laren (NH.)", "laren-nh")
    slugs = list(Municipality.objects.values_list("slug", flat=True))
    assert len(set(slugs)) == len(slugs) == 342
    assert not Municipality.objects.filter(province=None).exists()

    amsterdam = Municipality.objects.get(code="GM0363")
    row = next(r for r in shipped_rows(MUNICIPALITIES_FILE) if r["gemeentecode"] == "GM0363")
    assert amsterdam.key_figures["aantal_inwoners"] == int(row["aantal_inwoners"])
    assert amsterdam.key_figures["pct_65plus"] == int(row["pct_65plus"])
    assert Municipality.objects.get(code="GM0034").key_figures["auto_per_huishouden"] is None


@pytest.mark.issue(2)
@pytest.mark.django_db
def test_districts_get_figures_and_boundaries(reference_db):
    centrum = District.objects.get(code="WK035501")
    feature = next(f for f in shipped_features() if f["properties"]["wijkcode"] == "WK035501")
    props = feature["properties"]
    assert centrum.municipality.code == "GM0355"
    assert centrum.name == props["wijknaam"]
    assert centrum.inhabitants == props["aantal_inwoners"]
    assert centrum.households == props["huishoudens"]
    assert centrum.pct_65plus == props["pct_65plus"]
    assert centrum.key_figures["gem_huishouden_grootte"] == props["gem_huishouden_grootte"]
    assert centrum.geometry == feature["geometry"]
    assert centrum.geometry["type"] in {"Polygon", "MultiPolygon"}
    assert not District.objects.filter(geometry=None).exists()
    # Every municipality has districts.
    assert not Municipality.objects.filter(districts=None).exists()


@pytest.mark.issue(2)
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("postcode", "municipality", "name", "district"),
    [
        ("3701", "GM0355", "Zeist", "WK035501"),
        ("3701 AB", "GM0355", "Zeist", "WK035501"),
        ("1011", "GM0363", "Amsterdam", "WK0363AF"),
        ("3511", "GM0344", "Utrecht", "WK034406"),
        ("9711", "GM0014", "Groningen", "WK001400"),
        ("5611ab", "GM0772", "Eindhoven", "WK077211"),
        ("6211", "GM0935", "Maastricht", "WK093500"),
        ("1251", "GM0417", "Laren (NH.)", "WK041703"),
        ("1336", "GM0995", "Lelystad", "WK099510"),  # an Almere PC4 whose centroid is in Lelystad
    ],
)
def test_postcodes_resolve_to_municipality_and_district(
    reference_db, postcode, municipality, name, district
):
    area = lookup_postcode(postcode)
    assert area is not None
    assert area.pc4 == postcode[:4]
    assert (area.municipality.code, area.municipality.name) == (municipality, name)
    assert area.district.code == district
    assert area.district.municipality_id == area.municipality_id


@pytest.mark.issue(2)
@pytest.mark.django_db
def test_postcode_caveats(reference_db):
    baarle = lookup_postcode("5111")  # centroid in a Belgian enclave: no gemeente
    assert baarle is not None
    assert baarle.municipality is None and baarle.district is None
    without_district = set(PostcodeArea.objects.filter(district=None).values_list("pc4", flat=True))
    assert without_district == {"1058", "2461", "5111", "5802", "7205", "7524"}
    assert lookup_postcode("7205").municipality.code == "GM0213"
    assert lookup_postcode("0999") is None
    assert lookup_postcode("not a postcode") is None
    # Every assigned district lies in the assigned municipality.
    assert (
        not PostcodeArea.objects.exclude(district=None)
        .exclude(district__municipality=F("municipality"))
        .exists()
    )


@pytest.mark.issue(2)
@pytest.mark.django_db
def test_loading_twice_changes_nothing(empty_areas):
    assert "Reference data loaded." in load()
    before = snapshot()
    second = load()
    assert snapshot() == before
    assert "provinces:       0 created, 0 updated, 12 unchanged" in second
    assert "municipalities:  0 created, 0 updated, 342 unchanged" in second
    assert f"districts:       0 created, 0 updated, {District.objects.count()} unchanged" in second
    assert "postcode areas:  0 created, 0 updated, 4067 unchanged" in second
    assert "Nothing changed" in second
    third = load()
    assert third == second
    assert snapshot() == before


@pytest.mark.issue(2)
@pytest.mark.django_db
def test_refresh_restores_reference_values_and_leaves_other_districts_alone(reference_db):
    expected = snapshot()
    zeist = Municipality.objects.get(code="GM0355")
    zeist.name, zeist.slug, zeist.key_figures = "Zeist (oud)", "zeist-oud", {}
    zeist.save()
    District.objects.filter(code="WK035501").update(geometry=None, inhabitants=1, name="x")
    PostcodeArea.objects.filter(pc4="3701").update(latitude=0.0, district=None)
    Province.objects.filter(code="PV26").update(name="Sticht")
    stale = District.objects.create(code="WK035598", municipality=zeist, name="Oude wijk")

    output = load()

    assert "provinces:       0 created, 1 updated, 11 unchanged" in output
    assert "municipalities:  0 created, 1 updated, 341 unchanged" in output
    assert "districts:       0 created, 1 updated" in output
    assert "(1 not in the reference data, left alone)" in output
    assert "postcode areas:  0 created, 1 updated, 4066 unchanged" in output
    zeist.refresh_from_db()
    assert (zeist.name, zeist.slug) == ("Zeist", "zeist")
    assert District.objects.filter(pk=stale.pk).exists()
    stale.delete()
    assert snapshot() == expected


# --- bad data --------------------------------------------------------------------------------


def bad_pc4_latitude(data: Path) -> str:
    edit_csv_line(data / POSTCODES_FILE, 17, "lat", "abc")
    return "pc4_2024.csv row 17, column lat: 'abc' is not a number"


def bad_pc4_code(data: Path) -> str:
    edit_csv_line(data / POSTCODES_FILE, 17, "pc4", "12A4")
    return "pc4_2024.csv row 17, column pc4: '12A4' is not a four-digit postcode"


def unknown_pc4_municipality(data: Path) -> str:
    edit_csv_line(data / POSTCODES_FILE, 30, "gemeentecode_2024", "GM9999")
    return "pc4_2024.csv row 30, column gemeentecode_2024: unknown gemeente GM9999"


def pc4_district_of_other_municipality(data: Path) -> str:
    edit_csv_line(data / POSTCODES_FILE, 30, "wijkcode_2024", "WK035501")
    return "pc4_2024.csv row 30, column wijkcode_2024: wijk WK035501 lies in GM0355, not in GM0363"


def missing_pc4_file(data: Path) -> str:
    (data / POSTCODES_FILE).unlink()
    return f"missing reference file {data / POSTCODES_FILE}"


def bad_municipality_code(data: Path) -> str:
    edit_csv_line(data / MUNICIPALITIES_FILE, 5, "gemeentecode", "G0355")
    return "municipalities_2024.csv row 5, column gemeentecode: 'G0355' is not a valid code"


def bad_key_figure(data: Path) -> str:
    edit_csv_line(data / MUNICIPALITIES_FILE, 3, "aantal_inwoners", "-99999999")
    return "municipalities_2024.csv row 3, column aantal_inwoners: -99999999 is negative"


def corrupt_districts_gzip(data: Path) -> str:
    raw = (data / DISTRICTS_FILE).read_bytes()
    (data / DISTRICTS_FILE).write_bytes(raw[: len(raw) // 2])
    return "districts_2024.geojson.gz is not a valid gzip file"


def district_of_unknown_municipality(data: Path) -> str:
    # The file has one feature per line: line 1 opens the collection, feature 10 is on line 11.
    lines = gzip.decompress((data / DISTRICTS_FILE).read_bytes()).decode().split("\n")
    feature = json.loads(lines[10].rstrip(","))
    code, municipality = feature["properties"]["wijkcode"], feature["properties"]["gemeentecode"]
    lines[10] = lines[10].replace(f'"gemeentecode":"{municipality}"', '"gemeentecode":"GM9999"')
    (data / DISTRICTS_FILE).write_bytes(gzip.compress("\n".join(lines).encode(), compresslevel=1))
    return (
        f"districts_2024.geojson.gz feature 10 ({code}): "
        "property gemeentecode: unknown gemeente GM9999"
    )


BAD_DATA = [
    bad_pc4_latitude,
    bad_pc4_code,
    unknown_pc4_municipality,
    pc4_district_of_other_municipality,
    missing_pc4_file,
    bad_municipality_code,
    bad_key_figure,
    corrupt_districts_gzip,
    district_of_unknown_municipality,
]


@pytest.mark.issue(2)
@pytest.mark.parametrize("damage", BAD_DATA, ids=lambda f: f.__name__)
def test_reader_names_the_problem(data_copy, damage):
    message = damage(data_copy)
    with pytest.raises(ReferenceDataError) as error:
        read_reference_data(data_copy)
    assert message in str(error.value)


@pytest.mark.issue(2)
@pytest.mark.django_db
@pytest.mark.parametrize(
    "damage",
    [bad_pc4_latitude, bad_pc4_code, unknown_pc4_municipality, missing_pc4_file],
    ids=lambda f: f.__name__,
)
def test_bad_load_leaves_a_loaded_database_unchanged(reference_db, data_copy, damage):
    # Make a refresh necessary, so a partial write would show.
    PostcodeArea.objects.filter(pc4="3701").update(latitude=0.0)
    Municipality.objects.filter(code="GM0355").update(key_figures={})
    before = snapshot()
    message = damage(data_copy)

    with pytest.raises(CommandError) as error:
        load(data_copy)

    assert message in str(error.value)
    assert error.value.returncode == 1
    assert snapshot() == before


@pytest.mark.issue(2)
@pytest.mark.django_db
@pytest.mark.parametrize(
    "damage",
    [
        bad_pc4_latitude,
        unknown_pc4_municipality,
        missing_pc4_file,
        district_of_unknown_municipality,
    ],
    ids=lambda f: f.__name__,
)
def test_bad_load_leaves_an_empty_database_empty(empty_areas, data_copy, damage):
    message = damage(data_copy)

    with pytest.raises(CommandError) as error:
        load(data_copy)

    assert message in str(error.value)
    assert all(not model.objects.exists() for model in TABLES)


@pytest.mark.issue(2)
@pytest.mark.django_db
def test_missing_data_dir(empty_areas, tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        load(tmp_path / "nowhere")
    assert not Municipality.objects.exists()


@pytest.mark.issue(2)
@pytest.mark.django_db
def test_slug_taken_by_another_municipality_is_refused(empty_areas):
    province = Province.objects.create(code="PV26", name="Utrecht")
    Municipality.objects.create(code="GM9999", name="Demo Zeist", slug="zeist", province=province)
    before = snapshot()
    with pytest.raises(CommandError, match="GM0355 'Zeist' needs the slug 'zeist'.*GM9999"):
        load()
    assert snapshot() == before


# --- loading a few municipalities (--only) ------------------------------------------------------


@pytest.mark.django_db
def test_only_loads_the_named_municipalities_with_their_districts_and_postcodes(empty_areas):
    out = io.StringIO()
    call_command("load_reference_data", only="GM0355, gm0310", stdout=out)

    codes = {"GM0355", "GM0310"}
    assert Province.objects.count() == 12
    assert set(Municipality.objects.values_list("code", flat=True)) == codes
    features = [f for f in shipped_features() if f["properties"]["gemeentecode"] in codes]
    assert set(District.objects.values_list("code", flat=True)) == {
        f["properties"]["wijkcode"] for f in features
    }
    rows = [r for r in shipped_rows(POSTCODES_FILE) if r["gemeentecode_2024"] in codes]
    assert set(PostcodeArea.objects.values_list("pc4", flat=True)) == {r["pc4"] for r in rows}
    assert lookup_postcode("3701 AB").district.code == "WK035501"
    assert lookup_postcode("3511 AB") is None  # Utrecht was not asked for
    assert "municipalities:  2 created, 0 updated, 0 unchanged" in out.getvalue()


@pytest.mark.django_db
def test_only_refuses_an_unknown_code_and_writes_nothing(empty_areas):
    with pytest.raises(CommandError, match="no municipality GM9999"):
        call_command("load_reference_data", only="GM0355,GM9999", stdout=io.StringIO())
    assert all(not model.objects.exists() for model in TABLES)


@pytest.mark.django_db
def test_only_leaves_the_other_municipalities_alone(reference_db):
    before = snapshot()
    out = io.StringIO()
    call_command("load_reference_data", only=["GM0355"], stdout=out)
    assert "municipalities:  0 created, 0 updated, 1 unchanged (341 not in" in out.getvalue()
    assert snapshot() == before


def test_the_suite_runs_on_the_reference_data_of_a_few_municipalities():
    """Outside this module the session holds only TEST_MUNICIPALITIES (conftest.py)."""
    from omzien.core.tests.fixtures import TEST_MUNICIPALITIES, _test_reference_data

    data = _test_reference_data()
    assert {m.code for m in data.municipalities} == set(TEST_MUNICIPALITIES)
    assert len(data.provinces) == 12
    assert len(data.districts) < 200 and len(data.postcodes) < 200
    assert {d.municipality_code for d in data.districts} == set(TEST_MUNICIPALITIES)
