"""The risk map's section of the factsheet (issue 12, item 7): the districts' inhabitants, the
estimated lonely and severely lonely adults (saying measured or model), and the three blind
spots with a reached count below 5 shown as "<5", the same figures as the risk map."""

from __future__ import annotations

import io
import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from omzien.core import extensions
from omzien.core.models import District
from omzien.core.roles import Role
from omzien.core.tests.factories import MunicipalityFactory, member
from omzien.riskmap.blindspots import blind_spots
from omzien.riskmap.exports import decimal, whole
from omzien.riskmap.factsheet import riskmap_section
from omzien.riskmap.indicators import district_indicators
from omzien.riskmap.tests.factories import give_ages, use_round_prevalence
from omzien.signalling.models import Case
from omzien.signalling.tests.factories import file_signal, go_live

pytestmark = [pytest.mark.issue(12), pytest.mark.django_db]


@pytest.fixture
def proefdorp(small_municipality):
    """Proefdorp with the round national table: Noord (1,000 inhabitants, 3 reached), Midden
    (2,000, 7 reached), Zuid (3,000, none reached)."""
    use_round_prevalence()
    give_ages(small_municipality.districts)
    go_live(small_municipality.municipality)
    noord, midden, _zuid = small_municipality.districts
    for district, n in ((noord, 3), (midden, 7)):
        for number in range(1, n + 1):
            file_signal(small_municipality.municipality, house_number=str(number),
                        postcode=small_municipality.postcode_in(district))  # fmt: skip
    Case.objects.update(first_contact_at=timezone.now())
    return small_municipality


def test_the_section_sums_the_districts_and_names_the_three_blind_spots(proefdorp):
    municipality = proefdorp.municipality
    part = riskmap_section(member(Role.POLICY, municipality), municipality)
    # By hand: 82% of the inhabitants are adults; with the round table 3500/82 = 42.68% of
    # them are lonely and 1090/82 = 13.29% severely lonely: Noord 350 and 109 of 820 adults,
    # Midden twice that, Zuid three times: 2,100 lonely and 654 severely lonely in all.
    assert part.paragraphs[0] == "Proefdorp heeft 3 wijken met samen 6.000 inwoners (CBS)."
    assert part.paragraphs[1] == (
        "Naar schatting voelen 2.100 volwassenen zich eenzaam (geschat met het model in "
        "3 wijken), van wie 654 ernstig eenzaam (geschat met het model in 3 wijken)."
    )
    assert "Minder dan 5 bereikte inwoners tonen we als '<5'." in part.paragraphs[2]
    assert part.header[:3] == ("Wijk", "Rang blinde vlek", "Inwoners")
    # Reached per 1,000 severely lonely: Zuid 0 / 327, Noord 3 / 109, Midden 7 / 218 = 32.1.
    # A count below 5 is "<5" and its rate an upper limit (5 / 327 x 1,000 = 15.3).
    assert part.rows == (
        ("Zuid", "1", "3.000", "327", "model", "<5", "<15,3"),
        ("Noord", "2", "1.000", "109", "model", "<5", "<45,9"),
        ("Midden", "3", "2.000", "218", "model", "7", "32,1"),
    )


def test_the_rows_are_the_risk_maps_own_blind_spots(proefdorp):
    """Worked out again from the risk map's functions, with a fourth district: the section
    names three, the least reached first."""
    municipality = proefdorp.municipality
    oost = District.objects.create(municipality=municipality, code="WK990104", name="Oost",
                                   inhabitants=4000)  # fmt: skip
    give_ages([oost])
    rows = district_indicators(municipality, timezone.localdate().year)
    spots = [s for s in blind_spots(rows) if s.rank is not None][:3]
    inhabitants = {row.code: row.inhabitants for row in rows}
    expected = tuple(
        (s.name, str(s.rank), whole(inhabitants[s.code]), whole(s.estimated), "model",
         s.reached_display, s.rate_display)
        for s in spots
    )  # fmt: skip
    part = riskmap_section(member(Role.COORDINATOR, municipality), municipality)
    assert part.rows == expected
    assert [row[0] for row in part.rows] == ["Oost", "Zuid", "Noord"]  # 0, 0, 3 reached
    assert "4 wijken met samen 10.000 inwoners" in part.paragraphs[0]
    assert decimal(1000 * 5 / spots[0].estimated) in part.rows[0][6]


def test_a_measured_figure_is_said_to_be_measured(proefdorp):
    from omzien.riskmap.models import AreaFigure, ImportRun, Source

    municipality = proefdorp.municipality
    noord = proefdorp.districts[0]
    year = timezone.localdate().year
    run = ImportRun.objects.create(source=Source.OWN_SURVEY, year=year, file_name="test.csv",
                                   municipality=municipality)  # fmt: skip
    for indicator, value in (("eenzaam", 50.0), ("ernstig_eenzaam", 20.0)):
        AreaFigure.objects.create(
            import_run=run, source=Source.OWN_SURVEY, municipality=municipality,
            area_code=noord.code, level="wijk", indicator=indicator, year=year, value=value,
            lower=value - 2, upper=value + 2,
        )  # fmt: skip
    part = riskmap_section(member(Role.POLICY, municipality), municipality)
    assert "gemeten in 1 wijk, geschat met het model in 2 wijken" in part.paragraphs[1]
    # Noord: 20% of 820 adults = 164 measured, instead of the model's 109.
    assert ("1.000", "164", "meting") in {row[2:5] for row in part.rows if row[0] == "Noord"}


def test_without_districts_or_without_the_risk_map_there_is_no_section(proefdorp):
    empty = MunicipalityFactory()
    assert riskmap_section(member(Role.POLICY, empty), empty) is None
    municipality = proefdorp.municipality
    caseworker = member(Role.CASEWORKER, municipality, team=proefdorp.teams[0])
    assert riskmap_section(caseworker, municipality) is None


def test_the_section_is_registered_first_on_the_factsheet():
    sections = [s for s in extensions.factsheet_sections if s.key == "riskmap"]
    assert len(sections) == 1 and sections[0].order == 10
    assert sections[0].build is riskmap_section


def test_the_factsheet_pdf_and_page_show_the_sections_figures(client_as, proefdorp):
    """The factsheet (monitoring, found through the registry and its URL) shows the same
    figures on its page and in its PDF, "<5" included."""
    municipality = proefdorp.municipality
    client = client_as(Role.POLICY, municipality)
    page = client.get(reverse("monitoring:factsheet", args=[municipality.slug]))
    response = client.get(reverse("monitoring:factsheet_pdf", args=[municipality.slug]))
    text = re.sub(r"\s+", " ", " ".join(
        p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages))  # fmt: skip
    html = unescape(page.content.decode())
    assert "Risicokaart: eenzaamheid in de wijken" in text
    assert "Proefdorp heeft 3 wijken met samen 6.000 inwoners (CBS)." in text
    assert "van wie 654 ernstig eenzaam" in text and "van wie 654 ernstig eenzaam" in html
    for row in (
        ("Zuid", "1", "3.000", "327", "model", "<5", "<15,3"),
        ("Noord", "2", "1.000", "109", "model", "<5", "<45,9"),
        ("Midden", "3", "2.000", "218", "model", "7", "32,1"),
    ):
        assert " ".join(row) in text
        assert f'<th scope="row">{row[0]}</th>' in html
        for cell in row[1:]:
            assert f">{cell}</td>" in html
