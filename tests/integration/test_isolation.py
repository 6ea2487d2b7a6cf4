"""Tenant and role isolation, found by walking every URL pattern and API route.

For every route that takes a municipality or an object, every role of municipality A asks
for municipality B and for B's objects, and must get 403 or 404. Anonymous users are sent
to the login page (staff pages) or get 401/403 (API). Routes are found by walking the URL
resolver, so new pages and API routes are covered without editing this test.

B holds a record of every app (issue 7): residents, organisations, teams and memberships
(core), an assessment (assessment), a case with a signal, an API key, a partner link and an
accepted signal (signalling). A route that takes an object is tried with the id of a foreign
object of the model it takes (``ROUTE_MODELS``), and a member of B, the control, must get
the same pages: a refusal then proves isolation, not a record that does not exist.

This test lives outside the ``omzien`` package: it builds its world from the factories and
services of every app, and core may not import later apps (.importlinter).
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from omzien.assessment.models import Assessment
from omzien.assessment.services import record_assessment
from omzien.benchmark.models import CoalitionMember, JointActivity, LocalParticipation
from omzien.benchmark.tests.factories_coalition import (
    coalition_member,
    joint_activity,
    participation,
    partnership,
)
from omzien.core.models import District, Invitation, Membership, Organisation, Resident, Team
from omzien.core.roles import Role
from omzien.core.tests.factories import (
    MunicipalityFactory,
    OrganisationFactory,
    ResidentFactory,
    TeamFactory,
    login_verified,
    make_small_municipality,
    member,
)
from omzien.monitoring.models import Approach, SupportRequest
from omzien.monitoring.support.services import ask_support, new_request
from omzien.riskmap.models import FigureImportJob, Source
from omzien.signalling.cases.services import assign_case
from omzien.signalling.models import AcceptedSignal, ApiKey, Case, PartnerLink, Referral, Signal
from omzien.signalling.setup.services import create_api_key, create_partner_link
from omzien.signalling.tests.factories import file_signal
from omzien.socialmap.models import ImportJob, Initiative
from omzien.visits.models import AddressImport, VisitAddress, VisitAttempt, VisitRound, Volunteer
from omzien.visits.tests.factories import address, attempt, visit_round, volunteer

pytestmark = [pytest.mark.django_db, pytest.mark.issue(2)]

#: Pages anyone may open without logging in. Everything else is staff-only.
PUBLIC_NAMES = {
    "login",
    "logout",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "liveness",
    "readiness",
    "metrics",  # a bearer token or an address list, else 404 (docs/observability.md)
    "sso_start",  # single sign-on: the two steps of a login (docs/sso.md)
    "sso_callback",
    "schema",
}
#: Prefixes of public (non-staff) areas added by later issues, e.g. the public signal form.
PUBLIC_PREFIXES = ("melden/", "status/", "static/", "activiteiten/")
SKIP_PREFIXES = ("systeembeheer/",)  # Django admin: superusers only, tested by Django

#: Every model of the foreign world; the home municipality's ids of these are never tried.
WORLD_MODELS = (
    Resident,
    Organisation,
    Team,
    Membership,
    Assessment,
    Case,
    Signal,
    ApiKey,
    PartnerLink,
    AcceptedSignal,
    Invitation,
    Initiative,
    Referral,
    ImportJob,
    VisitRound,
    VisitAddress,
    Volunteer,
    VisitAttempt,
    AddressImport,
    FigureImportJob,
    CoalitionMember,  # issue 12: the local coalition
    JointActivity,
    LocalParticipation,
    Approach,  # issue 12: knowledge sharing
    SupportRequest,  # issue 12: support requests
)
#: The model whose id a route takes, by the path segment before its id: a new action on a
#: case (``meldingen/<pk>/...``) is tried with a foreign case without editing this table.
#: A route not listed is tried with the id of every foreign object.
ROUTE_MODELS = {
    "inwoners": Resident,
    "gebruikers": Membership,
    "meldingen": Case,
    "cases": Case,
    "sleutels": ApiKey,
    "links": PartnerLink,
    "rollen": Invitation,
    "uitnodigingen": Invitation,
    "teams": Team,
    "sociale-kaart": Initiative,
    "import": ImportJob,
    "verwijzingen": Referral,
    "risicokaart": District,
    # issue 11: a route takes one object only, named by the segment before its id
    "huisbezoeken": VisitRound,
    "huisbezoek-adressen": VisitAddress,
    "vrijwilligers": Volunteer,
    "huisbezoek-imports": AddressImport,
    "bezoeken": VisitAttempt,
    "inlezen": FigureImportJob,  # issue 10: an upload of figures for the risk map
    # issue 12: the local coalition
    "coalitie": CoalitionMember,
    "coalitie-activiteiten": JointActivity,
    "samenwerkingen": LocalParticipation,
    "aanpakken": Approach,  # issue 12: a draft approach (a published one is for everyone)
    "ondersteuning": SupportRequest,  # issue 12: a support request
}
#: The field a route takes instead of the id, by model: the risk map's district page takes
#: the district's CBS code (``/risicokaart/WK990101/``), so it is tried with foreign codes.
ROUTE_FIELDS = {District: "code"}


def walk(patterns=None, prefix=""):
    """Yield (route, name, callback) for every URL pattern."""
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            yield from walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.name, entry.callback


ROUTES = [r for r in walk() if not r[0].startswith(SKIP_PREFIXES)]
KWARG = re.compile(r"<(?:(?P<conv>[^>:]+):)?(?P<name>[^>]+)>")
SEGMENT_AND_KWARG = re.compile(r"([^/<>]+)/<(?:[^>:]+:)?([^>:]+)>")


def build(route: str, values: dict[str, str]) -> str:
    return "/" + KWARG.sub(lambda m: str(values.get(m.group("name"), "x")), route)


def kwargs_of(route: str) -> set[str]:
    return {m.group("name") for m in KWARG.finditer(route)}


def is_public(route: str, name: str) -> bool:
    return name in PUBLIC_NAMES or route.startswith(PUBLIC_PREFIXES)


def model_of(route: str):
    """The model whose id the route takes (``ROUTE_MODELS``), or None."""
    for segment, name in SEGMENT_AND_KWARG.findall(route):
        if name != "municipality_slug":
            return ROUTE_MODELS.get(segment)
    return None


@pytest.fixture
def world():
    """A home municipality, and a foreign one (the fictitious Proefdorp, so that signals are
    routed to a district and team) with a record of every app."""
    home = MunicipalityFactory()
    small = make_small_municipality()
    foreign = small.municipality
    coordinator = member(Role.COORDINATOR, foreign)
    member(Role.ADMIN, foreign, user=coordinator)  # the control may open every page
    caseworker = member(Role.CASEWORKER, foreign, team=small.teams[0])
    resident = ResidentFactory(municipality=foreign, postcode=small.postcode_in(small.districts[0]))
    intake = file_signal(foreign, postcode=resident.postcode, house_number=resident.house_number)
    assert intake.case.resident == resident
    case = assign_case(actor=coordinator, case=intake.case, caseworker=caseworker)
    partner = OrganisationFactory(municipality=foreign)
    offer = Initiative.objects.create(
        municipality=foreign, organisation=partner, name="Koffie", description="x",
        kinds=["meeting"],
    )  # fmt: skip
    foreign_objects = [
        resident,
        partner,
        TeamFactory(municipality=foreign, organisation=partner),
        *Membership.objects.filter(municipality=foreign),
        record_assessment(
            actor=caseworker, resident=resident, instrument="direct", answers={1: "never"}
        ),
        case,
        intake.signal,
        create_api_key(actor=coordinator, organisation=partner, name="Partnersysteem").record,
        create_partner_link(actor=coordinator, organisation=partner).record,
        AcceptedSignal.objects.create(
            municipality=foreign, organisation=partner, idempotency_key="k", request_hash="0"
        ),
        offer,
        Referral.objects.create(  # issue 9: a referral of the foreign case
            case=case,
            municipality=foreign,
            initiative=offer,
            proposed_on=date.today(),
            follow_up_on=date.today(),
        ),  # fmt: skip
        ImportJob.objects.create(municipality=foreign, file_name="kaart.csv", kind="csv"),
        *_visits_world(foreign),  # issue 11
        *_coalition_world(foreign),  # issue 12
        *small.districts,  # issue 10: the risk map's district page, by code
        FigureImportJob.objects.create(  # issue 10: an upload of the own survey
            municipality=foreign, source=Source.OWN_SURVEY, file_name="per_wijk.csv", sha256="0"
        ),
        *_monitoring_world(foreign, coordinator),  # issue 12
        Invitation.objects.create(
            municipality=foreign,
            email="uitgenodigd@example.invalid",
            role=Role.CASEWORKER,
            status=Invitation.Status.AWAITING_APPROVAL,
        ),
    ]
    return home, foreign, foreign_objects


def _visits_world(foreign) -> list:
    """A running round with an assigned address, its volunteer, a visit and an import."""
    running = visit_round(foreign)
    door = volunteer(foreign)
    visited = address(running, volunteer=door)
    tried = attempt(visited, "not_home")
    job = AddressImport.objects.create(
        round=running, municipality=foreign, kind="addresses", file_name="adressen.csv"
    )
    return [running, door, visited, tried, job]


def _coalition_world(foreign) -> list:
    """A coalition member, a joint activity with it, and a local participation."""
    partner = coalition_member(foreign)
    return [partner, joint_activity(foreign, partner), participation(foreign, partnership())]


def _monitoring_world(foreign, coordinator) -> list:
    """A DRAFT approach (a published one is meant for every municipality's staff) and a
    support request of the foreign municipality."""
    draft = Approach.objects.create(
        municipality=foreign, title="Concept", summary="x", loneliness_kinds=["social"],
        contact_name="Contact", contact_email="contact@example.invalid",
    )  # fmt: skip
    asked = ask_support(
        actor=coordinator,
        request=new_request(coordinator, foreign),
        values={"kind": "workshop", "question": "Een workshop."},
    )
    return [draft, asked]


def object_ids(objects, home, model=None) -> list[int | str]:
    """Ids of the foreign objects of ``model`` (every foreign object if there are none) that
    are not also the id of some record of the home municipality, so a 200 can never be a
    legitimate answer about one's own record."""
    if model is None or not any(isinstance(obj, model) for obj in objects):
        models = WORLD_MODELS
    else:
        models = (model,)
    field = ROUTE_FIELDS.get(model, "pk") if len(models) == 1 else "pk"
    own = set()
    for each in models:
        own.update(each.objects.filter(municipality=home).values_list(field, flat=True))
    ids = sorted({getattr(obj, field) for obj in objects if isinstance(obj, models)} - own)
    assert ids, f"no foreign {models} id that home has not"
    return ids


def ids_for(route: str, objects, home) -> list[int | None]:
    """The foreign ids to try on a route: [None] if it takes no object."""
    if not kwargs_of(route) - {"municipality_slug"}:
        return [None]
    return object_ids(objects, home, model_of(route))


def urls_to_try(route: str, home, foreign, objects):
    """Each URL of a route for the foreign municipality and its objects, and for the home
    municipality with a foreign object."""
    params = kwargs_of(route)
    for municipality in (foreign, home):
        if "municipality_slug" not in params and municipality is home:
            continue
        for pk in ids_for(route, objects, home):
            if municipality is home and pk is None:
                continue  # own municipality, no object: allowed or not by role matrix
            values = {p: pk for p in params}
            values["municipality_slug"] = municipality.slug
            yield build(route, values)


def control_statuses(home, foreign, objects) -> dict[str, int]:
    """What the control (coordinator and admin of the foreign municipality) gets on GET of
    every staff route that takes an object, with the same foreign ids."""
    control = Client()
    login_verified(control, Membership.objects.get(municipality=foreign, role=Role.ADMIN).user)
    statuses = {}
    for route, name, _callback in ROUTES:
        if is_public(route, name) or not kwargs_of(route) - {"municipality_slug"}:
            continue
        if route.startswith("landelijk/"):
            continue  # national pages (the programme team's), not a municipality's objects
        for pk in ids_for(route, objects, home):
            values = {p: pk for p in kwargs_of(route)}
            values["municipality_slug"] = foreign.slug
            url = build(route, values)
            statuses[url] = control.get(url).status_code
    return statuses


@pytest.mark.issue(7)
@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.PROGRAMME])
def test_every_route_refuses_a_foreign_municipality_and_its_objects(client, world, role):
    home, foreign, foreign_objects = world
    user = member(role, home)
    login_verified(client, user)
    checked = 0
    for route, name, _callback in ROUTES:
        if not kwargs_of(route) or is_public(route, name):
            continue
        for url in urls_to_try(route, home, foreign, foreign_objects):
            for method in ("get", "post"):
                status = getattr(client, method)(url).status_code
                # 405 on GET of a POST-only action reveals nothing; POST must be refused.
                allowed = (403, 404, 405) if method == "get" else (403, 404)
                assert status in allowed, f"{role} {method.upper()} {url} -> {status}"
                checked += 1
    assert checked > 0

    # The control: the same foreign ids exist and open for a member of their municipality.
    statuses = control_statuses(home, foreign, foreign_objects)
    assert {url: s for url, s in statuses.items() if s not in (200, 405)} == {}
    case = next(obj for obj in foreign_objects if isinstance(obj, Case))
    assert statuses[reverse("signalling:case_detail", args=[foreign.slug, case.pk])] == 200
    assert statuses[reverse("signalling_api:case_detail", args=[case.pk])] == 200


