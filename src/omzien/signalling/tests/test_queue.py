"""The caseworker's queue: what each role sees, the tabs, search, order, audit (issue 4)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from omzien.core.models import AuditEvent, District, Municipality
from omzien.core.roles import Role
from omzien.core.tests.factories import OrganisationFactory, TeamFactory, login_verified, member
from omzien.signalling.cases import services
from omzien.signalling.cases.queue import normalise_receipt_code
from omzien.signalling.tests.factories import file_signal, zeist

pytestmark = [pytest.mark.django_db, pytest.mark.issue(4)]


@pytest.fixture
def world():
    """Zeist: Team Noord serves Centrum, Team Oost serves Oost; Zeist-Noord has no team.
    One open case in each, plus one in De Bilt."""
    municipality = zeist()
    org = OrganisationFactory(municipality=municipality)
    team_noord = TeamFactory(municipality=municipality, organisation=org)
    team_noord.districts.set([District.objects.get(code="WK035501")])
    team_oost = TeamFactory(municipality=municipality, organisation=org)
    team_oost.districts.set([District.objects.get(code="WK035504")])
    coordinator = member(Role.COORDINATOR, municipality)
    worker = member(Role.CASEWORKER, municipality, team=team_noord)
    colleague = member(Role.CASEWORKER, municipality, team=team_noord)
    other = member(Role.CASEWORKER, municipality, team=team_oost)
    loner = member(Role.CASEWORKER, municipality, districts=[District.objects.get(code="WK035502")])
    cases = {
        "centrum": file_signal(municipality, postcode="3701 AB", person_name="Anna Centrum").case,
        "centrum2": file_signal(municipality, postcode="3702 CD", person_name="Bert Centrum").case,
        "oost": file_signal(municipality, postcode="3707 EF", person_name="Carla Oost").case,
        "noord": file_signal(municipality, postcode="3705 GH", person_name="Dirk Noord").case,
    }
    services.assign_case(actor=coordinator, case=cases["centrum"], caseworker=worker)
    services.assign_case(actor=coordinator, case=cases["centrum2"], caseworker=colleague)
    # A case of another team assigned to our worker personally: visible as "mine".
    cases["oost_mine"] = file_signal(municipality, postcode="3708 AB", person_name="Eva Oost").case
    services.assign_case(actor=coordinator, case=cases["oost_mine"], caseworker=worker)
    de_bilt = Municipality.objects.get(code="GM0310")
    cases["foreign"] = file_signal(de_bilt, postcode="3721 AB", person_name="Frits Bilt").case
    return {
        "municipality": municipality,
        "coordinator": coordinator,
        "worker": worker,
        "other": other,
        "loner": loner,
        "cases": cases,
        "team_noord": team_noord,
    }


def queue_url(municipality=None, **params):
    url = reverse(
        "signalling:case_queue", kwargs={"municipality_slug": (municipality or zeist()).slug}
    )
    if params:
        url += "?" + "&".join(f"{k}={v}" for k, v in params.items())
    return url


def shown(client, user, **params):
    login_verified(client, user)
    response = client.get(queue_url(**params))
    assert response.status_code == 200
    return {row.case.pk for row in response.context["rows"]}


def pks(world, *names):
    return {world["cases"][name].pk for name in names}


def test_a_coordinator_sees_every_open_case_of_the_municipality(client, world):
    assert shown(client, world["coordinator"]) == pks(
        world, "centrum", "centrum2", "oost", "noord", "oost_mine"
    )


def test_a_caseworker_sees_own_team_and_district_cases_only(client, world):
    assert shown(client, world["worker"]) == pks(world, "centrum", "centrum2", "oost_mine")
    assert shown(client, world["other"]) == pks(world, "oost", "oost_mine")
    assert shown(client, world["loner"]) == pks(world, "noord")


def test_tabs_mine_team_unassigned_and_overdue(client, world):
    worker = world["worker"]
    assert shown(client, worker, lijst="mijn") == pks(world, "centrum", "oost_mine")
    assert shown(client, worker, lijst="team") == pks(world, "centrum", "centrum2")
    assert shown(client, world["coordinator"], lijst="niet-toegewezen") == pks(
        world, "oost", "noord"
    )
    assert shown(client, world["coordinator"], lijst="te-laat") == set()
    # The counts on the tabs match.
    login_verified(client, worker)
    tabs = {value: count for value, _label, count in client.get(queue_url()).context["tabs"]}
    assert tabs == {
        "alle": 3,
        "mijn": 2,
        "team": 2,
        "niet-toegewezen": 0,
        "te-laat": 0,
        "verwijzing-opvolgen": 0,  # issue 9
    }


def test_a_coordinator_without_team_gets_no_mine_or_team_tab(client, world):
    login_verified(client, world["coordinator"])
    tabs = [value for value, _label, _count in client.get(queue_url()).context["tabs"]]
    assert tabs == ["alle", "niet-toegewezen", "te-laat"]
    # An unknown or unavailable tab falls back to all.
    assert shown(client, world["coordinator"], lijst="team") == shown(client, world["coordinator"])


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("anna", {"centrum"}),
        ("Centrum", {"centrum", "centrum2"}),
        ("3707", {"oost"}),
        ("3707ef", {"oost"}),
        ("3702 CD", {"centrum2"}),
    ],
)
def test_search_by_name_or_postcode(client, world, query, expected):
    assert shown(client, world["coordinator"], q=query) == pks(world, *expected)


def test_search_by_receipt_code_in_any_spelling(client, world):
    code = world["cases"]["noord"].signals.get().receipt_code
    for spelling in (code, code.replace("-", ""), code.lower(), code.replace("-", " ")):
        assert shown(client, world["coordinator"], q=spelling) == pks(world, "noord")
    assert normalise_receipt_code("hallo") is None


def test_search_never_reaches_beyond_what_the_user_may_see(client, world):
    code = world["cases"]["oost"].signals.get().receipt_code
    assert shown(client, world["worker"], q=code) == set()
    assert shown(client, world["worker"], q="Carla") == set()
    foreign_code = world["cases"]["foreign"].signals.get().receipt_code
    assert shown(client, world["coordinator"], q=foreign_code) == set()


def test_a_foreign_municipalitys_queue_is_not_found(client, world):
    login_verified(client, world["coordinator"])
    de_bilt = Municipality.objects.get(code="GM0310")
    assert client.get(queue_url(de_bilt)).status_code == 404


def test_roles_without_case_access_get_no_queue(client, world):
    for role in (Role.REPORTER, Role.VOLUNTEER, Role.POLICY, Role.ADMIN):
        login_verified(client, member(role, world["municipality"]))
        assert client.get(queue_url()).status_code == 403, role


def test_closed_cases_leave_the_queue(client, world):
    case = world["cases"]["centrum"]
    services.close_case(actor=world["worker"], case=case, outcome="duplicate")
    assert case.pk not in shown(client, world["worker"])


def test_reading_the_queue_is_audited_with_the_cases_shown(client, world):
    login_verified(client, world["worker"])
    client.get(queue_url())
    event = AuditEvent.objects.filter(action="case_list_viewed").latest("at")
    assert set(event.extra["cases"]) == pks(world, "centrum", "centrum2", "oost_mine")
    assert event.actor == world["worker"]
    assert event.municipality == world["municipality"]


def test_the_page_shows_state_team_deadline_and_codes(client, world):
    login_verified(client, world["coordinator"])
    html = client.get(queue_url()).content.decode()
    code = world["cases"]["centrum"].signals.get().receipt_code
    assert code in html
    assert "Toegewezen" in html and "Nieuw" in html
    assert world["team_noord"].name in html
    assert "nog 47 uur" in html or "nog 48 uur" in html
    assert "<caption" in html and 'scope="col"' in html


def test_the_queue_is_paginated_with_a_fixed_number_of_queries(
    client, world, django_assert_max_num_queries
):
    municipality = world["municipality"]
    for number in range(40):
        file_signal(municipality, postcode="3703 AB", house_number=str(100 + number))
    login_verified(client, world["coordinator"])
    with django_assert_max_num_queries(16):
        first = client.get(queue_url())
    assert len(first.context["rows"]) == 25
    assert first.context["page"].paginator.count == 45
    second = client.get(queue_url(pagina=2))
    assert len(second.context["rows"]) == 20
    assert "lijst=alle&amp;pagina=1" in second.content.decode()


def test_search_gives_the_same_answer_when_it_filters_in_one_query(client, world, monkeypatch):
    from omzien.signalling.cases import queue as queries_staff

    monkeypatch.setattr(queries_staff, "SEARCH_CANDIDATE_LIMIT", 1)
    assert shown(client, world["coordinator"], q="Centrum") == pks(world, "centrum", "centrum2")
    assert shown(client, world["coordinator"], q="3707") == pks(world, "oost")
    assert shown(client, world["worker"], q="Carla") == set()


def test_a_word_that_could_be_a_code_is_searched_as_both(client, world):
    municipality = world["municipality"]
    named = file_signal(
        municipality, postcode="3701 AB", house_number="77", person_name="Ria Gertrude"
    )
    assert normalise_receipt_code("GERTRUDE") == "GERT-RUDE"
    assert shown(client, world["coordinator"], q="gertrude") == {named.case.pk}


def test_name_search_ignores_case_and_accents(client, world):
    municipality = world["municipality"]
    case = file_signal(
        municipality, postcode="3701 AB", house_number="78", person_name="Ayşe Doğan"
    ).case
    assert shown(client, world["coordinator"], q="dogan") == {case.pk}
    assert shown(client, world["coordinator"], q="AYSE") == {case.pk}
