"""Importers of measured figures per area (issue 10, item 1): the shipped GGD file, RIVM in
its three published forms, CBS key figures and a municipality's own survey."""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

import pytest
from django.core.management import call_command

from omzien.assessment.survey import score_survey
from omzien.core.models import AuditEvent
from omzien.core.tests.factories import MunicipalityFactory
from omzien.riskmap.importers.odata import parse_file
from omzien.riskmap.importers.report import ImportRefused
from omzien.riskmap.importers.services import apply_parsed
from omzien.riskmap.importers.survey import parse_survey
from omzien.riskmap.models import AreaFigure, ImportRun, Source

pytestmark = [pytest.mark.issue(10)]

FIXTURES = Path(__file__).parent / "fixtures"
RIVM_FORMS = (
    "rivm_50120NED_fixture_typeddataset.json",
    "rivm_50120NED_fixture_typeddataset.csv",
    "rivm_50120NED_fixture_statline_export.csv",
)
GGD_ROWS = 365  # regions in the shipped 50140NED file: NL01, CG01, 25 GGD regions, 338 gemeenten
GGD_INDICATORS = 6  # (sterk) eenzaam, (sterk) sociaal, (sterk) emotioneel eenzaam
GGD_SUPPRESSED_REGIONS = 17  # gemeenten whose loneliness figures the GGD did not publish


def _parse(name: str, source: str = Source.RIVM, *, folder: Path = FIXTURES, **kwargs):
    path = folder / name
    return parse_file(path.read_bytes(), path.name, source, **kwargs)


def _import(name: str, source: str = Source.RIVM, **kwargs):
    return apply_parsed(_parse(name, source, **kwargs))


def _values(parsed) -> set:
    return {
        (f.year, f.area_code, f.indicator, f.age_group, f.value, f.lower, f.upper)
        for f in parsed.figures
    }


def _figure(**lookup) -> AreaFigure:
    return AreaFigure.objects.get(**lookup)


@pytest.mark.django_db
def test_the_shipped_ggd_file_loads_with_its_row_count_and_again_without_duplicates():
    call_command("import_riskmap", "--shipped", stdout=io.StringIO())
    again = io.StringIO()
    call_command("import_riskmap", "--shipped", stdout=again)  # make run, a second time
    assert "al ingelezen, niets veranderd" in again.getvalue()
    assert ImportRun.objects.count() == 1
    figures = AreaFigure.objects.filter(source=Source.GGD_YOUNG, year=2024)
    assert figures.count() == GGD_ROWS * GGD_INDICATORS
    assert figures.filter(suppressed=True).count() == GGD_SUPPRESSED_REGIONS * GGD_INDICATORS
    run = ImportRun.objects.filter(source=Source.GGD_YOUNG).first()
    assert (run.loaded, run.skipped, run.rejected) == (2088, 102, 0)
    assert run.report["rows_read"] == GGD_ROWS
    # The published figures (../shared/data/README.md): NL 56.7 and 22.5, Amsterdam 60.8, 24.1.
    assert _figure(source=Source.GGD_YOUNG, area_code="NL01", indicator="eenzaam").value == 56.7
    amsterdam = figures.filter(area_code="GM0363")
    assert amsterdam.get(indicator="eenzaam").value == 60.8
    assert amsterdam.get(indicator="sterk_eenzaam").value == 24.1
    assert amsterdam.get(indicator="eenzaam").level == "gemeente"


@pytest.mark.django_db
def test_suppressed_cells_stay_unknown_and_are_reported_never_as_zero():
    call_command("import_riskmap", "--shipped", stdout=io.StringIO())
    hidden = _figure(source=Source.GGD_YOUNG, area_code="GM0613", indicator="eenzaam")
    assert hidden.suppressed and hidden.value is None
    assert not AreaFigure.objects.filter(value=0).exists()
    run = ImportRun.objects.get(source=Source.GGD_YOUNG)
    assert {"area": "GM0613", "indicator": "eenzaam", "age_group": "T009002"} in run.report[
        "suppressed"
    ]
    _import(RIVM_FORMS[0])
    zuid = _figure(
        source=Source.RIVM, area_code="WK990103", indicator="ernstig_eenzaam", age_group="20300"
    )
    assert zuid.suppressed and (zuid.value, zuid.lower, zuid.upper) == (None, None, None)


