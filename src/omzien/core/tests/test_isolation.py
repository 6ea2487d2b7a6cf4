"""Tenant and role isolation, found by walking every URL pattern and API route.

For every route that takes a municipality or an object, every role of municipality A asks
for municipality B and for B's objects, and must get 403 or 404. Anonymous users are sent
to the login page (staff pages) or get 401/403 (API). Routes are found by walking the URL
resolver, so new pages and API routes are covered without editing this test.
"""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from omzien.core.roles import Role
from omzien.core.tests.factories import (
    MunicipalityFactory,
    OrganisationFactory,
    ResidentFactory,
    TeamFactory,
    login_verified,
    member,
)

pytestmark = [pytest.mark.django_db, pytest.mark.issue(2)]

#: Pages anyone may open without logging in. Everything else is staff-only.
PUBLIC_NAMES = {
    "login",
    "logout",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "health",
    "schema",
}
#: Prefixes of public (non-staff) areas added by later issues, e.g. the public signal form.
PUBLIC_PREFIXES = ("melden/", "status/", "static/")
SKIP_PREFIXES = ("systeembeheer/",)  # Django admin: superusers only, tested by Django


def walk(patterns=None, prefix=""):
    """Yield (route, name, callback) for every URL pattern."""
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            yield from walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.name, entry.callback


ROUTES = [r for r in walk() if not r[0].startswith(SKIP_PREFIXES)]
KWARG = re.compile(r"<(?:(?P<conv>[^>:]+):)?(?P<name>[^>]+)>")


def build(route: str, values: dict[str, str]) -> str:
    return "/" + KWARG.sub(lambda m: str(values.get(m.group("name"), "x")), route)


def kwargs_of(route: str) -> set[str]:
    return {m.group("name") for m in KWARG.finditer(route)}


@pytest.fixture
def world():
    home = MunicipalityFactory()
    foreign = MunicipalityFactory()
    foreign_objects = [
        ResidentFactory(municipality=foreign),
        OrganisationFactory(municipality=foreign),
        TeamFactory(municipality=foreign),
    ]
    foreign_coordinator = member(Role.COORDINATOR, foreign)
    foreign_objects.append(foreign_coordinator.memberships.get())
    return home, foreign, foreign_objects


def object_ids(objects, home) -> list[int]:
    """Foreign ids that are not also the id of some record of the home municipality, so a
    200 can never be a legitimate answer about one's own record."""
    from omzien.core.models import Membership, Organisation, Resident, Team

    own = set()
    for model in (Membership, Organisation, Resident, Team):
        own.update(model.objects.filter(municipality=home).values_list("pk", flat=True))
    return sorted({obj.pk for obj in objects} - own)


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.PROGRAMME])
def test_every_route_refuses_a_foreign_municipality_and_its_objects(client, world, role):
    home, foreign, foreign_objects = world
    user = member(role, home)
    login_verified(client, user)
    checked = 0
    for route, name, _callback in ROUTES:
        params = kwargs_of(route)
        if not params or name in PUBLIC_NAMES or route.startswith(PUBLIC_PREFIXES):
            continue
        ids = object_ids(foreign_objects, home) if params - {"municipality_slug"} else [None]
        for municipality in (foreign, home):
            if "municipality_slug" not in params and municipality is home:
                continue
            for pk in ids:
                if municipality is home and pk is None:
                    continue  # own municipality, no object: allowed or not by role matrix
                values = {"municipality_slug": municipality.slug}
                values.update({p: pk for p in params if p != "municipality_slug"})
                url = build(route, values)
                for method in ("get", "post"):
                    status = getattr(client, method)(url).status_code
                    # 405 on GET of a POST-only action reveals nothing; POST must be refused.
                    allowed = (403, 404, 405) if method == "get" else (403, 404)
                    assert status in allowed, f"{role} {method.upper()} {url} -> {status}"
                    checked += 1
    assert checked > 0


def test_programme_role_sees_no_personal_pages_of_any_municipality(client, world):
    home, foreign, foreign_objects = world
    user = member(Role.PROGRAMME)
    login_verified(client, user)
    resident = foreign_objects[0]
    for route, name, callback in ROUTES:
        action = getattr(callback, "omzien_action", None)
        if action is None or action in {"view_municipality", "view_aggregates"}:
            continue
        params = kwargs_of(route)
        values = {p: resident.pk for p in params}
        values["municipality_slug"] = foreign.slug
        status = client.get(build(route, values)).status_code
        assert status in (403, 404), f"programme GET {route} -> {status}"


@pytest.mark.parametrize("role", Role.values)
def test_role_matrix_on_own_municipality_pages(client, world, role):
    """Pages without an object: allowed exactly when the role table allows the action."""
    from omzien.core.roles import PERMISSIONS

    home, *_ = world
    user = member(role, home)
    login_verified(client, user)
    for route, _name, callback in ROUTES:
        action = getattr(callback, "omzien_action", None)
        if action is None or kwargs_of(route) != {"municipality_slug"}:
            continue
        url = build(route, {"municipality_slug": home.slug})
        status = client.get(url).status_code
        if role in PERMISSIONS[action]:
            assert status == 200, f"{role} GET {url} -> {status}"
        else:
            assert status in (403, 404), f"{role} GET {url} -> {status}"


def test_anonymous_users_are_sent_to_login(client, world):
    home, foreign, foreign_objects = world
    checked = 0
    for route, name, _callback in ROUTES:
        if name in PUBLIC_NAMES or route.startswith(PUBLIC_PREFIXES):
            continue
        values = {p: foreign_objects[0].pk for p in kwargs_of(route)}
        values["municipality_slug"] = home.slug
        url = build(route, values)
        response = client.get(url)
        if route.startswith("api/"):
            assert response.status_code in (401, 403), f"anonymous GET {url}"
            assert response["Content-Type"].startswith("application/problem+json")
        else:
            assert response.status_code == 302, f"anonymous GET {url} -> {response.status_code}"
            assert response["Location"].startswith("/account/inloggen/"), url
        checked += 1
    assert checked > 5
