"""The home visits' settings section on the municipality's settings page (issue 11)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from omzien.core.models import AuditEvent
from omzien.core.roles import Role
from omzien.core.tests.factories import login_verified, member
from omzien.visits.models import VisitSettings
from omzien.visits.settings import settings_of

pytestmark = [pytest.mark.django_db, pytest.mark.issue(11)]


def _data(**fields):
    values = {
        "conversation_guide": "Stel uzelf voor.\n\nLuister.",
        "retention_days": "60",
        "vog_valid_years": "3",
        "max_attempts": "2",
        **fields,
    }
    return {"onderdeel": "huisbezoeken", **{f"huisbezoeken-{k}": v for k, v in values.items()}}


def test_the_coordinator_changes_the_guide_and_the_attempts(client, small_municipality):
    town = small_municipality.municipality
    login_verified(client, member(Role.COORDINATOR, town))
    url = reverse("core:municipality_settings", kwargs={"municipality_slug": town.slug})
    page = client.get(url).content.decode()
    assert "Huisbezoeken 75+" in page and "gespreksleidraad" in page.lower()
    assert client.post(url, _data()).status_code == 302
    stored = settings_of(town)
    assert stored.pk and stored.max_attempts == 2 and stored.conversation_guide.startswith("Stel")
    assert AuditEvent.objects.filter(action="visit_settings_changed").exists()


def test_a_wrong_number_is_refused_in_dutch_and_keeps_what_was_typed(client, small_municipality):
    town = small_municipality.municipality
    login_verified(client, member(Role.COORDINATOR, town))
    url = reverse("core:municipality_settings", kwargs={"municipality_slug": town.slug})
    response = client.post(url, _data(max_attempts="0", conversation_guide="Mijn leidraad"))
    text = response.content.decode()
    assert response.status_code == 422
    assert "minstens 1" in text and "Mijn leidraad" in text
    assert not VisitSettings.objects.exists()
