"""The address's municipality and district have no database foreign-key check (import speed,
docs/visits-import.md, "Indexes and constraints"), so the code keeps them right (issue 11,
item 2): an import writes the round's municipality and only a district of that municipality,
and deleting a district or a round leaves no address pointing at nothing."""

from __future__ import annotations

import pytest

from omzien.core.models import District, PostcodeArea
from omzien.core.roles import Role
from omzien.core.tests.factories import login_verified, member
from omzien.visits.models import AddressImport, VisitAddress
from omzien.visits.tests.imports_helpers import csv_of, row, upload, zeist, zeist_round

pytestmark = [pytest.mark.django_db, pytest.mark.issue(11)]


@pytest.fixture
def coordinator(client):
    user = member(Role.COORDINATOR, zeist())
    login_verified(client, user)
    return user


def test_an_import_never_writes_a_district_of_another_municipality(client, coordinator):
    elsewhere = District.objects.exclude(municipality=zeist()).first()
    PostcodeArea.objects.filter(pc4="3701").update(district=elsewhere)  # bad reference data
    round = zeist_round()
    content = csv_of(row(postcode="3701 GA"), row("Bosman", postcode="3707 BT", number="7"))
    assert upload(client, round, content).state == AddressImport.State.DONE
    stored = {a.surname: a for a in VisitAddress.objects.filter(round=round)}
    assert stored["Verhoeven"].district_id is None
    assert stored["Bosman"].district.municipality_id == zeist().pk
    assert {a.municipality_id for a in stored.values()} == {round.municipality_id}


def test_deleting_a_district_or_a_round_leaves_no_dangling_address(client, coordinator):
    round = zeist_round()
    content = csv_of(row(postcode="3701 GA"), row("Bosman", postcode="3707 BT", number="7"))
    assert upload(client, round, content).state == AddressImport.State.DONE
    district = VisitAddress.objects.get(surname="Verhoeven").district
    district.delete()
    assert VisitAddress.objects.get(surname="Verhoeven").district_id is None
    assert VisitAddress.objects.get(surname="Bosman").district_id is not None
    round.delete()
    assert not VisitAddress.objects.exists()
