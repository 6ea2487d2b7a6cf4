"""The programme's list of national partnerships (issue 12): the programme adds, changes and
deactivates; everyone else gets 403; each partnership shows in how many municipalities it is
active locally."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from omzien.benchmark.models import NationalPartnership
from omzien.benchmark.tests.factories_coalition import participation, partnership
from omzien.core.models import AuditEvent
from omzien.core.tests.factories import MunicipalityFactory

pytestmark = [pytest.mark.django_db, pytest.mark.issue(12)]

LIST = reverse("benchmark:partnership_list")
NEW = reverse("benchmark:partnership_create")


def test_the_programme_adds_changes_and_deactivates_a_partnership(client_as):
    client = client_as("programme")
    data = {"name": "Apothekers", "sector": "zorg", "description": "Signaleren", "active": "on"}
    assert client.post(NEW, data).status_code == 302
    added = NationalPartnership.objects.get(name="Apothekers")
    assert added.active
    edit = reverse("benchmark:partnership_edit", kwargs={"pk": added.pk})
    assert client.post(edit, {**data, "active": ""}).status_code == 302
    added.refresh_from_db()
    assert not added.active
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"national_partnership_added", "national_partnership_changed"} <= actions
    page = client.get(LIST).content.decode()
    assert "Apothekers" in page


def test_the_list_counts_municipalities_where_a_partnership_is_active(client_as):
    a, b, c = MunicipalityFactory(), MunicipalityFactory(), MunicipalityFactory()
    shop = partnership("Supermarktketen")
    participation(a, shop)
    participation(b, shop)
    participation(c, shop, ended_on=dt.date(2025, 6, 1))  # ended: does not count
    page = client_as("programme").get(LIST)
    assert page.status_code == 200
    assert f'data-testid="municipalities-{shop.pk}">2<' in page.content.decode()


@pytest.mark.parametrize("role", ["policy", "coordinator", "caseworker", "admin"])
def test_others_get_403(client_as, role):
    shop = partnership("Supermarktketen")
    client = client_as(role, MunicipalityFactory())
    edit = reverse("benchmark:partnership_edit", kwargs={"pk": shop.pk})
    assert client.get(LIST).status_code == 403
    assert client.post(NEW, {"name": "X", "sector": "zorg"}).status_code == 403
    assert client.post(edit, {"name": "X", "sector": "zorg"}).status_code == 403
    assert NationalPartnership.objects.get().name == "Supermarktketen"


def test_a_duplicate_name_keeps_what_was_typed(client_as):
    partnership("Bibliotheken")
    data = {"name": "bibliotheken", "sector": "sport_cultuur", "description": "Leesclubs"}
    page = client_as("programme").post(NEW, data)
    assert page.status_code == 400
    text = page.content.decode()
    assert "Er is al een landelijk partnerschap met deze naam." in text
    assert "Leesclubs" in text
    assert NationalPartnership.objects.count() == 1
