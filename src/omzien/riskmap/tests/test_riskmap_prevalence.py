"""The national prevalence table in the database (issue 10, item 2): seeded from the shipped
CSVs, edited per year in the Django admin (checked in Dutch, every change audited), used by the
model for its year and later, named with its year and source on the pages, and shown with its
sources to the programme team."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse

from omzien.core.models import AuditEvent
from omzien.core.roles import Role
from omzien.core.tests.factories import UserFactory, login_verified, member
from omzien.riskmap import prevalence
from omzien.riskmap.estimate import load_prevalence
from omzien.riskmap.estimate.prevalence import available_years
from omzien.riskmap.indicators import district_indicators
from omzien.riskmap.models import PrevalenceRate, PrevalenceYear
from omzien.riskmap.tests.factories import ROWS, give_ages, use_round_prevalence

pytestmark = [pytest.mark.issue(10), pytest.mark.django_db]

SEEDED = (2020, 2022)
PAGE = "/landelijk/risicokaart/prevalentie/"
#: Severely lonely in Noord with the round table: (7 x 20 + 30 x 10 + 25 x 10 + 20 x 20) / 82 %
#: of 820 adults = 109 (test_indicators); with 30% instead of 20% for 65+: 1,290 / 82 %, 129.
ROUND_SEVERE, EDITED_SEVERE = 109, 129


@pytest.fixture
def proefdorp(small_municipality):
    use_round_prevalence()
    give_ages(small_municipality.districts)
    return small_municipality


@pytest.fixture
def operator(client):
    login_verified(client, UserFactory(is_superuser=True, is_staff=True))
    return client


def noord_severe(municipality, year: int):
    rows = {row.code: row for row in district_indicators(municipality, year)}
    return rows["WK990101"].severely_lonely


def form_data(table: PrevalenceYear, **changes) -> dict[str, str]:
    """The admin's change form of ``table`` as it stands, with ``changes``: ``year`` or
    ``source`` of the table, or ``"<key>__<field>"`` of a row (``"<key>__DELETE"`` deletes)."""
    rates = list(table.rates.order_by("id"))
    data = {
        "year": str(table.year),
        "source": table.source,
        "notes": table.notes,
        "rates-TOTAL_FORMS": str(len(rates)),
        "rates-INITIAL_FORMS": str(len(rates)),
        "rates-MIN_NUM_FORMS": "0",
        "rates-MAX_NUM_FORMS": "1000",
        "_save": "Opslaan",
    }
    fields = ("key", "eenzaam", "eenzaam_lower", "eenzaam_upper", "ernstig", "ernstig_lower",
              "ernstig_upper", "basis", "source")  # fmt: skip
    for index, rate in enumerate(rates):
        prefix = f"rates-{index}-"
        data[prefix + "id"] = str(rate.pk)
        data[prefix + "table"] = str(table.pk)
        for name in fields:
            data[prefix + name] = str(getattr(rate, name))
        for change, value in changes.items():
            key, _sep, name = change.partition("__")
            if key == rate.key:
                data[prefix + name] = str(value)
    data.update({k: str(v) for k, v in changes.items() if "__" not in k})
    return data


def add_form_data(year: int, source: str, rows) -> dict[str, str]:
    """The admin's add form of a year with ``rows`` as in factories.ROWS (+/- 1 point)."""
    data = {
        "year": str(year),
        "source": source,
        "notes": "",
        "rates-TOTAL_FORMS": str(len(rows)),
        "rates-INITIAL_FORMS": "0",
        "rates-MIN_NUM_FORMS": "0",
        "rates-MAX_NUM_FORMS": "1000",
        "_save": "Opslaan",
    }
    for index, (key, unit, lonely, severe) in enumerate(rows):
        spread = 0.1 if unit == "ratio" else 1
        values = {
            "key": key, "basis": "afgeleid", "source": "Testberekening",
            "eenzaam": lonely, "eenzaam_lower": lonely - spread, "eenzaam_upper": lonely + spread,
            "ernstig": severe, "ernstig_lower": severe - spread, "ernstig_upper": severe + spread,
        }  # fmt: skip
        data.update({f"rates-{index}-{name}": str(value) for name, value in values.items()})
    return data


def change_url(table: PrevalenceYear) -> str:
    return reverse("admin:riskmap_prevalenceyear_change", args=[table.pk])


def test_the_seeded_tables_equal_the_shipped_csvs():
    assert set(SEEDED) <= set(available_years())
    assert list(PrevalenceYear.objects.order_by("year").values_list("year", flat=True)) == [*SEEDED]
    for year in SEEDED:
        seeded, shipped = prevalence.table_for(year), load_prevalence(year)
        assert seeded.year == year
        assert list(seeded.rows) == list(shipped.rows)
        assert seeded.rows == shipped.rows  # key, label, unit, every figure and range, basis
        table = PrevalenceYear.objects.get(year=year)
        assert f"Gezondheidsmonitor Volwassenen en Ouderen {year}" in table.source
        assert all(rate.source.strip() for rate in table.rates.all())


def test_the_model_reads_the_table_of_the_year_else_the_latest_before_it(
    django_assert_num_queries,
):
    with django_assert_num_queries(1):
        assert prevalence.table_for(2021).year == 2020
    assert prevalence.table_for(2022).year == 2022
    assert prevalence.table_for(2030).year == 2022
    assert prevalence.table_for(2010).year == 2020  # before every table: the earliest
    assert "Corona Gezondheidsmonitor" in prevalence.table_for(2024).source


