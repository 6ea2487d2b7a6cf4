"""Knowledge sharing (issue 12, item 5): a draft stays with its municipality, a published
approach is found by the staff of every municipality, and only the programme curates."""

from __future__ import annotations

import pytest
from django.urls import reverse

from omzien.core.models import AuditEvent
from omzien.core.roles import Role
from omzien.core.tests.factories import MunicipalityFactory, login_verified, member
from omzien.monitoring.knowledge import services
from omzien.monitoring.models import Approach, ApproachState
from omzien.monitoring.tests.factories_knowledge import ApproachFactory, published

pytestmark = [pytest.mark.django_db, pytest.mark.issue(12)]


def detail(municipality, approach) -> str:
    return reverse("monitoring:approach_detail", args=[municipality.slug, approach.pk])


def list_url(municipality) -> str:
    return reverse("monitoring:approach_list", args=[municipality.slug])


@pytest.fixture
def two():
    return MunicipalityFactory(), MunicipalityFactory()


def test_a_draft_is_seen_by_its_municipality_only(client, two):
    own, other = two
    draft = ApproachFactory(municipality=own, title="Geheim concept")
    login_verified(client, member(Role.POLICY, other))
    assert client.get(detail(other, draft)).status_code == 404
    assert "Geheim concept" not in client.get(list_url(other)).content.decode()

    login_verified(client, member(Role.COORDINATOR, own))
    assert client.get(detail(own, draft)).status_code == 200
    page = client.get(list_url(own))
    assert [a.pk for a in page.context["own"]] == [draft.pk]
    assert page.context["page"].paginator.count == 0  # not among the published ones


@pytest.mark.parametrize("role", [Role.POLICY, Role.COORDINATOR, Role.CASEWORKER])
def test_a_published_approach_is_found_by_staff_of_every_municipality(client, two, role):
    own, other = two
    shared = published(own, title="Buurtkamer met gastvrouw")
    login_verified(client, member(role, other))
    page = client.get(list_url(other))
    assert [a.pk for a in page.context["page"]] == [shared.pk]
    assert "Buurtkamer met gastvrouw" in client.get(detail(other, shared)).content.decode()


def test_a_municipality_writes_a_draft_and_submits_it(client, two):
    own, _other = two
    author = member(Role.POLICY, own, email="beleid@gemeente.example")
    login_verified(client, author)
    form = client.get(reverse("monitoring:approach_create", args=[own.slug])).context["form"]
    assert form.initial["contact_email"] == "beleid@gemeente.example"
    response = client.post(
        reverse("monitoring:approach_create", args=[own.slug]),
        {
            "title": "Maatjes na verlies",
            "summary": "Een maatje voor wie net een partner verloor.",
            "loneliness_kinds": ["emotional"],
            "target_groups": ["widowhood"],
            "cost_text": "0,2 fte coördinator",
            "contact_name": "B. Beleid",
            "contact_email": "beleid@gemeente.example",
        },
    )
    approach = Approach.objects.get(title="Maatjes na verlies")
    assert response.status_code == 302
    assert approach.state == ApproachState.DRAFT
    client.post(
        reverse("monitoring:approach_move", args=[own.slug, approach.pk]), {"actie": "submit"}
    )
    approach.refresh_from_db()
    assert approach.state == ApproachState.SUBMITTED
    assert AuditEvent.objects.filter(action="approach_moved", object_id=str(approach.pk)).exists()
    # Submitted: waiting for the programme, not yet found by others, not editable.
    edit = client.get(reverse("monitoring:approach_edit", args=[own.slug, approach.pk]))
    assert edit.status_code == 302


def test_the_form_says_in_dutch_what_is_missing_and_keeps_nothing(client, two):
    own, _other = two
    login_verified(client, member(Role.COORDINATOR, own))
    response = client.post(
        reverse("monitoring:approach_create", args=[own.slug]), {"title": "Half"}
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "Kies ten minste één soort eenzaamheid." in text
    assert "Vul de kosten per jaar in" in text
    assert not Approach.objects.exists()


def test_only_the_programme_curates(client, two):
    own, other = two
    submitted = ApproachFactory(municipality=own, state=ApproachState.SUBMITTED)
    queue = reverse("monitoring:curation_queue")
    page = reverse("monitoring:curation_detail", args=[submitted.pk])
    for role in (Role.POLICY, Role.COORDINATOR, Role.ADMIN):
        login_verified(client, member(role, own))
        assert client.get(queue).status_code == 403
        assert client.post(page, {"actie": "publish"}).status_code == 403
    submitted.refresh_from_db()
    assert submitted.state == ApproachState.SUBMITTED
    with pytest.raises(Exception, match="curate_approaches"):
        services.move_approach(
            actor=member(Role.COORDINATOR, own), approach=submitted, action="publish"
        )

    login_verified(client, member(Role.PROGRAMME))
    assert submitted in client.get(queue).context["queue"]
    assert client.post(page, {"actie": "publish"}).status_code == 302
    submitted.refresh_from_db()
    assert submitted.state == ApproachState.PUBLISHED
    assert client.post(page, {"actie": "feature"}).status_code == 302
    submitted.refresh_from_db()
    assert submitted.featured
    login_verified(client, member(Role.POLICY, other))
    assert client.get(list_url(other)).context["page"][0] == submitted


def test_returning_needs_a_note_which_the_municipality_sees(client, two):
    own, _other = two
    submitted = ApproachFactory(municipality=own, state=ApproachState.SUBMITTED)
    login_verified(client, member(Role.PROGRAMME))
    page = reverse("monitoring:curation_detail", args=[submitted.pk])
    refused = client.post(page, {"actie": "return", "note": "  "})
    assert refused.status_code == 400
    assert "Schrijf erbij waarom" in refused.content.decode()
    submitted.refresh_from_db()
    assert submitted.state == ApproachState.SUBMITTED
    client.post(page, {"actie": "return", "note": "Vul de kosten per jaar aan."})
    submitted.refresh_from_db()
    assert submitted.state == ApproachState.RETURNED
    login_verified(client, member(Role.POLICY, own))
    text = client.get(detail(own, submitted)).content.decode()
    assert "Vul de kosten per jaar aan." in text


def test_the_programme_cannot_open_a_draft(client, two):
    own, _other = two
    draft = ApproachFactory(municipality=own)
    login_verified(client, member(Role.PROGRAMME))
    assert client.get(reverse("monitoring:curation_detail", args=[draft.pk])).status_code == 404
    assert client.get(detail(own, draft)).status_code == 404


def test_a_move_the_table_does_not_allow_is_refused(two):
    own, _other = two
    draft = ApproachFactory(municipality=own)
    with pytest.raises(Exception, match="Deze stap kan niet"):
        services.move_approach(actor=member(Role.PROGRAMME), approach=draft, action="publish")
    draft.refresh_from_db()
    assert draft.state == ApproachState.DRAFT
