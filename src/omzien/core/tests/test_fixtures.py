"""The suite's own fixtures: the reference data it runs on, the fictitious
``small_municipality``."""

from __future__ import annotations

import pytest

from omzien.core.geo import district_for_postcode, lookup_postcode
from omzien.core.models import District, Municipality, PostcodeArea, Team
from omzien.core.tests.factories import (
    SMALL_MUNICIPALITY_CODE,
    MunicipalityFactory,
)
from omzien.core.tests.fixtures import TEST_MUNICIPALITIES

pytestmark = pytest.mark.django_db


def test_the_session_holds_the_few_municipalities_the_tests_use():
    assert set(Municipality.objects.values_list("code", flat=True)) == set(TEST_MUNICIPALITIES)
    assert District.objects.filter(municipality__code="GM0355").count() == 5
    assert lookup_postcode("3701 AB").municipality.code == "GM0355"


def test_small_municipality_has_districts_postcodes_and_a_team_per_district(small_municipality):
    small = small_municipality
    assert small.municipality.code == SMALL_MUNICIPALITY_CODE
    assert [d.name for d in small.districts] == ["Noord", "Midden", "Zuid"]
    assert all(d.geometry["type"] == "Polygon" for d in small.districts)
    assert PostcodeArea.objects.filter(municipality=small.municipality).count() == 4
    for district, team in zip(small.districts, small.teams, strict=True):
        assert list(team.districts.all()) == [district]
        assert team.organisation == small.organisation
        postcode = small.postcode_in(district)
        assert lookup_postcode(postcode).district == district
        assert district_for_postcode(postcode, small.municipality) == district
    assert Team.objects.filter(municipality=small.municipality).count() == 3


def test_small_municipality_lives_beside_factory_municipalities(small_municipality):
    others = MunicipalityFactory.create_batch(3)
    assert SMALL_MUNICIPALITY_CODE not in {m.code for m in others}
    assert district_for_postcode("9920 AB", others[0]) is None
