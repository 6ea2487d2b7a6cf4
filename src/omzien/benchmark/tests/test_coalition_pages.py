"""The coalition's pages (issue 12): who reads and who edits, isolation of another
municipality's records, Dutch errors that keep what was typed, ending a member."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from omzien.benchmark.models import CoalitionMember, Kartrekker, LocalParticipation
from omzien.benchmark.tests.factories_coalition import (
    coalition_member,
    joint_activity,
    kartrekker,
    participation,
    partnership,
)
from omzien.core.models import AuditEvent
from omzien.core.tests.factories import MunicipalityFactory

pytestmark = [pytest.mark.django_db, pytest.mark.issue(12)]


def url(name, municipality, **kwargs):
    return reverse(f"benchmark:{name}", kwargs={"municipality_slug": municipality.slug, **kwargs})


MEMBER = {"name": "Bibliotheek", "sector": "sport_cultuur", "commitments": "Taalcafé",
          "joined_on": "2026-03-01"}  # fmt: skip


def test_a_caseworker_reads_the_coalition_but_cannot_edit_it(client_as):
    town = MunicipalityFactory()
    member = coalition_member(town, name="Zorggroep")
    kartrekker(town)
    client = client_as("caseworker", town)
    page = client.get(url("coalition", town))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Zorggroep" in text and "Kim Kartrekker" in text
    assert url("coalition_member_create", town) not in text
    assert 'data-testid="kartrekker-inline"' not in text
    assert client.get(url("coalition_member_create", town)).status_code == 403
    refused = client.post(url("coalition_member_edit", town, pk=member.pk), {**MEMBER})
    assert refused.status_code == 403
    assert client.post(url("coalition_member_create", town), MEMBER).status_code == 403
    member.refresh_from_db()
    assert member.name == "Zorggroep"
    assert CoalitionMember.objects.count() == 1


def test_policy_adds_a_member_and_it_shows_by_sector(client_as):
    town = MunicipalityFactory()
    client = client_as("policy", town)
    response = client.post(url("coalition_member_create", town), MEMBER)
    assert response.status_code == 302
    saved = CoalitionMember.objects.get(municipality=town)
    assert saved.name == "Bibliotheek" and saved.sector == "sport_cultuur"
    assert AuditEvent.objects.filter(action="coalition_member_added", object_id=str(saved.pk))
    page = client.get(url("coalition", town)).content.decode()
    assert 'data-testid="sector-sport_cultuur"' in page
    assert "1 organisatie doet mee" in page


def test_policy_edits_kartrekker_activity_and_participation(client_as):
    town = MunicipalityFactory()
    member = coalition_member(town)
    partner = partnership("Supermarktketen")
    client = client_as("policy", town)
    overview = client.get(url("coalition", town)).content.decode()
    assert 'data-testid="kartrekker-inline"' in overview  # edited on the overview too
    data = {"name": "Kim", "organisation_name": "Welzijn", "hours_per_week": "12,5"}
    assert client.post(url("coalition_kartrekker", town), data).status_code == 302
    assert Kartrekker.objects.get(municipality=town).hours_per_week == pytest.approx(12.5)
    assert 'value="12,5"' in client.get(url("coalition_kartrekker", town)).content.decode()
    data = {"title": "Open tafel", "held_on": "2026-10-01", "members": [member.pk],
            "in_week_against_loneliness": "on"}  # fmt: skip
    assert client.post(url("coalition_activity_create", town), data).status_code == 302
    data = {"partnership": partner.pk, "since": "2026-01-01", "collaboration": "Praatkassa"}
    assert client.post(url("participation_create", town), data).status_code == 302
    page = client.get(url("coalition", town)).content.decode()
    assert "Week tegen Eenzaamheid" in page and "Supermarktketen" in page


def test_another_municipalitys_records_are_not_found(client_as):
    home, other = MunicipalityFactory(), MunicipalityFactory()
    foreign = coalition_member(other)
    activity = joint_activity(other, foreign)
    taking_part = participation(other, partnership())
    client = client_as("coordinator", home)
    for name, pk in (
        ("coalition_member_edit", foreign.pk),
        ("coalition_activity_edit", activity.pk),
        ("participation_edit", taking_part.pk),
    ):
        assert client.get(url(name, home, pk=pk)).status_code == 404
        assert client.post(url(name, home, pk=pk), {"name": "x"}).status_code == 404
    assert client.get(url("coalition", other)).status_code in (403, 404)
    foreign.refresh_from_db()
    assert foreign.name.startswith("Organisatie")


def test_dutch_errors_keep_what_was_typed(client_as):
    town = MunicipalityFactory()
    client = client_as("coordinator", town)
    typed = {**MEMBER, "sector": "", "left_on": "2026-01-01"}
    page = client.post(url("coalition_member_create", town), typed)
    assert page.status_code == 400
    text = page.content.decode()
    assert "Kies de sector van de organisatie." in text
    assert "Deze datum ligt vóór de begindatum" in text
    assert 'value="Bibliotheek"' in text and "Taalcafé" in text
    assert not CoalitionMember.objects.exists()
    hours = {"name": "Kim", "organisation_name": "Welzijn", "hours_per_week": "90"}
    page = client.post(url("coalition_kartrekker", town), hours)
    assert page.status_code == 400
    assert "van 0 tot en met 60" in page.content.decode()
    assert 'value="Kim"' in page.content.decode()
    assert not Kartrekker.objects.exists()


def test_a_second_active_member_with_the_same_name_is_refused(client_as):
    town = MunicipalityFactory()
    coalition_member(town, name="Bibliotheek")
    page = client_as("coordinator", town).post(url("coalition_member_create", town), MEMBER)
    assert page.status_code == 400
    assert "staat al als coalitiepartner in de lijst" in page.content.decode()
    assert CoalitionMember.objects.count() == 1


def test_ending_a_member_moves_it_to_the_ended_list(client_as):
    town = MunicipalityFactory()
    member = coalition_member(town, name="Zorggroep", joined_on=dt.date(2025, 1, 1))
    client = client_as("coordinator", town)
    too_early = client.post(url("coalition_member_edit", town, pk=member.pk),
                            {"stop-left_on": "2024-01-01"})  # fmt: skip
    assert too_early.status_code == 400
    assert "niet stoppen vóór de dag dat ze lid werd" in too_early.content.decode()
    done = client.post(url("coalition_member_edit", town, pk=member.pk),
                       {"stop-left_on": "2026-02-01"})  # fmt: skip
    assert done.status_code == 302
    member.refresh_from_db()
    assert member.left_on == dt.date(2026, 2, 1)
    page = client.get(url("coalition", town)).content.decode()
    assert 'data-testid="ended-members"' in page
    assert AuditEvent.objects.filter(action="coalition_member_ended").count() == 1


def test_a_participation_in_a_partnership_already_running_is_refused(client_as):
    town = MunicipalityFactory()
    partner = partnership()
    participation(town, partner)
    data = {"partnership": partner.pk, "since": "2026-01-01", "collaboration": "Nog een keer"}
    page = client_as("coordinator", town).post(url("participation_create", town), data)
    assert page.status_code == 400
    assert "doet al mee aan dit landelijke partnerschap" in page.content.decode()
    assert "Nog een keer" in page.content.decode()
    assert LocalParticipation.objects.count() == 1