def test_editing_a_rate_in_the_admin_changes_the_model_and_is_audited(operator, proefdorp):
    municipality = proefdorp.municipality
    assert round(noord_severe(municipality, 2024).count) == ROUND_SEVERE
    table = PrevalenceYear.objects.get()
    response = operator.post(
        change_url(table),
        form_data(table, **{"65plus__ernstig": 30, "65plus__ernstig_upper": 31,
                            "65plus__ernstig_lower": 29}),
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    severe = noord_severe(municipality, 2024)
    assert severe.share_pct == pytest.approx(1290 / 82)
    assert severe.count == pytest.approx(EDITED_SEVERE)
    event = AuditEvent.objects.get(action="riskmap_prevalence_saved")
    assert (event.object_type, event.object_id) == ("riskmap.prevalenceyear", str(table.pk))
    assert event.extra == {"year": 2000, "created": False, "fields": [], "rows": ["65plus"]}
    assert event.actor_id is not None


def test_a_new_year_is_used_for_that_year_and_later(operator, proefdorp):
    municipality = proefdorp.municipality
    add = reverse("admin:riskmap_prevalenceyear_add")
    form = operator.get(add).content.decode()
    assert 'value="65plus" selected' in form  # a new year starts with a row per group
    rows = [row if row[0] != "65plus" else ("65plus", "pct", 60, 30) for row in ROWS]
    data = add_form_data(2025, "Testbron 2025", rows)
    response = operator.post(add, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert PrevalenceYear.objects.get(year=2025).rates.count() == len(ROWS)
    assert round(noord_severe(municipality, 2024).count) == ROUND_SEVERE
    for year in (2025, 2026):
        severe = noord_severe(municipality, year)
        assert round(severe.count) == EDITED_SEVERE
        assert "prevalentietabel 2025 (Testbron 2025)" in severe.source
    event = AuditEvent.objects.get(action="riskmap_prevalence_saved")
    assert event.extra["created"] is True and event.extra["year"] == 2025
    assert len(event.extra["rows"]) == len(ROWS)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"18plus__eenzaam_upper": 120}, "Een percentage ligt tussen 0 en 100."),
        ({"18plus__eenzaam_lower": -1}, "Een percentage ligt tussen 0 en 100."),
        ({"25_45__ernstig_lower": 15}, "De ondergrens mag niet hoger zijn dan het cijfer zelf."),
        ({"25_45__eenzaam_upper": 35}, "De bovengrens mag niet lager zijn dan het cijfer zelf."),
        ({"rr_alleenwonend__ernstig_lower": 0}, "Een relatief risico is groter dan 0."),
        ({"18plus__eenzaam": "veel"}, "Voer een getal in."),
        ({"18plus__DELETE": "on"}, "Een tabel is pas volledig met een rij voor elke groep. "
                                   "Nog nodig: 18 jaar en ouder."),
    ],
)  # fmt: skip
def test_an_invalid_rate_is_refused_with_a_dutch_message(operator, proefdorp, changes, message):
    table = PrevalenceYear.objects.get()
    before = list(PrevalenceRate.objects.order_by("id").values())
    response = operator.post(change_url(table), form_data(table, **changes))
    assert response.status_code == 200
    assert message in html.unescape(response.content.decode())
    assert list(PrevalenceRate.objects.order_by("id").values()) == before
    assert not AuditEvent.objects.filter(action="riskmap_prevalence_saved").exists()


def test_deleting_a_year_is_audited_and_the_model_falls_back(operator):
    table = PrevalenceYear.objects.get(year=2022)
    response = operator.post(
        reverse("admin:riskmap_prevalenceyear_delete", args=[table.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert AuditEvent.objects.get(action="riskmap_prevalence_deleted").extra == {"year": 2022}
    assert prevalence.table_for(2024).year == 2020


def test_the_pages_name_the_prevalence_year_and_source(client_as, proefdorp):
    PrevalenceYear.objects.filter(year=2000).update(source="Testbron rond")
    municipality = proefdorp.municipality
    client = client_as(Role.POLICY, municipality)
    base = f"/g/{municipality.slug}/risicokaart/"
    named = "prevalentietabel 2000"
    map_page = html.unescape(client.get(base).content.decode())
    assert f"landelijke {named}. Bron: Testbron rond." in map_page
    district = html.unescape(client.get(base + "WK990101/").content.decode())
    assert f"Model: indirecte standaardisatie met de landelijke {named} (Testbron rond)" in district


def test_the_programme_team_sees_each_year_with_its_sources(client):
    login_verified(client, member(Role.PROGRAMME))
    page = html.unescape(client.get(PAGE).content.decode())
    assert "Landelijke prevalentietabel 2022" in page
    assert "Corona Gezondheidsmonitor Volwassenen en Ouderen 2022" in page
    assert "48,6% (48,1% tot 49,1%)" in page  # 18+ eenzaam
    assert "1,8 (1,5 tot 2,1)" in page  # a relative risk, no percent sign
    assert "14,2 × 0,879 = 12,5" in page  # a row's own source
    assert "/systeembeheer/riskmap/" not in page  # no edit link without the right to edit
    older = html.unescape(client.get(PAGE + "?jaar=2020").content.decode())
    assert "Landelijke prevalentietabel 2020" in older and "46,6%" in older
    assert client.get(PAGE + "?jaar=1999").status_code == 200  # unknown year: the latest
    assert PAGE in client.get("/landelijk/risicokaart/").content.decode()


def test_only_the_programme_team_and_operators_see_the_page(client, client_as, proefdorp):
    assert client.get(PAGE).status_code == 302
    policy = client_as(Role.POLICY, proefdorp.municipality)
    assert policy.get(PAGE).status_code == 403
    login_verified(client, UserFactory(is_superuser=True, is_staff=True))
    page = client.get(PAGE).content.decode()
    assert reverse("admin:riskmap_prevalenceyear_change", args=[
        PrevalenceYear.objects.get().pk]) in page  # fmt: skip
