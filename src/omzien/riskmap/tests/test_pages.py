"""The municipality's risk map pages (issue 10, item 5): the table on the page and both exports
show the figures of ``district_indicators`` for a small constructed municipality, unknown is
"onbekend" (never 0), counts below 5 are "<5" everywhere, the district page says where its
figures come from, and only the roles with ``view_riskmap`` of the municipality get in."""

from __future__ import annotations

import csv
import io
import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from omzien.core.models import District
from omzien.core.roles import Role
from omzien.core.tests.factories import MunicipalityFactory
from omzien.riskmap.exports import decimal, whole
from omzien.riskmap.indicators import district_indicators
from omzien.riskmap.tests.factories import give_ages, use_round_prevalence
from omzien.signalling.models import Case
from omzien.signalling.tests.factories import file_signal, go_live

pytestmark = [pytest.mark.issue(10), pytest.mark.django_db]


@pytest.fixture
def proefdorp(small_municipality):
    """Proefdorp: Noord (1,000 inhabitants, 3 reached), Midden (2,000, 7 reached), Zuid
    (3,000, none) with a known age composition, and Oost whose inhabitants are unknown."""
    use_round_prevalence()
    give_ages(small_municipality.districts)
    District.objects.create(municipality=small_municipality.municipality, code="WK990104",
                            name="Oost", inhabitants=None)  # fmt: skip
    go_live(small_municipality.municipality)
    noord, midden, _zuid = small_municipality.districts
    for district, n in ((noord, 3), (midden, 7)):
        for number in range(1, n + 1):
            file_signal(small_municipality.municipality, house_number=str(number),
                        postcode=small_municipality.postcode_in(district))  # fmt: skip
    Case.objects.update(first_contact_at=timezone.now())
    return small_municipality


def expected(municipality) -> dict[str, dict[str, str]]:
    """What every page and export must say, worked out from district_indicators."""
    result = {}
    for row in district_indicators(municipality, timezone.localdate().year):
        severe = row.severely_lonely
        result[row.name] = {
            "inhabitants": whole(row.inhabitants) if row.inhabitants is not None else "onbekend",
            "severe_pct": decimal(severe.share_pct) + "%",
            "severe_count": whole(severe.count) if severe.count is not None else "onbekend",
            "pct_75plus": "onbekend",
            "reached": str(row.count("reached")) if row.count("reached") >= 5 else "<5",
            "signals": str(row.count("signals")) if row.count("signals") >= 5 else "<5",
        }
    return result


def page_cells(html: str) -> dict[str, dict[str, str]]:
    """{district name: {column key: text}} from the page's table."""
    body = html.split('data-testid="riskmap-table"', 1)[1].split("</table>", 1)[0]
    result = {}
    for row in re.findall(r"<tr data-code=[^>]*>(.*?)</tr>", body, re.S):
        cells = dict(re.findall(r'data-key="([^"]+)"[^>]*>(.*?)</t[hd]>', row, re.S))
        name = re.sub(r"<[^>]+>", "", cells["name"]).strip()
        result[name] = {k: unescape(re.sub(r"<[^>]+>", "", v)).strip() for k, v in cells.items()}
    return result


def url(name, municipality, *args):
    return reverse(f"riskmap:{name}", args=[municipality.slug, *args])


def test_the_page_shows_the_figures_of_the_indicators(client_as, proefdorp):
    municipality = proefdorp.municipality
    response = client_as(Role.POLICY, municipality).get(url("map", municipality))
    assert response.status_code == 200
    cells = page_cells(response.content.decode())
    want = expected(municipality)
    assert set(cells) == {"Noord", "Midden", "Zuid", "Oost"}
    for name, figures in want.items():
        for key, text in figures.items():
            assert cells[name][key] == text, (name, key)
    # Hand-worked: Noord 1,000 inhabitants, 13.29% of 820 adults = 109 severely lonely.
    assert cells["Noord"]["severe_count"] == "109"
    assert cells["Noord"]["severe_kind"] == "model"
    assert cells["Noord"]["reached"] == "<5" and cells["Midden"]["reached"] == "7"
    # Unknown is "onbekend", never 0: Oost has no known inhabitants.
    assert cells["Oost"]["inhabitants"] == "onbekend"
    assert cells["Oost"]["severe_count"] == "onbekend"
    assert cells["Oost"]["rank"].startswith("niet gerangschikt: ")
    # The rate of a suppressed count is an upper limit (5 / 109 x 1,000), never exact.
    assert cells["Noord"]["rate"] == "<45,9"
    assert cells["Midden"]["rate"] == "32,1"
    assert "Zorgen" not in response.content.decode()  # no signal text, no names


