"""A caseworker completes and corrects a resident's details; the old and new values are kept
in the resident's history, the audit log names only the fields (issue 8, item 9)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from omzien.core.models import AuditEvent, Resident, ResidentChange
from omzien.core.roles import Role
from omzien.core.tests.factories import ResidentFactory, login_verified, member

pytestmark = [pytest.mark.django_db, pytest.mark.issue(8)]

FORM = {
    "name": "Fictieve Inwoner",
    "street": "Lindelaan",
    "house_number": "7",
    "house_number_addition": "",
    "postcode": "9910 AA",
    "place": "Proefdorp",
    "birth_date": "1938-05-04",
    "phone": "06 11122233",
    "email": "inwoner@example.invalid",
    "preferred_language": "Turks",
    "contact_notes": "Liefst bellen na tienen; de bel werkt niet.",
}


@pytest.fixture
def world(small_municipality):
    noord = small_municipality.districts[0]
    resident = ResidentFactory(
        municipality=small_municipality.municipality,
        name="Fictieve Inwoner",
        street="",
        place="",
        house_number="7",
        postcode="9910 AA",
        birth_date=dt.date(1940, 1, 1),
    )
    worker = member(
        Role.CASEWORKER, small_municipality.municipality, team=small_municipality.teams[0]
    )
    assert resident.district == noord
    return small_municipality.municipality, resident, worker


def url(name, municipality, resident):
    return reverse(name, kwargs={"municipality_slug": municipality.slug, "pk": resident.pk})


def test_a_caseworker_completes_and_corrects_a_residents_details(client, world):
    municipality, resident, worker = world
    login_verified(client, worker)
    page = client.get(url("core:resident_detail", municipality, resident))
    edit_url = url("core:resident_edit", municipality, resident)
    assert edit_url in page.content.decode()

    form = client.get(edit_url)
    assert form.status_code == 200
    assert 'value="9910 AA"' in form.content.decode()

    response = client.post(edit_url, FORM)
    assert response.status_code == 302
    resident.refresh_from_db()
    assert (resident.street, resident.place, resident.phone) == (
        "Lindelaan",
        "Proefdorp",
        "06 11122233",
    )
    assert resident.email == "inwoner@example.invalid"
    assert resident.birth_date == dt.date(1938, 5, 4)
    assert resident.birth_year == 1938  # the year shown follows the corrected date
    assert resident.preferred_language == "Turks"
    assert resident.contact_notes.startswith("Liefst bellen")


def test_old_and_new_values_go_to_the_history_and_only_field_names_to_the_audit_log(client, world):
    municipality, resident, worker = world
    login_verified(client, worker)
    client.post(url("core:resident_edit", municipality, resident), FORM)

    [change] = ResidentChange.objects.filter(resident=resident)
    values = {c["field"]: (c["old"], c["new"]) for c in change.changes}
    assert values["birth_date"] == ("1940-01-01", "1938-05-04")
    assert values["street"] == ("", "Lindelaan")
    assert "postcode" not in values and "name" not in values  # unchanged
    assert change.actor == worker

    event = AuditEvent.objects.get(action="resident_changed")
    assert event.resident_id_ref == resident.pk
    assert set(event.extra["fields"]) == set(values)
    assert event.extra["change"] == change.pk
    for value in ("Lindelaan", "Proefdorp", "1938", "Turks", "tienen"):
        assert value not in str(event.extra)

    # The history is on the resident page, for whoever may see the resident.
    page = client.get(url("core:resident_detail", municipality, resident)).content.decode()
    assert "Eerdere wijzigingen" in page
    assert "Lindelaan" in page and "1940-01-01" in page


def test_saving_without_changes_records_nothing(client, world):
    municipality, resident, worker = world
    login_verified(client, worker)
    edit_url = url("core:resident_edit", municipality, resident)
    client.post(edit_url, FORM)
    # The same details again, the postcode typed differently: no change.
    client.post(edit_url, {**FORM, "postcode": "9910aa"})
    assert ResidentChange.objects.filter(resident=resident).count() == 1
    assert AuditEvent.objects.filter(action="resident_changed").count() == 1


def test_a_wrong_value_is_refused_and_kept_as_typed(client, world):
    municipality, resident, worker = world
    login_verified(client, worker)
    response = client.post(
        url("core:resident_edit", municipality, resident),
        {**FORM, "postcode": "12", "email": "geen-adres"},
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "Vul een postcode in zoals 3701 AB." in body
    assert "Lindelaan" in body
    assert not ResidentChange.objects.exists()
    assert Resident.objects.get(pk=resident.pk).street == ""


def test_the_history_is_as_visible_as_the_resident(client, world, small_municipality):
    municipality, resident, worker = world
    login_verified(client, worker)
    client.post(url("core:resident_edit", municipality, resident), FORM)

    # A caseworker of another district sees neither the resident nor its history.
    other = member(Role.CASEWORKER, municipality, team=small_municipality.teams[2])
    assert not ResidentChange.objects.visible_to(other, municipality).exists()
    login_verified(client, other)
    assert client.get(url("core:resident_detail", municipality, resident)).status_code == 404
    assert client.get(url("core:resident_edit", municipality, resident)).status_code == 404
    # The admin sees no residents.
    admin = member(Role.ADMIN, municipality)
    assert not ResidentChange.objects.visible_to(admin, municipality).exists()
    coordinator = member(Role.COORDINATOR, municipality)
    assert ResidentChange.objects.visible_to(coordinator, municipality).count() == 1


def test_only_roles_that_change_residents_may_edit(client, world):
    municipality, resident, _worker = world
    for role in (Role.ADMIN, Role.POLICY, Role.REPORTER, Role.VOLUNTEER):
        login_verified(client, member(role, municipality))
        response = client.post(url("core:resident_edit", municipality, resident), FORM)
        assert response.status_code == 403, role
    assert Resident.objects.get(pk=resident.pk).street == ""