#: Actions that show only aggregates, which the programme team sees in every municipality
#: (the risk map: boundaries and figures per district, issue 10).
AGGREGATE_ACTIONS = {
    "view_municipality",
    "view_aggregates",
    "view_riskmap",
    # issue 12: the benchmark, the coalition, monitoring, the factsheet, shared approaches
    "view_benchmark",
    "view_coalition",
    "view_monitoring",
    "view_factsheet",
    "view_approaches",
}


@pytest.mark.issue(7)
def test_programme_role_sees_no_personal_pages_of_any_municipality(client, world):
    home, foreign, foreign_objects = world
    user = member(Role.PROGRAMME)
    login_verified(client, user)
    for route, name, callback in ROUTES:
        action = getattr(callback, "omzien_action", None)
        if action is None or action in AGGREGATE_ACTIONS:
            continue
        params = kwargs_of(route)
        values = {p: ids_for(route, foreign_objects, home)[0] for p in params}
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
            # 405: a POST-only action (the permission is checked first, so it was allowed).
            assert status in (200, 405), f"{role} GET {url} -> {status}"
        else:
            assert status in (403, 404), f"{role} GET {url} -> {status}"


@pytest.mark.issue(7)
def test_anonymous_users_are_sent_to_login(client, world):
    home, foreign, foreign_objects = world
    checked = 0
    for route, name, _callback in ROUTES:
        if is_public(route, name):
            continue
        values = {p: ids_for(route, foreign_objects, home)[0] for p in kwargs_of(route)}
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
