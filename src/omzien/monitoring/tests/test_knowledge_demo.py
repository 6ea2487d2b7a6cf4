"""The demo of knowledge sharing and support requests (issue 12): published approaches of
other municipalities, the demo municipality's draft and submitted approach, support requests
in every open state and closed; made once; the pages show them."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from omzien.core.demo import load_demo
from omzien.core.models import Municipality, User
from omzien.core.tests.factories import login_verified
from omzien.monitoring.models import Approach, ApproachState, SupportRequest
from omzien.monitoring.support.workflow import SupportState

pytestmark = [pytest.mark.django_db, pytest.mark.issue(12)]


def test_the_demo_shows_approaches_and_support_requests_and_is_made_once():
    first = load_demo()
    zeist = Municipality.objects.get(code="GM0355")
    published = Approach.objects.filter(state=ApproachState.PUBLISHED)
    # The suite loads four municipalities: De Bilt, Utrecht and Amsterdam share theirs.
    assert published.values("municipality").distinct().count() == 3
    own = Approach.objects.filter(municipality=zeist)
    assert sorted(own.values_list("state", flat=True)) == [
        ApproachState.DRAFT,
        ApproachState.SUBMITTED,
    ]
    assert first["approaches_created"] == published.count() + 2
    # The draft names the demo's busiest initiative: its effect comes from "what works".
    assert own.get(state=ApproachState.DRAFT).effect_figures["initiative"]
    states = set(SupportRequest.objects.filter(municipality=zeist).values_list("state", flat=True))
    assert states == {
        SupportState.NEW,
        SupportState.ASSIGNED,
        SupportState.IN_PROGRESS,
        SupportState.CLOSED,
    }
    assert SupportRequest.objects.exclude(municipality=zeist).exists()
    again = load_demo()
    assert (again["approaches_created"], again["support_requests_created"]) == (0, 0)

    policy = Client()
    login_verified(policy, User.objects.get(username="beleid"))
    page = policy.get(reverse("monitoring:approach_list", args=[zeist.slug]))
    assert page.context["page"].paginator.count == published.count()
    assert len(page.context["own"]) == 2
    team = Client()
    login_verified(team, User.objects.get(username="programma"))
    assert len(team.get(reverse("monitoring:curation_queue")).context["queue"]) == 1
    queue = team.get(reverse("monitoring:support_queue"))
    assert queue.context["page"].paginator.count == SupportRequest.objects.count()
    home = team.get(reverse("core:national_home")).content.decode()
    assert "Aanpakken beoordelen" in home and "Ondersteuningsvragen" in home


def test_policy_staff_find_the_menu_entries_and_start_cards():
    load_demo()
    zeist = Municipality.objects.get(code="GM0355")
    policy = Client()
    login_verified(policy, User.objects.get(username="beleid"))
    text = policy.get(reverse("core:municipality_home", args=[zeist.slug])).content.decode()
    assert reverse("monitoring:approach_list", args=[zeist.slug]) in text
    assert reverse("monitoring:request_list", args=[zeist.slug]) in text
    assert "Ondersteuning van het programma" in text
