"""The catalogue (issue 9, item 1, first slice): the coordinator manages every initiative of
the municipality, a partner account edits its own and submits them, the coordinator
publishes; every change is audited and versioned."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from omzien.core.models import AuditEvent, Municipality, PostcodeArea
from omzien.core.roles import Role
from omzien.core.tests.factories import OrganisationFactory, login_verified, member
from omzien.socialmap import services
from omzien.socialmap.choices import Status
from omzien.socialmap.models import Initiative
from omzien.socialmap.tests.factories import initiative

pytestmark = [pytest.mark.django_db, pytest.mark.issue(9)]


def zeist() -> Municipality:
    return Municipality.objects.get(code="GM0355")


FORM = {
    "name": "Wandelgroep Zeist-West",
    "description": "Samen wandelen, elke week, in een rustig tempo.",
    "kinds": ["meeting", "meaningful_activity"],
    "where": "venue",
    "street": "Laan 1",
    "postcode": "3701 AB",
    "place": "Zeist",
    "schedule": "Elke donderdag 10-11 uur",
    "free": "on",
    "wheelchair": "on",
}


@pytest.fixture
def people():
    municipality = zeist()
    own = OrganisationFactory(municipality=municipality, name="Buurtwerk")
    other = OrganisationFactory(municipality=municipality, name="Anders")
    coordinator = member(Role.COORDINATOR, municipality)
    partner = member(Role.REPORTER, municipality)
    partner.memberships.update(organisation=own)  # a partner account: a reporter of ``own``
    return municipality, own, other, coordinator, partner


def test_a_partner_makes_and_submits_its_own_initiative_and_the_coordinator_publishes(
    client, people
):
    municipality, own, other, coordinator, partner = people
    login_verified(client, partner)
    answer = client.post("/g/zeist/sociale-kaart/nieuw/", {**FORM, "organisation": own.pk})
    created = Initiative.objects.get()
    assert answer.status_code == 302 and created.status == Status.DRAFT
    assert created.kinds == ["meeting", "meaningful_activity"] and created.wheelchair
    client.post(f"/g/zeist/sociale-kaart/{created.pk}/submit/")
    created.refresh_from_db()
    assert created.status == Status.SUBMITTED
    # The partner cannot publish.
    client.post(f"/g/zeist/sociale-kaart/{created.pk}/publish/")
    created.refresh_from_db()
    assert created.status == Status.SUBMITTED
    login_verified(client, coordinator)
    client.post(f"/g/zeist/sociale-kaart/{created.pk}/publish/")
    created.refresh_from_db()
    assert created.status == Status.PUBLISHED and created.published_at is not None
    assert [v.status for v in created.versions.order_by("number")] == [
        Status.DRAFT, Status.SUBMITTED, Status.PUBLISHED]  # fmt: skip
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"initiative_created", "initiative_submit", "initiative_publish"} <= actions


def test_a_partner_cannot_edit_another_organisations_initiative(client, people):
    municipality, own, other, coordinator, partner = people
    theirs = initiative(other)
    with pytest.raises(PermissionDenied):
        services.save_initiative(actor=partner, municipality=municipality,
                                 values={"name": "Van mij"}, initiative=theirs)  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.save_initiative(
            actor=partner,
            municipality=municipality,
            values={**FORM, "organisation": other, "kinds": ["meeting"]},
        )
    login_verified(client, partner)
    assert client.get(f"/g/zeist/sociale-kaart/{theirs.pk}/").status_code == 404
    assert client.post(f"/g/zeist/sociale-kaart/{theirs.pk}/submit/").status_code == 404
    assert "Anders" not in client.get("/g/zeist/sociale-kaart/").content.decode()


def test_a_partners_change_to_a_published_initiative_goes_back_for_review(people):
    municipality, own, other, coordinator, partner = people
    published = initiative(own, status=Status.PUBLISHED)
    services.save_initiative(actor=partner, municipality=municipality,
                             values={"name": "Nieuwe naam"}, initiative=published)  # fmt: skip
    published.refresh_from_db()
    assert published.status == Status.SUBMITTED and published.name == "Nieuwe naam"
    assert published.versions.get().data["name"] == "Nieuwe naam"


def test_bad_input_is_refused_with_the_reason_and_nothing_changes(client, people):
    municipality, own, other, coordinator, partner = people
    login_verified(client, coordinator)
    refused = client.post(
        "/g/zeist/sociale-kaart/nieuw/",
        {**FORM, "organisation": own.pk, "kinds": [], "age_min": "80", "age_max": "60"},
    )
    page = refused.content.decode()
    assert refused.status_code == 422 and "Kies minstens één soort activiteit." in page
    assert 'value="Wandelgroep Zeist-West"' in page and not Initiative.objects.exists()
    with pytest.raises(ValidationError) as error:
        services.save_initiative(actor=coordinator, municipality=municipality,
                                 values={**FORM, "organisation": own, "kinds": ["meeting"],
                                         "age_min": 80, "age_max": 60, "free": True})  # fmt: skip
    assert "age_max" in error.value.message_dict


def test_who_sees_what(people):
    municipality, own, other, coordinator, partner = people
    draft = initiative(other)
    published = initiative(other, name="Open", status=Status.PUBLISHED)
    caseworker = member(Role.CASEWORKER, municipality)
    policy = member(Role.POLICY, municipality)
    assert set(Initiative.objects.visible_to(coordinator, municipality)) == {draft, published}
    assert set(Initiative.objects.visible_to(caseworker, municipality)) == {published}
    assert set(Initiative.objects.visible_to(partner, municipality)) == set()
    assert set(Initiative.objects.visible_to(policy, municipality)) == set()


def test_an_address_gets_the_point_of_its_postcode_area_and_online_gets_none(people):
    municipality, own, _other, coordinator, _partner = people
    values = {**FORM, "kinds": ["meeting"], "free": True, "wheelchair": True, "organisation": own}
    values["postcode"] = "3701ab"
    made = services.save_initiative(actor=coordinator, municipality=municipality, values=values)
    area = PostcodeArea.objects.get(pc4="3701")
    assert made.postcode == "3701 AB"
    assert (made.latitude, made.longitude) == (area.latitude, area.longitude)
    online = services.save_initiative(actor=coordinator, municipality=municipality,
                                      values={"where": "online"}, initiative=made)  # fmt: skip
    assert online.latitude is None and online.longitude is None
    for bad, reason in (("9999 ZZ", "kennen we niet"), ("12", "1234 AB"), ("", "Vul de postcode")):
        with pytest.raises(ValidationError) as refused:
            services.save_initiative(actor=coordinator, municipality=municipality,
                                     values={**values, "postcode": bad})  # fmt: skip
        assert reason in refused.value.message_dict["postcode"][0]
