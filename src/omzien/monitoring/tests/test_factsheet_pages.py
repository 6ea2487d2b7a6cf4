"""The factsheet page (issue 12, item 7): who may open it, what it shows (a header, each
section with its paragraphs and an accessible table, a PDF link), a section with nothing to
say is left out, no personal data, and the programme's list of every municipality."""

from __future__ import annotations

import pytest
from django.urls import reverse

from omzien.core.extensions import FactsheetPart, FactsheetSection
from omzien.core.models import Municipality
from omzien.core.roles import Role
from omzien.core.tests.factories import MunicipalityFactory, ResidentFactory
from omzien.monitoring.tests.factories_factsheet import (
    KNOWN,
    known_section,
    page_url,
    pdf_text,
    pdf_url,
    use_sections,
)
from omzien.signalling.tests.factories import file_signal, go_live

pytestmark = [pytest.mark.issue(12), pytest.mark.django_db]


def test_the_page_shows_the_header_the_sections_and_the_pdf_link(
    client_as, small_municipality, monkeypatch
):
    use_sections(monkeypatch, FactsheetSection("known", known_section, order=5))
    municipality = small_municipality.municipality
    page = client_as(Role.POLICY, municipality).get(page_url(municipality)).content.decode()
    assert "<h1>Factsheet Proefdorp</h1>" in page
    assert "<dt>Inwoners</dt><dd>6.000</dd>" in page
    assert "<dt>Provincie</dt><dd>onbekend</dd>" in page  # Proefdorp has no province
    assert "Alleen totalen; aantallen onder de 5 tonen we niet." in page
    assert f'href="{pdf_url(municipality)}"' in page and "Download als PDF" in page
    assert '<h2 id="factsheet-section-1">Testcijfers van de aanpak</h2>' in page
    assert KNOWN.paragraphs[0] in page
    # An accessible table: a caption, column headers, the row's name as its header.
    assert (
        '<caption id="factsheet-tabel-1" class="omzien-visually-hidden">Testcijfers van de aanpak'
        "</caption>" in page
    )
    assert '<th scope="col" class="omzien-num">Meldingen</th>' in page
    assert '<th scope="row">februari</th><td class="omzien-num">&lt;5</td>' in page


def test_a_section_with_nothing_to_say_is_left_out(client_as, small_municipality, monkeypatch):
    def only_elsewhere(user, municipality):
        if municipality.slug == "proefdorp":
            return None
        return FactsheetPart("Alleen elders", ("Er is iets te zeggen.",))

    use_sections(
        monkeypatch,
        FactsheetSection("known", known_section, order=5),
        FactsheetSection("elsewhere", only_elsewhere, order=6),
        only=True,
    )
    municipality = small_municipality.municipality
    client = client_as(Role.PROGRAMME)
    page = client.get(page_url(municipality))
    assert page.context["factsheet"].parts == (KNOWN,)
    assert "Alleen elders" not in page.content.decode()
    assert "Alleen elders" not in pdf_text(client.get(pdf_url(municipality)).content)
    zeist = Municipality.objects.get(code="GM0355")
    other = client.get(page_url(zeist))
    assert [p.title for p in other.context["factsheet"].parts] == [KNOWN.title, "Alleen elders"]
    assert "Utrecht" in other.content.decode()  # Zeist's province


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.POLICY, 200),
        (Role.COORDINATOR, 200),
        (Role.CASEWORKER, 403),
        (Role.VOLUNTEER, 403),
        (Role.ADMIN, 403),
    ],
)
def test_who_may_open_the_factsheet(client_as, small_municipality, role, status):
    municipality = small_municipality.municipality
    client = client_as(role, municipality)
    assert client.get(page_url(municipality)).status_code == status
    assert client.get(pdf_url(municipality)).status_code == status


def test_the_programme_opens_any_municipalitys_factsheet(client_as, small_municipality):
    client = client_as(Role.PROGRAMME)
    for municipality in (small_municipality.municipality, Municipality.objects.get(slug="zeist")):
        assert client.get(page_url(municipality)).status_code == 200
        assert client.get(pdf_url(municipality)).status_code == 200


def test_another_municipalitys_policy_staff_are_refused(client, client_as, small_municipality):
    municipality = small_municipality.municipality
    other = client_as(Role.POLICY, MunicipalityFactory())
    assert other.get(page_url(municipality)).status_code in (403, 404)
    assert other.get(pdf_url(municipality)).status_code in (403, 404)
    client.logout()
    anonymous = client.get(pdf_url(municipality))
    assert anonymous.status_code == 302 and "/account/inloggen/" in anonymous["Location"]


def test_the_factsheet_shows_no_personal_data(client_as, small_municipality):
    municipality = small_municipality.municipality
    go_live(municipality)
    ResidentFactory(municipality=municipality, name="Wilhelmina Zonnebloemveld")
    concern = "Mevrouw Kwakernaak-Oudejans zit al weken alleen achter het raam."
    for number in range(1, 7):
        file_signal(municipality, house_number=str(number), concern=concern,
                    postcode=small_municipality.postcode_in(small_municipality.districts[0]),
                    person_name="Bartholomeus Vlinderhof")  # fmt: skip
    client = client_as(Role.POLICY, municipality)
    page = client.get(page_url(municipality)).content.decode()
    text = pdf_text(client.get(pdf_url(municipality)).content)
    for personal in ("Zonnebloemveld", "Kwakernaak", "Vlinderhof", "achter het raam"):
        assert personal not in page and personal not in text


def test_policy_and_coordinators_find_the_factsheet_on_their_start_page(
    client_as, small_municipality
):
    municipality = small_municipality.municipality
    home = reverse("core:municipality_home", args=[municipality.slug])
    for role, shown in ((Role.POLICY, True), (Role.COORDINATOR, True), (Role.CASEWORKER, False)):
        page = client_as(role, municipality).get(home).content.decode()
        assert ('data-testid="card-factsheet"' in page) is shown, role
        assert (page_url(municipality) in page) is shown, role


def test_the_programme_lists_every_municipalitys_factsheet(client_as, small_municipality):
    url = reverse("monitoring:national_factsheets")
    client = client_as(Role.PROGRAMME)
    assert (
        reverse("monitoring:national_factsheets")
        in client.get(reverse("core:national_home")).content.decode()
    )
    page = client.get(url).content.decode()
    for municipality in Municipality.objects.all():
        assert f'href="{page_url(municipality)}"' in page
        assert f'href="{pdf_url(municipality)}"' in page
    zeist = Municipality.objects.get(slug="zeist")
    utrecht_only = client.get(url, {"provincie": zeist.province.code}).content.decode()
    assert page_url(zeist) in utrecht_only
    assert page_url(small_municipality.municipality) not in utrecht_only  # no province
    assert client.get(url, {"provincie": "PV99"}).status_code == 200  # unknown: all
    assert client_as(Role.POLICY, small_municipality.municipality).get(url).status_code == 403
