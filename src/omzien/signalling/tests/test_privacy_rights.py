"""Residents' rights: inzage (JSON and printable page) and erasure on request (issue 4)."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from omzien.core.extensions import register_resident_section
from omzien.core.models import AuditEvent, Municipality, Resident
from omzien.core.roles import Role
from omzien.core.tests.factories import login_verified, member
from omzien.signalling.cases import services
from omzien.signalling.cases.workflow import CaseState, Outcome
from omzien.signalling.models import Case, CaseEvent, Signal, Tombstone
from omzien.signalling.privacy import rights as privacy
from omzien.signalling.privacy.views import resident_privacy_section
from omzien.signalling.tests.factories import file_signal, zeist
from omzien.signalling.tests.test_retention import (
    NEEDLES,
    PERSONAL,
    closed_case_with_everything,
    find_personal_data,
)

pytestmark = [pytest.mark.django_db, pytest.mark.issue(4)]


def url(name: str, world_or_resident, municipality=None) -> str:
    resident = getattr(world_or_resident, "resident", world_or_resident)
    municipality = municipality or resident.municipality
    return reverse(name, kwargs={"municipality_slug": municipality.slug, "pk": resident.pk})


def as_coordinator(client, world):
    login_verified(client, world.coordinator)
    return client


# --- Inzage -------------------------------------------------------------------------------------


def test_json_export_holds_everything_about_the_resident(client):
    world = closed_case_with_everything()
    response = as_coordinator(client, world).get(url("signalling:resident_export_json", world))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["resident"]["name"] == PERSONAL["name"]
    assert data["resident"]["street"] == PERSONAL["street"]
    assert data["resident"]["birth_date"] == "1941-03-02"
    [case] = data["cases"]
    assert case["outcome"] == "supported"
    [signal] = case["signals"]
    assert signal["concern"] == PERSONAL["concern"]
    assert signal["receipt_code"] == world.signal.receipt_code
    texts = [e["text"] for e in case["events"]] + [e["consent_scope"] for e in case["events"]]
    assert PERSONAL["note"] in texts and PERSONAL["consent"] in texts
    [assessment] = data["assessments"]
    assert assessment["answers"] == {"1": "often_always"}
    # The reporter is someone else: their identity is not handed over.
    body = response.content.decode()
    for key in ("reporter_name", "reporter_email", "reporter_phone"):
        assert PERSONAL[key] not in body


def test_printable_export_shows_the_same_and_has_print_css(client):
    world = closed_case_with_everything()
    response = as_coordinator(client, world).get(url("signalling:resident_export", world))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    for key in ("name", "street", "concern", "note", "consent"):
        assert PERSONAL[key] in page
    assert PERSONAL["reporter_name"] not in page
    assert "signalling/privacy-print.css" in page


def test_each_export_is_audited(client):
    world = closed_case_with_everything()
    client = as_coordinator(client, world)
    client.get(url("signalling:resident_export", world))
    client.get(url("signalling:resident_export_json", world))
    events = AuditEvent.objects.filter(action="resident_exported").order_by("pk")
    assert [e.extra["format"] for e in events] == ["html", "json"]
    assert {e.resident_id_ref for e in events} == {world.resident.pk}
    assert {e.actor_id for e in events} == {world.coordinator.pk}


@pytest.mark.parametrize(
    "role", [Role.CASEWORKER, Role.REPORTER, Role.VOLUNTEER, Role.POLICY, Role.ADMIN]
)
@pytest.mark.parametrize(
    "name",
    ["signalling:resident_export", "signalling:resident_export_json", "signalling:resident_erase"],
)
def test_other_roles_are_refused(client, role, name):
    world = closed_case_with_everything()
    user = member(role, world.municipality)
    login_verified(client, user)
    assert client.get(url(name, world)).status_code in (403, 404)
    assert client.post(url(name, world), {"confirm": "on"}).status_code in (403, 404)
    assert Resident.objects.filter(pk=world.resident.pk).exists()
    assert not AuditEvent.objects.filter(action="resident_exported").exists()


@pytest.mark.parametrize(
    "name",
    ["signalling:resident_export", "signalling:resident_export_json", "signalling:resident_erase"],
)
def test_a_coordinator_of_another_municipality_gets_404(client, name):
    world = closed_case_with_everything()
    utrecht = Municipality.objects.get(code="GM0344")
    login_verified(client, member(Role.COORDINATOR, utrecht))
    # Through their own municipality's address and through Zeist's.
    assert client.get(url(name, world, utrecht)).status_code == 404
    assert client.get(url(name, world)).status_code == 404
    assert client.post(url(name, world, utrecht), {"confirm": "on"}).status_code == 404
    assert Resident.objects.filter(pk=world.resident.pk).exists()


def test_anonymous_visitors_are_sent_to_login(client):
    world = closed_case_with_everything()
    response = client.get(url("signalling:resident_export_json", world))
    assert response.status_code == 302
    assert response["Location"].startswith("/account/inloggen/")


# --- Erasure on request -------------------------------------------------------------------------


def test_erasure_asks_for_confirmation_first(client):
    world = closed_case_with_everything()
    client = as_coordinator(client, world)
    page = client.get(url("signalling:resident_erase", world))
    assert page.status_code == 200
    assert "Definitief wissen" in page.content.decode()
    refused = client.post(url("signalling:resident_erase", world), {})
    assert refused.status_code == 200
    assert refused.context["form"].errors
    assert Resident.objects.get(pk=world.resident.pk).name == PERSONAL["name"]


def test_erasure_on_request_removes_everything_and_keeps_the_facts(client):
    world = closed_case_with_everything()
    client = as_coordinator(client, world)
    response = client.post(url("signalling:resident_erase", world), {"confirm": "on"})
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "core:resident_list", kwargs={"municipality_slug": world.municipality.slug}
    )
    assert find_personal_data(NEEDLES) == {}
    assert not Resident.objects.filter(pk=world.resident.pk).exists()
    case = Case.objects.get(pk=world.case.pk)
    assert case.personal_data_erased_at is not None and case.outcome == Outcome.SUPPORTED
    assert Signal.objects.get(pk=world.signal.pk).postcode == "3701"
    stones = Tombstone.objects.all()
    assert stones and {s.reason for s in stones} == {"request"}
    assert {s.removed_by_id for s in stones} == {world.coordinator.pk}
    erased = AuditEvent.objects.get(action="resident_erased")
    assert erased.actor_id == world.coordinator.pk
    assert erased.resident_id_ref == world.resident.pk
    assert erased.extra["reason"] == "request"
    assert AuditEvent.objects.filter(action="case_personal_data_erased").count() == 1


def test_an_open_case_is_refused_unless_the_coordinator_confirms_closing(client):
    world = closed_case_with_everything(close=False)
    client = as_coordinator(client, world)
    page = client.get(url("signalling:resident_erase", world))
    assert "open traject" in page.content.decode()
    refused = client.post(url("signalling:resident_erase", world), {"confirm": "on"})
    assert refused.status_code == 200
    assert "close_open_cases" in refused.context["form"].errors
    assert Case.objects.get(pk=world.case.pk).state == CaseState.IN_PROGRESS

    done = client.post(
        url("signalling:resident_erase", world), {"confirm": "on", "close_open_cases": "on"}
    )
    assert done.status_code == 302
    case = Case.objects.get(pk=world.case.pk)
    assert case.state == CaseState.CLOSED and case.outcome == Outcome.DECLINED
    assert case.personal_data_erased_at is not None
    assert find_personal_data(NEEDLES) == {}


def test_a_new_case_closes_through_the_workflow_table():
    municipality = zeist()
    coordinator = member(Role.COORDINATOR, municipality)
    intake = file_signal(municipality, person_name=PERSONAL["name"])
    resident = intake.case.resident
    with pytest.raises(privacy.OpenCasesError):
        privacy.erase_resident(actor=coordinator, resident=resident)
    result = privacy.erase_resident(actor=coordinator, resident=resident, close_open_cases=True)
    assert result.closed_cases == 1 and result.counts.residents == 1
    moves = list(
        CaseEvent.objects.filter(case=intake.case, kind=CaseEvent.Kind.STATE).values_list(
            "from_state", "to_state"
        )
    )
    assert moves == [(CaseState.NEW, CaseState.ASSIGNED), (CaseState.ASSIGNED, CaseState.CLOSED)]


def test_a_reopened_case_closes_through_the_workflow_table():
    world = closed_case_with_everything()
    services.reopen_case(actor=world.caseworker, case=world.case)
    privacy.erase_resident(actor=world.coordinator, resident=world.resident, close_open_cases=True)
    case = Case.objects.get(pk=world.case.pk)
    assert case.state == CaseState.CLOSED and case.personal_data_erased_at is not None


def test_erasure_needs_the_coordinator_role():
    from django.core.exceptions import PermissionDenied

    world = closed_case_with_everything()
    with pytest.raises(PermissionDenied):
        privacy.erase_resident(actor=world.caseworker, resident=world.resident)
    with pytest.raises(PermissionDenied):
        privacy.export_resident(actor=world.caseworker, resident=world.resident, as_format="json")


# --- The block on the resident page ------------------------------------------------------------


@pytest.fixture
def section_registered():
    # apps.py registers it in the running app; registering twice is a no-op.
    register_resident_section(resident_privacy_section)


def test_the_resident_page_links_to_the_rights_for_the_coordinator(client, section_registered):
    world = closed_case_with_everything()
    page = as_coordinator(client, world).get(url("core:resident_detail", world)).content.decode()
    assert url("signalling:resident_export", world) in page
    assert url("signalling:resident_export_json", world) in page
    assert url("signalling:resident_erase", world) in page


def test_the_resident_page_shows_no_rights_block_to_a_caseworker(client, section_registered):
    world = closed_case_with_everything()
    login_verified(client, world.caseworker)
    response = client.get(url("core:resident_detail", world))
    assert response.status_code == 200
    assert url("signalling:resident_export", world) not in response.content.decode()


def test_the_section_function_hides_itself_without_the_permission(rf):
    world = closed_case_with_everything()
    request = rf.get("/")
    request.user = world.caseworker
    template, context = resident_privacy_section(request, world.municipality, world.resident)
    assert template == "signalling/privacy/resident_section.html"
    assert context["show"] is False
    request.user = world.coordinator
    assert resident_privacy_section(request, world.municipality, world.resident)[1]["show"]