def test_the_rivm_fixtures_in_every_form_give_the_same_values():
    json_form, odata_csv, statline = (_values(_parse(name)) for name in RIVM_FORMS)
    assert json_form == odata_csv == statline
    # 4 areas x 2 age groups x 4 indicators, each with its margins in one figure.
    assert len(json_form) == 32
    assert (2022, "WK990101", "eenzaam", "20300", 46.3, 42.1, 50.7) in json_form


@pytest.mark.django_db
@pytest.mark.parametrize("name", RIVM_FORMS)
def test_a_suppressed_cell_stays_unknown_in_every_form(name):
    """'.' in the StatLine export, empty in the OData CSV, null in the OData JSON."""
    _import(name)
    zuid = AreaFigure.objects.filter(source=Source.RIVM, area_code="WK990103")
    severe = zuid.get(indicator="ernstig_eenzaam", age_group="20300")
    assert severe.suppressed and (severe.value, severe.lower, severe.upper) == (None, None, None)
    assert zuid.filter(age_group="80200", suppressed=True).count() == 4
    assert zuid.get(indicator="eenzaam", age_group="20300").value == 48.3


def test_the_columns_of_the_2024_table_resolve_by_meaning(tmp_path):
    """50150NED numbers its columns differently and calls the severe group SterkEenzaam."""
    text = (FIXTURES / RIVM_FORMS[1]).read_text(encoding="utf-8")
    for old, new in (
        ("Eenzaam_27", "Eenzaam_25"),
        ("ErnstigZeerErnstigEenzaam_28", "SterkEenzaam_26"),
        ("EmotioneelEenzaam_29", "EmotioneelEenzaam_27"),
        ("SociaalEenzaam_30", "SociaalEenzaam_28"),
        ("2022JJ00", "2024JJ00"),
    ):
        text = text.replace(old, new)
    path = tmp_path / "rivm_50150NED.csv"
    path.write_text(text, encoding="utf-8")
    figures = _parse(path.name, folder=tmp_path).figures
    assert {f.indicator for f in figures} == {
        "eenzaam",
        "sterk_eenzaam",
        "emotioneel_eenzaam",
        "sociaal_eenzaam",
    }
    noord = [f for f in figures if (f.area_code, f.age_group) == ("WK990101", "20300")]
    assert {(f.indicator, f.value) for f in noord} >= {("eenzaam", 46.3), ("sterk_eenzaam", 11.1)}
    assert {f.year for f in figures} == {2024}


@pytest.mark.django_db
def test_rivm_import_keeps_margins_and_strips_padded_codes():
    _import(RIVM_FORMS[1])
    noord = _figure(area_code="WK990101", indicator="eenzaam", age_group="80200")
    assert (noord.value, noord.lower, noord.upper) == (49.3, 45.1, 53.7)
    assert noord.level == "wijk" and noord.year == 2022 and noord.municipality is None
    assert not AreaFigure.objects.filter(area_code__endswith=" ").exists()


@pytest.mark.parametrize("name", RIVM_FORMS[:2])
def test_a_renamed_numeric_suffix_still_resolves(tmp_path, name):
    original = _values(_parse(name))
    text = (FIXTURES / name).read_text(encoding="utf-8")
    renamed = text.replace("Eenzaam_27", "Eenzaam_41").replace(
        "ErnstigZeerErnstigEenzaam_28", "ErnstigZeerErnstigEenzaam_7"
    )
    path = tmp_path / name
    path.write_text(renamed, encoding="utf-8")
    assert _values(parse_file(path.read_bytes(), path.name, Source.RIVM)) == original


def test_columns_in_another_order_give_the_same_values(tmp_path):
    rows = list(csv.reader((FIXTURES / RIVM_FORMS[1]).open(encoding="utf-8"), delimiter=";"))
    path = tmp_path / "reversed.csv"
    with path.open("w", newline="", encoding="utf-8") as file:
        csv.writer(file, delimiter=";").writerows([row[::-1] for row in rows])
    assert _values(parse_file(path.read_bytes(), path.name, Source.RIVM)) == _values(
        _parse(RIVM_FORMS[1])
    )