def test_the_csv_has_the_same_figures_and_suppression(client_as, proefdorp):
    municipality = proefdorp.municipality
    response = client_as(Role.COORDINATOR, municipality).get(url("export_csv", municipality))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="risicokaart-')
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    header, body = rows[0], rows[1:]
    by_name = {line[0]: dict(zip(header, line, strict=True)) for line in body}
    want = expected(municipality)
    for name, figures in want.items():
        assert by_name[name]["Inwoners"] == figures["inhabitants"]
        assert by_name[name]["Aantal ernstig eenzaam"] == figures["severe_count"]
        assert by_name[name]["% 75 jaar en ouder"] == "onbekend"
        assert by_name[name]["Inwoners bereikt (12 maanden)"] == figures["reached"]
    assert by_name["Noord"]["Inwoners bereikt (12 maanden)"] == "<5"
    assert by_name["Noord"]["Bereikt per 1.000 ernstig eenzamen"] == "<45,9"


def test_the_xlsx_has_the_same_figures_and_suppression(client_as, proefdorp):
    municipality = proefdorp.municipality
    response = client_as(Role.PROGRAMME, municipality).get(url("export_xlsx", municipality))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    lines = list(sheet.iter_rows(values_only=True))
    header = lines[0]
    by_name = {line[0]: dict(zip(header, line, strict=True)) for line in lines[1:]}
    want = expected(municipality)
    assert by_name["Noord"]["Inwoners"] == 1000
    assert by_name["Noord"]["Aantal ernstig eenzaam"] == int(want["Noord"]["severe_count"])
    assert by_name["Noord"]["Inwoners bereikt (12 maanden)"] == "<5"
    assert by_name["Midden"]["Inwoners bereikt (12 maanden)"] == 7
    assert by_name["Oost"]["Inwoners"] == "onbekend"
    assert by_name["Noord"]["% 75 jaar en ouder"] == "onbekend"


def test_the_district_page_says_where_its_figures_come_from(client_as, proefdorp):
    municipality = proefdorp.municipality
    noord = proefdorp.districts[0]
    client = client_as(Role.POLICY, municipality)
    page = client.get(url("district", municipality, noord.code)).content.decode()
    assert "Dit is een model, geen meting." in page
    assert "% inwoners 25 tot 45 jaar" in page  # an input the model used
    assert "% eenpersoonshuishoudens" in page  # an input it missed
    assert "CBS Kerncijfers wijken en buurten 2024" in page
    assert url("map", municipality) in page  # the way back
    assert ">&lt;5<" in page  # 3 residents reached
    assert client.get(url("district", municipality, "WK035501")).status_code == 404


@pytest.mark.parametrize("name", ["map", "export_csv", "export_xlsx"])
def test_who_may_not_see_the_map_is_refused(client, client_as, proefdorp, name):
    municipality = proefdorp.municipality
    anonymous = client.get(url(name, municipality))
    assert anonymous.status_code == 302 and "/account/inloggen/" in anonymous["Location"]
    caseworker = client_as(Role.CASEWORKER, municipality, team=proefdorp.teams[0])
    assert caseworker.get(url(name, municipality)).status_code == 403
    other = client_as(Role.COORDINATOR, MunicipalityFactory())
    assert other.get(url(name, municipality)).status_code in (403, 404)
    assert other.get(url("district", municipality, "WK990101")).status_code in (403, 404)


def test_the_menu_leads_policy_staff_to_the_map(client_as, proefdorp):
    municipality = proefdorp.municipality
    home = client_as(Role.POLICY, municipality).get(reverse("core:municipality_home",
                                                            args=[municipality.slug]))  # fmt: skip
    assert url("map", municipality) in home.content.decode()


def cell_tags(html: str, code: str) -> dict[str, str]:
    """{column key: the opening tag of its cell} of the table row of district ``code``."""
    row = re.search(rf'<tr data-code="{code}">(.*?)</tr>', html, re.S).group(1)
    return {key: tag for tag, key in re.findall(r'(<t[hd] [^>]*data-key="([^"]+)"[^>]*>)', row)}


def test_the_table_sorts_numbers_by_value_and_mutes_what_is_unknown(client_as, proefdorp):
    municipality = proefdorp.municipality
    page = client_as(Role.POLICY, municipality).get(url("map", municipality)).content.decode()
    noord = cell_tags(page, proefdorp.districts[0].code)
    assert noord["inhabitants"] == (
        '<td data-key="inhabitants" data-sort="1000.000000" class="omzien-num">'
    )
    assert noord["reached"] == '<td data-key="reached" class="omzien-num riskmap-muted">'  # <5
    assert noord["severe_kind"] == '<td data-key="severe_kind" data-sort="model">'
    assert noord["name"].startswith('<th scope="row" data-key="name" data-sort="Noord"')
    oost = cell_tags(page, "WK990104")
    assert oost["inhabitants"] == '<td data-key="inhabitants" class="omzien-num riskmap-muted">'
    assert oost["severe_count_margin"] == (
        '<td data-key="severe_count_margin" class="riskmap-muted">'
    )


def test_a_cell_of_the_table_escapes_its_text():
    from omzien.riskmap.exports import Cell
    from omzien.riskmap.pages import _cell_html

    html = _cell_html("rank", False, Cell("niet gerangschikt: <b>'A' & \"B\"</b>"))
    text = "niet gerangschikt: &lt;b&gt;&#x27;A&#x27; &amp; &quot;B&quot;&lt;/b&gt;"
    assert html == f'<td data-key="rank" data-sort="{text}">{text}</td>'
