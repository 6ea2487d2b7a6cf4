"""The resident's new details and their history of corrections: signals keep what was
reported, retention and erasure on request remove them, the inzage shows them (issue 8,
item 9)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.urls import reverse

from omzien.core import services as core_services
from omzien.core.models import Resident, ResidentChange
from omzien.core.roles import Role
from omzien.core.tests.factories import login_verified, member
from omzien.signalling.models import Signal, Tombstone
from omzien.signalling.privacy import rights
from omzien.signalling.tests.factories import file_signal, zeist
from omzien.signalling.tests.test_retention import (
    CLOSED,
    at,
    closed_case_with_everything,
    find_personal_data,
    purge,
)

pytestmark = [pytest.mark.django_db, pytest.mark.issue(8)]

#: New details, each a value found nowhere else, and a first value that was corrected.
DETAILS = {
    "preferred_language": "Papiamento-Testtaal",
    "contact_notes": "Bellen via dochter Annegien-Testdochter",
    "place": "Zeist-Testdorp",
}
EARLIER_PHONE = "0611199977"


def add_details(world) -> None:
    coordinator = world.coordinator
    core_services.update_resident(
        actor=coordinator, resident=world.resident, data={"phone": EARLIER_PHONE}
    )
    core_services.update_resident(
        actor=coordinator,
        resident=world.resident,
        data={**DETAILS, "phone": "0698712345"},
    )


def test_correcting_the_resident_leaves_the_reported_address_of_the_signal():
    municipality = zeist()
    coordinator = member(Role.COORDINATOR, municipality)
    intake = file_signal(municipality, postcode="3701 AB", house_number="1")
    resident = intake.case.resident
    core_services.update_resident(
        actor=coordinator,
        resident=resident,
        data={"postcode": "3701 AC", "house_number": "3", "street": "Slotlaan"},
    )
    resident.refresh_from_db()
    assert (resident.postcode, resident.house_number) == ("3701 AC", "3")
    signal = Signal.objects.get(pk=intake.signal.pk)
    assert (signal.postcode, signal.house_number) == ("3701 AB", "1")


def test_retention_erases_the_new_details_and_the_history():
    world = closed_case_with_everything()
    with at(CLOSED - dt.timedelta(days=1)):
        add_details(world)
    needles = [*DETAILS.values(), EARLIER_PHONE]
    assert "core_residentchange" in find_personal_data(needles)
    with at(CLOSED + dt.timedelta(days=366)):
        purge()
    assert find_personal_data(needles) == {}
    assert not Resident.objects.filter(pk=world.resident.pk).exists()
    assert not ResidentChange.objects.exists()
    stone = Tombstone.objects.get(object_type="core.resident", object_ref=world.resident.pk)
    assert {"preferred_language", "contact_notes", "changes"} <= set(stone.removed)


def test_erasure_on_request_erases_the_new_details_and_the_history():
    world = closed_case_with_everything()
    add_details(world)
    rights.erase_resident(actor=world.coordinator, resident=world.resident)
    assert find_personal_data([*DETAILS.values(), EARLIER_PHONE]) == {}
    assert not ResidentChange.objects.exists()


def test_the_inzage_holds_the_new_details_and_the_history(client):
    world = closed_case_with_everything(close=False)
    add_details(world)
    login_verified(client, world.coordinator)
    kwargs = {"municipality_slug": world.municipality.slug, "pk": world.resident.pk}
    data = json.loads(client.get(reverse("signalling:resident_export_json", kwargs=kwargs)).content)
    assert data["resident"]["preferred_language"] == DETAILS["preferred_language"]
    assert data["resident"]["contact_notes"] == DETAILS["contact_notes"]
    olds = [f["old"] for change in data["changes"] for f in change["fields"]]
    assert EARLIER_PHONE in olds
    assert "actor" not in json.dumps(data["changes"])  # no staff names
    page = client.get(reverse("signalling:resident_export", kwargs=kwargs)).content.decode()
    assert DETAILS["contact_notes"] in page and EARLIER_PHONE in page
