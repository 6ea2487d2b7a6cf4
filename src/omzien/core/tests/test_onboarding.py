"""Onboarding a municipality in minutes (issue 8, item 6): the programme team invites the
first coordinator and admin; the coordinator makes teams, gives them districts and members."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command

from omzien.core import onboarding, teams
from omzien.core.memberships import answer_invitation
from omzien.core.models import AuditEvent, District, Invitation, Membership, Municipality, Team
from omzien.core.roles import Role
from omzien.core.tests.factories import UserFactory, login_verified, member

pytestmark = [pytest.mark.django_db, pytest.mark.issue(8)]


@pytest.fixture
def de_bilt():
    return Municipality.objects.get(code="GM0310")


@pytest.fixture
def programme(client):
    user = member(Role.PROGRAMME, email="programma@vws.example")
    login_verified(client, user)
    return user


def test_the_programme_team_invites_the_first_coordinator_and_admin(
    client, programme, de_bilt, django_capture_on_commit_callbacks
):
    page = client.get("/landelijk/gemeenten/?q=bilt").content.decode()
    assert "De Bilt aanmelden" in page
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        with_mail = client.post(
            "/landelijk/gemeenten/GM0310/aanmelden/",
            {
                "coordinator_first_name": "Karin",
                "coordinator_last_name": "Kartrekker",
                "coordinator_email": "k@debilt.example",
                "admin_first_name": "Bert",
                "admin_last_name": "Beheer",
                "admin_email": "b@debilt.example",
            },
        )
    assert with_mail.status_code == 302
    invitations = Invitation.objects.filter(municipality=de_bilt).order_by("role")
    assert [(i.role, i.email) for i in invitations] == [
        (Role.ADMIN, "b@debilt.example"),
        (Role.COORDINATOR, "k@debilt.example"),
    ]
    assert sorted(m.to[0] for m in mail.outbox) == ["b@debilt.example", "k@debilt.example"]
    assert "/account/wachtwoord-kiezen/" in mail.outbox[0].body
    assert AuditEvent.objects.filter(action="municipality_onboarded").count() == 1
    # The person accepts: now De Bilt has its coordinator, and is not onboarded twice.
    coordinator_invitation = invitations.get(role=Role.COORDINATOR)
    answer_invitation(actor=coordinator_invitation.user, invitation=coordinator_invitation,
                      accept=True)  # fmt: skip
    assert Membership.objects.filter(municipality=de_bilt, role=Role.COORDINATOR).exists()
    again = client.post(
        "/landelijk/gemeenten/GM0310/aanmelden/",
        {"coordinator_first_name": "X", "coordinator_last_name": "Y",
         "coordinator_email": "x@debilt.example"},
    )  # fmt: skip
    assert again.status_code in (200, 422) and Invitation.objects.count() == 2


def test_only_the_programme_team_or_a_system_administrator_onboards(client, de_bilt):
    login_verified(client, member(Role.COORDINATOR, de_bilt))
    assert client.get("/landelijk/gemeenten/").status_code == 403
    assert client.get("/landelijk/gemeenten/GM0310/aanmelden/").status_code == 403
    admin = UserFactory(is_superuser=True, is_staff=True)
    login_verified(client, admin)
    assert client.get("/landelijk/gemeenten/").status_code == 200


def test_nobody_onboards_themselves(programme, de_bilt):
    with pytest.raises(ValidationError, match="uzelf"):
        onboarding.onboard_municipality(
            actor=programme,
            municipality=de_bilt,
            coordinator=onboarding.Person("PROGRAMMA@vws.example"),
        )
    with pytest.raises(PermissionDenied):
        onboarding.onboard_municipality(
            actor=member(Role.CASEWORKER, de_bilt),
            municipality=de_bilt,
            coordinator=onboarding.Person("k@debilt.example"),
        )


def test_the_management_command_onboards_for_scripts(de_bilt):
    call_command("onboard_municipality", "GM0310", "--coordinator", "k@debilt.example",
                 "--coordinator-name", "Karin Kartrekker")  # fmt: skip
    invitation = Invitation.objects.get(municipality=de_bilt)
    assert (invitation.role, invitation.first_name, invitation.last_name) == (
        Role.COORDINATOR, "Karin", "Kartrekker")  # fmt: skip
    with pytest.raises(CommandError, match="heeft al een kartrekker"):
        call_command("onboard_municipality", "de-bilt", "--coordinator", "z@debilt.example")
    with pytest.raises(CommandError, match="Unknown municipality"):
        call_command("onboard_municipality", "GM9999", "--coordinator", "z@x.example")


def test_the_coordinator_makes_teams_with_districts_and_members(client, de_bilt):
    coordinator = member(Role.COORDINATOR, de_bilt)
    worker = member(Role.CASEWORKER, de_bilt)
    login_verified(client, coordinator)
    refused = client.post("/g/de-bilt/teams/", {"name": "Team Noord"})
    assert refused.status_code == 422  # no organisation chosen or named
    assert 'value="Team Noord"' in refused.content.decode()
    answer = client.post(
        "/g/de-bilt/teams/", {"name": "Team Noord", "new_organisation": "Welzijn De Bilt"}
    )
    team = Team.objects.get(municipality=de_bilt, name="Team Noord")
    assert answer["Location"] == f"/g/de-bilt/teams/{team.pk}/"
    districts = list(District.objects.filter(municipality=de_bilt).order_by("pk")[:2])
    client.post(answer["Location"], {"onderdeel": "wijken", "wijk": [d.pk for d in districts]})
    client.post(answer["Location"], {"onderdeel": "leden", "lid": [worker.memberships.get().pk]})
    assert set(team.districts.all()) == set(districts)
    assert worker.memberships.get().team == team
    # A district moves when another team takes it: one team per district.
    other = teams.create_team(actor=coordinator, municipality=de_bilt, name="Zuid",
                              organisation=team.organisation)  # fmt: skip
    teams.set_team_districts(actor=coordinator, team=other, districts=[districts[0]])
    assert list(team.districts.all()) == [districts[1]]


def test_the_coordinator_invites_caseworkers(client, de_bilt):
    login_verified(client, member(Role.COORDINATOR, de_bilt))
    assert client.get("/g/de-bilt/beheer/gebruikers/").status_code == 200
