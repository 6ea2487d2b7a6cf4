"""The check of an address import (issue 11, item 2): every bad row is named with its line,
column and reason, and a file with any bad row changes nothing."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from omzien.core.models import AuditEvent, District
from omzien.core.roles import Role
from omzien.core.tests.factories import login_verified, member
from omzien.visits.models import AddressImport, VisitAddress
from omzien.visits.tests.factories import address
from omzien.visits.tests.imports_helpers import csv_of, problems, row, upload, zeist, zeist_round

pytestmark = [pytest.mark.django_db, pytest.mark.issue(11)]
Refused = AddressImport.State.REFUSED


@pytest.fixture
def coordinator(client):
    user = member(Role.COORDINATOR, zeist())
    login_verified(client, user)
    return user


def test_bad_dates_are_named_per_line_and_nothing_is_stored(client, coordinator):
    round = zeist_round()
    content = csv_of(
        row(),
        row("Dalen", born="31-02-1940", number="1"),
        row("Wit", born="1940/13/01", number="2"),
        row("Horst", born="gisteren", number="3"),
        row("Smit", born="", number="4"),
        row("Kok", born="01-01-2030", number="5"),
    )
    job = upload(client, round, content)
    assert job.state == Refused
    assert problems(job) == [
        (3, "geboortedatum", "Geen geldige datum. Schrijf DD-MM-JJJJ of JJJJ-MM-DD."),
        (4, "geboortedatum", "Geen geldige datum. Schrijf DD-MM-JJJJ of JJJJ-MM-DD."),
        (5, "geboortedatum", "Geen geldige datum. Schrijf DD-MM-JJJJ of JJJJ-MM-DD."),
        (6, "geboortedatum", "Ontbreekt."),
        (7, "geboortedatum", "Kan niet kloppen: na de peildatum of voor 1880."),
    ]
    assert not VisitAddress.objects.exists()
    assert job.upload in (b"", memoryview(b"")) or bytes(job.upload) == b""
    page = client.get(f"/g/zeist/huisbezoek-imports/{job.pk}/").content.decode()
    assert "Er is niets veranderd" in page and "5 fouten" in page
    assert "31-02-1940" not in page  # the values are personal data: never repeated


def test_both_date_layouts_and_a_postcode_without_space_are_read(client, coordinator):
    round = zeist_round()
    content = csv_of(row(born="14-02-1944"), row("Dalen", born="1939-07-30", postcode="3702ad"))
    job = upload(client, round, content)
    assert job.state == AddressImport.State.DONE, job.problems
    stored = {a.surname: a for a in VisitAddress.objects.all()}
    assert str(stored["Verhoeven"].date_of_birth) == "1944-02-14"
    assert str(stored["Dalen"].date_of_birth) == "1939-07-30"
    assert stored["Dalen"].postcode == "3702AD"
    assert stored["Verhoeven"].district.code == "WK035501"


def test_bad_postcodes_house_numbers_and_missing_fields(client, coordinator):
    round = zeist_round()
    content = csv_of(
        row(postcode="3701"),
        row("Dalen", postcode="ABCD EF"),
        row("Wit", postcode="3511 AB"),  # Utrecht
        row("Horst", postcode="9999 ZZ"),  # no such area
        row("Kok", number="0"),
        row("Smit", number="12a"),
        row("Vos", letter="AB"),
        row("Kraan", letter="1"),
        row("", street=""),
    )
    job = upload(client, round, content)
    invalid = "Geen geldige postcode. Schrijf vier cijfers en twee letters, zoals 3701 AB."
    assert problems(job) == [
        (2, "postcode", invalid),
        (3, "postcode", invalid),
        (4, "postcode", "Ligt niet in de gemeente Zeist."),
        (5, "postcode", "Ligt niet in de gemeente Zeist."),
        (6, "huisnummer", "Moet een heel getal van 1 tot en met 99999 zijn."),
        (7, "huisnummer", "Moet een heel getal van 1 tot en met 99999 zijn."),
        (8, "huisletter", "Te lang: hoogstens 1 teken."),
        (9, "huisletter", "Moet één letter zijn."),
        (10, "achternaam", "Ontbreekt."),
        (10, "straat", "Ontbreekt."),
    ]  # fmt: skip
    assert not VisitAddress.objects.exists()


def test_the_same_person_twice_in_a_file_is_a_problem_on_the_second_line(client, coordinator):
    round = zeist_round()
    content = csv_of(row(), row("Dalen", number="1"), row(" verhoeven ", postcode="3701ga"))
    job = upload(client, round, content)
    assert problems(job) == [
        (4, "", "Dezelfde persoon staat al op regel 2 (zelfde geboortedatum, adres en "
                "achternaam)."),
    ]  # fmt: skip
    assert not VisitAddress.objects.exists()


def test_a_missing_column_is_refused_on_the_form(client, coordinator):
    round = zeist_round()
    upload(client, round, b"achternaam;geboortedatum;bsn\nVos;01-01-1940;1\n", expect=422)
    page = client.post(f"/g/zeist/huisbezoeken/{round.pk}/adressen-inlezen/").content.decode()
    assert "Kies een bestand." in page
    answer = client.post(
        f"/g/zeist/huisbezoeken/{round.pk}/adressen-inlezen/",
        {"kind": "objections", "outside": "overslaan",
         "file": SimpleUploadedFile("a.csv", b"achternaam;geboortedatum\nVos;01-01-1940\n")},
    )  # fmt: skip
    assert "Er ontbreekt: postcode, huisnummer." in answer.content.decode()
    assert not AddressImport.objects.exists()


def test_people_below_the_target_age_are_skipped_and_counted_by_default(client, coordinator):
    round = zeist_round(target_age=75)
    content = csv_of(row(), row("Jong", born="02-01-1952", number="1"),  # 74 on 1-1-2027
                     row("Net", born="01-01-1952", number="2"))  # 75 that very day  # fmt: skip
    job = upload(client, round, content)
    assert job.state == AddressImport.State.DONE
    assert job.summary["skipped_age"] == 1 and job.summary["created"] == 2
    assert set(VisitAddress.objects.values_list("surname", flat=True)) == {"Verhoeven", "Net"}
    page = client.get(f"/g/zeist/huisbezoek-imports/{job.pk}/").content.decode()
    assert 'data-testid="import-skipped-age">1<' in page


def test_a_file_over_the_target_age_of_an_exact_round_is_refused_when_asked(client, coordinator):
    round = zeist_round(target="exact", target_age=75)
    content = csv_of(row("Oud", born="14-02-1944"), row("Precies", born="01-06-1951", number="1"))
    job = upload(client, round, content, outside="fout")
    assert problems(job) == [
        (2, "geboortedatum",
         "Valt buiten de doelgroep van de ronde (precies 75 jaar op 1 januari 2027)."),
    ]  # fmt: skip
    assert not VisitAddress.objects.exists()
    job = upload(client, round, content)  # skip instead
    assert job.summary["skipped_age"] == 1
    assert list(VisitAddress.objects.values_list("surname", flat=True)) == ["Precies"]


def test_addresses_outside_the_rounds_districts_are_skipped_or_refused(client, coordinator):
    round = zeist_round()
    round.districts.set([District.objects.get(code="WK035501")])
    content = csv_of(row(postcode="3701 GA"), row("Bosman", postcode="3707 BT", number="7"))
    job = upload(client, round, content, outside="fout")
    assert problems(job) == [(3, "postcode", "Ligt niet in de wijken van de ronde.")]
    job = upload(client, round, content)
    assert job.summary["skipped_district"] == 1 and job.summary["created"] == 1


def test_nothing_changes_on_error_even_in_a_round_with_addresses(client, coordinator):
    round = zeist_round()
    kept = address(round, surname="Eerder", postcode="3701GA")
    before = list(VisitAddress.objects.values_list("pk", "surname", "status"))
    imported = AuditEvent.objects.filter(action="visit_import_done").count()
    job = upload(client, round, csv_of(row(), row("Dalen", born="30-02-1940", number="1")))
    assert job.state == Refused
    assert list(VisitAddress.objects.values_list("pk", "surname", "status")) == before
    assert AuditEvent.objects.filter(action="visit_import_done").count() == imported
    assert AuditEvent.objects.filter(action="visit_import_refused").exists()
    assert VisitAddress.objects.get(pk=kept.pk).surname == "Eerder"


def test_unknown_columns_are_ignored_and_named(client, coordinator):
    round = zeist_round()
    header = "bsn;" + ";".join(["voorletters", "roepnaam", "tussenvoegsel", "achternaam",
                                "geboortedatum", "straat", "huisnummer", "huisletter",
                                "toevoeging", "postcode", "woonplaats", "huishouden"])  # fmt: skip
    job = upload(client, round, csv_of("123456782;" + row(), header=header))
    assert job.state == AddressImport.State.DONE
    assert job.summary["ignored_columns"] == ["bsn"]


def test_a_file_with_only_the_header_is_refused(client, coordinator):
    job = upload(client, zeist_round(), csv_of())
    assert problems(job) == [(2, "", "Er staan geen personen in dit bestand.")]


def test_an_unexpected_error_fails_the_job_and_changes_nothing(client, coordinator, monkeypatch):
    from omzien.visits.imports import storing

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(storing, "store_addresses", broken)
    job = upload(client, zeist_round(), csv_of(row()))
    assert job.state == AddressImport.State.FAILED
    assert "Er is niets veranderd" in job.problems[0]["message"]
    assert not bytes(AddressImport.objects.get(pk=job.pk).upload)
    assert not VisitAddress.objects.exists()