def _refused(path: Path, source: str = Source.RIVM) -> str:
    with pytest.raises(ImportRefused) as refused:
        apply_parsed(parse_file(path.read_bytes(), path.name, source))
    return str(refused.value)


@pytest.mark.django_db
def test_a_non_numeric_value_changes_nothing_and_names_file_line_and_column(tmp_path):
    _import(RIVM_FORMS[1])
    before = list(AreaFigure.objects.values_list("id", "value").order_by("id"))
    lines = (FIXTURES / RIVM_FORMS[1]).read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace(";46.3;", ";veel;")
    bad = tmp_path / "rivm_2022_bad.csv"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    message = _refused(bad)
    assert "rivm_2022_bad.csv, regel 3, kolom Eenzaam_27: 'veel' is geen getal" in message
    assert list(AreaFigure.objects.values_list("id", "value").order_by("id")) == before
    assert ImportRun.objects.count() == 1


@pytest.mark.django_db
def test_a_non_numeric_value_in_the_statline_export_names_its_column_title(tmp_path):
    _import(RIVM_FORMS[2])
    before = list(AreaFigure.objects.values_list("id", "value").order_by("id"))
    lines = (FIXTURES / RIVM_FORMS[2]).read_text(encoding="utf-8-sig").splitlines()
    lines[2] = lines[2].replace('"46.3"', '"veel"')
    bad = tmp_path / "rivm_export_bad.csv"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    message = _refused(bad)
    assert (
        "rivm_export_bad.csv, regel 3, kolom Psychosociale gezondheid/Eenzaamheid/Eenzaam (%): "
        "'veel' is geen getal"
    ) in message
    assert list(AreaFigure.objects.values_list("id", "value").order_by("id")) == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "old", "new", "column"),
    [
        (RIVM_FORMS[1], ";MOG0095;", ";MOG0090;", "Marges"),
        (RIVM_FORMS[2], '"Ondergrens 95%-interval"', '"Ondergrens 90%-interval"', "Marges"),
    ],
)
def test_an_unknown_margin_is_refused_not_guessed(tmp_path, name, old, new, column):
    _import(RIVM_FORMS[0])
    before = list(AreaFigure.objects.values_list("id", "value", "lower").order_by("id"))
    bad = tmp_path / "rivm_marge.csv"
    bad.write_text((FIXTURES / name).read_text(encoding="utf-8").replace(old, new, 1))
    message = _refused(bad)
    raw = new.strip(';"')
    assert f"rivm_marge.csv, regel 6, kolom {column}: onbekende marge '{raw}'" in message
    assert list(AreaFigure.objects.values_list("id", "value", "lower").order_by("id")) == before


@pytest.mark.django_db
def test_a_wrong_header_changes_nothing_and_names_the_file_and_line(tmp_path):
    _import(RIVM_FORMS[1])
    count = AreaFigure.objects.count()
    text = (FIXTURES / RIVM_FORMS[1]).read_text(encoding="utf-8")
    for header, expected in (
        ("WijkenEnBuurten", "kolom met gebiedscodes ontbreekt"),
        ("Eenzaam_27", None),
    ):
        bad = tmp_path / "rivm_kop.csv"
        broken = text.replace(header, "Onbekend").replace("Codering_3", "Naam_3")
        if expected is None:  # no loneliness column at all
            broken = text
            for column in (
                "Eenzaam_27",
                "ErnstigZeerErnstigEenzaam_28",
                "EmotioneelEenzaam_29",
                "SociaalEenzaam_30",
            ):
                broken = broken.replace(column, "Iets_1" + column[-2:])
            expected = "geen kolom met cijfers herkend"
        bad.write_text(broken, encoding="utf-8")
        message = _refused(bad)
        assert message.startswith("rivm_kop.csv, regel 1")
        assert expected in message
    assert AreaFigure.objects.count() == count


@pytest.mark.django_db
def test_a_json_record_with_text_for_a_number_is_refused(tmp_path):
    text = (FIXTURES / RIVM_FORMS[0]).read_text(encoding="utf-8")
    bad = tmp_path / "rivm.json"
    bad.write_text(text.replace('"SociaalEenzaam_30": 36.4', '"SociaalEenzaam_30": "n.v.t."', 1))
    message = _refused(bad)
    assert "rivm.json, regel" in message and "kolom SociaalEenzaam_30" in message
    assert not AreaFigure.objects.exists()


