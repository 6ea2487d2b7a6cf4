"""Issue 12 across the parts: a support request through every state by the pages only (the
part's own tests ask through a service and decline through it): the municipality asks on its
page, the programme team assigns, starts and declines with a reason on its page, a second
request goes to closed, and the municipality reads the outcome of both."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from omzien.core.roles import Role
from omzien.core.tests.factories import login_verified, member
from omzien.monitoring.models import SupportRequest
from omzien.monitoring.support.workflow import SupportState
from omzien.signalling.tests.factories import zeist

pytestmark = [pytest.mark.django_db, pytest.mark.issue(12)]

S = SupportState


def _ask(client, town, question: str) -> SupportRequest:
    response = client.post(
        reverse("monitoring:request_create", args=[town.slug]),
        {
            "kind": "workshop",
            "question": question,
            "preferred_period": "Voor de zomer",
            "contact_name": "B. Beleid",
            "contact_email": "beleid@gemeente.example",
        },
    )
    assert response.status_code == 302
    return SupportRequest.objects.get(question=question)


@pytest.mark.parametrize("end", ["decline", "close"])
def test_a_request_goes_through_every_state_by_the_pages(end):
    town = zeist()
    municipality = Client()
    login_verified(municipality, member(Role.POLICY, town))
    request = _ask(municipality, town, "Een workshop voor onze vrijwilligers graag.")
    assert request.state == S.NEW

    team = member(Role.PROGRAMME, first_name="Paula", last_name="Programma")
    programme = Client()
    login_verified(programme, team)
    queue = programme.get(reverse("monitoring:support_queue")).content.decode()
    assert town.name in queue
    page = reverse("monitoring:support_detail", args=[request.pk])
    states = []
    for step in ({"actie": "assign", "assignee": team.pk}, {"actie": "start"}):
        assert programme.post(page, step).status_code == 302
        request.refresh_from_db()
        states.append(request.state)
    note = "Past niet bij het programma." if end == "decline" else "Workshop gegeven."
    refused = programme.post(page, {"actie": end, "note": " "})
    assert refused.status_code == 400  # a reason is needed
    request.refresh_from_db()
    assert request.state == S.IN_PROGRESS
    assert programme.post(page, {"actie": end, "note": note}).status_code == 302
    request.refresh_from_db()
    final = S.DECLINED if end == "decline" else S.CLOSED
    assert [*states, request.state] == [S.ASSIGNED, S.IN_PROGRESS, final]
    assert request.outcome_note == note
    # Nothing moves any more.
    assert programme.post(page, {"actie": "start"}).status_code == 400

    own = municipality.get(reverse("monitoring:request_detail", args=[town.slug, request.pk]))
    text = own.content.decode()
    assert note in text and str(final.label) in text and "Paula Programma" in text
