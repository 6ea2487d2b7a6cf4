"""The scoping layer implements the role table of DESIGN.md."""

import pytest
from django.core.exceptions import PermissionDenied

from omzien.core.models import Membership, Resident
from omzien.core.roles import Role
from omzien.core.scoping import can, require, roles_in
from omzien.core.tests.factories import (
    DistrictFactory,
    MunicipalityFactory,
    ResidentFactory,
    TeamFactory,
    member,
)

pytestmark = [pytest.mark.django_db, pytest.mark.issue(2)]


@pytest.fixture
def town():
    municipality = MunicipalityFactory()
    north = DistrictFactory(municipality=municipality)
    south = DistrictFactory(municipality=municipality)
    in_north = ResidentFactory(municipality=municipality)
    in_south = ResidentFactory(municipality=municipality)
    # District comes from the postcode; set it directly for these fictitious districts.
    Resident.objects.filter(pk=in_north.pk).update(district=north)
    Resident.objects.filter(pk=in_south.pk).update(district=south)
    return municipality, north, south, in_north, in_south


def visible(user, municipality):
    return set(Resident.objects.visible_to(user, municipality).values_list("pk", flat=True))


def test_coordinator_sees_every_resident_of_own_municipality_only(town):
    municipality, north, south, in_north, in_south = town
    foreign = ResidentFactory()
    user = member(Role.COORDINATOR, municipality)
    assert visible(user, municipality) == {in_north.pk, in_south.pk}
    assert visible(user, foreign.municipality) == set()


def test_caseworker_sees_residents_of_own_districts(town):
    municipality, north, south, in_north, in_south = town
    user = member(Role.CASEWORKER, municipality, districts=[north])
    assert visible(user, municipality) == {in_north.pk}


def test_caseworker_sees_residents_of_team_districts(town):
    municipality, north, south, in_north, in_south = town
    team = TeamFactory(municipality=municipality)
    team.districts.set([south])
    user = member(Role.CASEWORKER, municipality, team=team)
    assert visible(user, municipality) == {in_south.pk}


@pytest.mark.parametrize(
    "role", [Role.REPORTER, Role.VOLUNTEER, Role.POLICY, Role.PROGRAMME, Role.ADMIN]
)
def test_roles_without_personal_data_see_no_residents(town, role):
    municipality, *_ = town
    user = member(role, municipality)
    assert visible(user, municipality) == set()


def test_programme_role_holds_in_every_municipality_but_sees_aggregates_only(town):
    municipality, *_ = town
    user = member(Role.PROGRAMME)
    assert roles_in(user, municipality) == {Role.PROGRAMME}
    assert can(user, "view_aggregates", municipality)
    assert not can(user, "view_residents", municipality)
    assert not can(user, "view_unsuppressed_aggregates", municipality)


def test_require_refuses_a_record_outside_the_scope(town):
    municipality, north, south, in_north, in_south = town
    user = member(Role.CASEWORKER, municipality, districts=[north])
    require(user, "view_resident", in_north)
    with pytest.raises(PermissionDenied):
        require(user, "view_resident", in_south)


def test_require_refuses_a_foreign_municipality(town):
    municipality, *_ = town
    user = member(Role.COORDINATOR, municipality)
    other = MunicipalityFactory()
    with pytest.raises(PermissionDenied):
        require(user, "manage_settings", other)
    require(user, "manage_settings", municipality)


def test_admin_manages_memberships_but_sees_no_residents(town):
    municipality, *_ = town
    admin = member(Role.ADMIN, municipality)
    assert can(admin, "manage_memberships", municipality)
    assert can(admin, "view_audit", municipality)
    assert not can(admin, "view_residents", municipality)


def test_inactive_user_has_no_roles(town):
    municipality, *_ = town
    user = member(Role.COORDINATOR, municipality)
    user.is_active = False
    user.save()
    user.__dict__.pop("_omzien_memberships", None)
    assert roles_in(user, municipality) == frozenset()


def test_national_membership_cannot_carry_a_municipality(town):
    from django.db import IntegrityError

    municipality, *_ = town
    user = member(Role.COORDINATOR, municipality)
    with pytest.raises(IntegrityError):
        Membership.objects.create(user=user, municipality=municipality, role=Role.PROGRAMME)


def test_navigation_marks_only_the_longest_matching_entry_current(town):
    from omzien.core.navigation import navigation_for

    municipality, *_ = town
    user = member(Role.COORDINATOR, municipality)
    base = f"/g/{municipality.slug}/"
    items = navigation_for(user, municipality, base + "meldingen/overzicht/")
    current = [item.label for item in items if item.current]
    assert current == ["Overzicht"]
    items = navigation_for(user, municipality, base)
    assert [item.label for item in items if item.current] == ["Start"]