@pytest.mark.django_db
def test_reimporting_a_year_replaces_it_and_keeps_other_years(tmp_path):
    _import(RIVM_FORMS[0])
    text = (FIXTURES / RIVM_FORMS[0]).read_text(encoding="utf-8").replace("2022JJ00", "2020JJ00")
    older = tmp_path / "rivm_2020.json"
    older.write_text(text, encoding="utf-8")
    apply_parsed(parse_file(older.read_bytes(), older.name, Source.RIVM))
    _import(RIVM_FORMS[2])
    assert AreaFigure.objects.filter(year=2022).count() == 32
    assert AreaFigure.objects.filter(year=2020).count() == 32
    assert set(
        AreaFigure.objects.filter(year=2022).values_list("import_run__file_name", flat=True)
    ) == {RIVM_FORMS[2]}
    assert AuditEvent.objects.filter(action="riskmap_figures_imported").count() == 3


@pytest.mark.django_db
def test_cbs_key_figures_of_another_year_from_the_statline_export():
    runs = _import("cbs_kwb_2023_fixture_statline_export.csv", Source.CBS_KWB, year=2023)
    assert [run.year for run in runs] == [2023]
    noord = AreaFigure.objects.filter(source=Source.CBS_KWB, area_code="WK990101")
    figures = dict(noord.values_list("indicator", "value"))
    assert figures["aantal_inwoners"] == 1005
    assert figures["pct_65plus"] == 20
    assert figures["pct_eenpersoonshuishoudens"] == 35
    assert figures["huishoudens"] == 455
    assert figures["gem_huishouden_grootte"] == 2.2
    midden = _figure(source=Source.CBS_KWB, area_code="WK990102", indicator="pct_laag_inkomen")
    assert midden.suppressed and midden.value is None


def _survey_output(tmp_path: Path, districts) -> bytes:
    """The exact CSV that ``omzien survey score --by wijk`` writes, for made-up answers."""
    rng = random.Random(10)
    respondents = tmp_path / "respondenten.csv"
    answers = ("ja", "min of meer", "nee")
    with respondents.open("w", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["wijk", *(f"djg{i}" for i in range(1, 12))])
        for code, size in zip([d.code for d in districts] + [""], (80, 60, 4, 40), strict=True):
            for _ in range(size):
                writer.writerow([code, *(rng.choice(answers) for _ in range(11))])
    out = tmp_path / "per_wijk.csv"
    score_survey(respondents, out, by=["wijk"])
    return out.read_bytes()


@pytest.mark.django_db
def test_an_own_survey_is_bound_to_its_municipality(tmp_path, small_municipality):
    proefdorp = small_municipality.municipality
    data = _survey_output(tmp_path, small_municipality.districts)
    parsed = parse_survey(data, "per_wijk.csv", municipality=proefdorp, year=2025)
    apply_parsed(parsed, municipality=proefdorp, data=data)
    apply_parsed(parsed, municipality=proefdorp, data=data)  # again: replaced, not doubled
    own = AreaFigure.objects.filter(source=Source.OWN_SURVEY)
    assert set(own.values_list("municipality", flat=True)) == {proefdorp.pk}
    assert own.filter(area_code="WK990101").count() == 4
    assert own.count() == 12
    noord = own.get(area_code="WK990101", indicator="eenzaam")
    assert noord.lower <= noord.value <= noord.upper
    zuid = own.get(area_code="WK990103", indicator="eenzaam")  # 4 respondents: suppressed
    assert zuid.suppressed and zuid.value is None
    assert any("respondenten zonder wijk" in note for note in parsed.notes)
    other = MunicipalityFactory()
    with pytest.raises(ImportRefused) as refused:
        parse_survey(data, "per_wijk.csv", municipality=other, year=2025)
    assert f"regel 2, kolom wijk: 'WK990101' is geen wijk van {other.name}" in str(refused.value)
    assert not AreaFigure.objects.filter(municipality=other).exists()
