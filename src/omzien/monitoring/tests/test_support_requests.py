"""Support requests (issue 12, item 6): a municipality asks, the programme team assigns,
works on and closes or declines; every move is an event; no other move is possible."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from omzien.core.models import AuditEvent
from omzien.core.roles import Role
from omzien.core.tests.factories import MunicipalityFactory, login_verified, member
from omzien.monitoring.models import SupportRequest
from omzien.monitoring.support import services
from omzien.monitoring.support.workflow import MOVES, SupportState
from omzien.monitoring.tests.factories_support import ask

pytestmark = [pytest.mark.django_db, pytest.mark.issue(12)]

S = SupportState


@pytest.fixture
def town():
    return MunicipalityFactory()


def test_a_municipality_asks_and_sees_its_request(client, town):
    login_verified(client, member(Role.POLICY, town, email="beleid@gemeente.example"))
    url = reverse("monitoring:request_create", args=[town.slug])
    assert client.get(url).context["form"].initial["contact_email"] == "beleid@gemeente.example"
    response = client.post(
        url,
        {
            "kind": "benchmark",
            "question": "Hoe werkt de vooringevulde benchmark?",
            "preferred_period": "Voor oktober",
            "contact_name": "B. Beleid",
            "contact_email": "beleid@gemeente.example",
        },
    )
    request = SupportRequest.objects.get()
    assert response.status_code == 302
    assert (request.municipality, request.state, request.kind) == (town, S.NEW, "benchmark")
    listing = client.get(reverse("monitoring:request_list", args=[town.slug]))
    assert list(listing.context["requests"]) == [request]
    page = client.get(reverse("monitoring:request_detail", args=[town.slug, request.pk]))
    assert "Hoe werkt de vooringevulde benchmark?" in page.content.decode()
    assert AuditEvent.objects.filter(action="support_requested", object_id=str(request.pk)).exists()


def test_the_form_refuses_in_dutch_and_keeps_nothing(client, town):
    login_verified(client, member(Role.COORDINATOR, town))
    response = client.post(reverse("monitoring:request_create", args=[town.slug]), {})
    assert response.status_code == 400
    assert "Kies waar u hulp bij wilt." in response.content.decode()
    assert not SupportRequest.objects.exists()


def test_another_municipality_cannot_open_a_request(client, town):
    request = ask(member(Role.POLICY, town), town)
    other = MunicipalityFactory()
    login_verified(client, member(Role.POLICY, other))
    assert (
        client.get(reverse("monitoring:request_detail", args=[other.slug, request.pk])).status_code
        == 404
    )
    assert (
        client.get(reverse("monitoring:request_detail", args=[town.slug, request.pk])).status_code
        == 404
    )


def test_through_every_state_to_closed_with_events(client, town):
    request = ask(member(Role.POLICY, town), town)
    team = member(Role.PROGRAMME, first_name="Paula", last_name="Programma")
    login_verified(client, team)
    page = reverse("monitoring:support_detail", args=[request.pk])
    assert client.post(page, {"actie": "assign", "assignee": team.pk}).status_code == 302
    assert client.post(page, {"actie": "start"}).status_code == 302
    assert client.post(page, {"actie": "close", "note": "Workshop gegeven."}).status_code == 302
    request.refresh_from_db()
    assert (request.state, request.assignee, request.outcome_note) == (
        S.CLOSED, team, "Workshop gegeven.",
    )  # fmt: skip
    assert request.closed_at is not None
    moves = [(e.from_state, e.to_state, e.actor) for e in request.events.order_by("at", "pk")]
    assert [m[:2] for m in moves] == [
        ("", S.NEW), (S.NEW, S.ASSIGNED), (S.ASSIGNED, S.IN_PROGRESS), (S.IN_PROGRESS, S.CLOSED),
    ]  # fmt: skip
    assert {m[2] for m in moves[1:]} == {team}
    assert AuditEvent.objects.filter(action="support_request_moved").count() == 3
    # The municipality sees the history and what was done.
    login_verified(client, member(Role.COORDINATOR, town))
    text = client.get(
        reverse("monitoring:request_detail", args=[town.slug, request.pk])
    ).content.decode()
    assert "Workshop gegeven." in text and "Paula Programma" in text
    assert "Afronden" in text  # the step, in the history


@pytest.mark.parametrize("path", [[], ["assign"], ["assign", "start"]])
def test_declined_with_a_reason_from_every_open_state(town, path):
    request = ask(member(Role.POLICY, town), town)
    team = member(Role.PROGRAMME)
    for action in path:
        services.move(actor=team, request=request, action=action, assignee=team)
    with pytest.raises(ValidationError, match="waarom"):
        services.move(actor=team, request=request, action="decline", note=" ")
    services.move(
        actor=team, request=request, action="decline", note="Past niet bij het programma."
    )
    request.refresh_from_db()
    assert request.state == S.DECLINED
    assert request.outcome_note == "Past niet bij het programma."
    assert request.events.last().to_state == S.DECLINED


def test_a_forbidden_move_is_refused_in_dutch_and_changes_nothing(client, town):
    request = ask(member(Role.POLICY, town), town)
    team = member(Role.PROGRAMME)
    login_verified(client, team)
    page = reverse("monitoring:support_detail", args=[request.pk])
    response = client.post(page, {"actie": "close", "note": "Klaar."})
    assert response.status_code == 400
    assert "&#x27;Afronden&#x27; kan niet bij een vraag die op &#x27;Nieuw&#x27; staat." in (
        response.content.decode()
    )
    request.refresh_from_db()
    assert (request.state, request.outcome_note, request.closed_at) == (S.NEW, "", None)
    assert request.events.count() == 1
    assert not AuditEvent.objects.filter(action="support_request_moved").exists()


def test_no_move_leaves_a_closed_or_declined_request():
    for state in (S.CLOSED, S.DECLINED):
        assert not any(state in table for table in MOVES.values())


def test_assigning_needs_a_member_of_the_programme_team(town):
    request = ask(member(Role.POLICY, town), town)
    team = member(Role.PROGRAMME)
    with pytest.raises(ValidationError, match="programmateam"):
        services.move(
            actor=team, request=request, action="assign", assignee=member(Role.COORDINATOR, town)
        )
    request.refresh_from_db()
    assert request.state == S.NEW and request.assignee is None


def test_only_the_programme_handles_requests(client, town):
    request = ask(member(Role.POLICY, town), town)
    for role in (Role.POLICY, Role.COORDINATOR, Role.ADMIN):
        user = member(role, town)
        login_verified(client, user)
        assert client.get(reverse("monitoring:support_queue")).status_code == 403
        page = reverse("monitoring:support_detail", args=[request.pk])
        assert client.post(page, {"actie": "assign", "assignee": user.pk}).status_code == 403
    request.refresh_from_db()
    assert request.state == S.NEW


def test_the_queue_filters_by_state_and_kind(client, town):
    asker = member(Role.POLICY, town)
    workshop = ask(asker, town, kind="workshop")
    benchmark = ask(asker, town, kind="benchmark")
    team = member(Role.PROGRAMME)
    services.move(actor=team, request=benchmark, action="assign", assignee=team)
    login_verified(client, team)
    url = reverse("monitoring:support_queue")
    assert list(client.get(url).context["page"]) == [workshop, benchmark]
    assert list(client.get(url, {"stand": "assigned"}).context["page"]) == [benchmark]
    assert list(client.get(url, {"soort": "workshop"}).context["page"]) == [workshop]
    assert list(client.get(url, {"stand": "new", "soort": "benchmark"}).context["page"]) == []
