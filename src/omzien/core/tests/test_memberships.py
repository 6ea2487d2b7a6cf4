"""Roles are granted by someone else, with a second person for roles that see personal data,
and only once the person accepts; the inviter learns nothing about an existing account."""

import pytest
from django.urls import reverse

from omzien.core.models import AuditEvent, Invitation, Membership
from omzien.core.roles import Role
from omzien.core.tests.factories import (
    MunicipalityFactory,
    ResidentFactory,
    UserFactory,
    login_verified,
    member,
)

pytestmark = [pytest.mark.django_db, pytest.mark.issue(8)]


@pytest.fixture
def town():
    municipality = MunicipalityFactory()
    ResidentFactory(municipality=municipality)
    return municipality


def invite(client, municipality, email, role, first_name="Nieuwe", last_name="Collega"):
    return client.post(
        reverse("core:member_list", args=[municipality.slug]),
        {"email": email, "first_name": first_name, "last_name": last_name, "role": role},
        follow=True,
    )


def as_user(client, user):
    client.logout()
    login_verified(client, user)
    return client


def test_the_admin_cannot_make_themselves_coordinator(client, town):
    admin = member(Role.ADMIN, town)
    as_user(client, admin)
    response = invite(client, town, admin.email.upper(), Role.COORDINATOR)
    assert "U kunt uzelf geen rol geven" in response.content.decode()
    assert admin.email.upper() in response.content.decode()  # what was typed is kept
    assert not Membership.objects.filter(user=admin, role=Role.COORDINATOR).exists()
    assert not Invitation.objects.exists()
    assert client.get(reverse("core:resident_list", args=[town.slug])).status_code == 403


def test_a_personal_data_role_waits_for_a_second_person_not_the_inviter(
    client, town, mailoutbox, django_capture_on_commit_callbacks
):
    admin = member(Role.ADMIN, town)
    as_user(client, admin)
    response = invite(client, town, "nieuw@example.nl", Role.COORDINATOR)
    assert "wacht op goedkeuring" in response.content.decode()
    invitation = Invitation.objects.get()
    assert invitation.status == Invitation.Status.AWAITING_APPROVAL
    assert mailoutbox == []
    # The inviter cannot approve it.
    client.post(reverse("core:invitation_approve", args=[town.slug, invitation.pk]))
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.AWAITING_APPROVAL
    # A second admin can.
    as_user(client, member(Role.ADMIN, town))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("core:invitation_approve", args=[town.slug, invitation.pk]))
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.AWAITING_ACCEPTANCE
    assert len(mailoutbox) == 1
    assert not Membership.objects.filter(role=Role.COORDINATOR, municipality=town).exists()


def test_the_invited_admin_cannot_approve_their_own_role(client, town):
    first, second = member(Role.ADMIN, town), member(Role.ADMIN, town)
    as_user(client, first)
    invite(client, town, second.email, Role.COORDINATOR)
    invitation = Invitation.objects.get()
    as_user(client, second)
    client.post(reverse("core:invitation_approve", args=[town.slug, invitation.pk]))
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.AWAITING_APPROVAL


def test_a_coordinator_approves_sees_every_grant_and_the_person_accepts(client, town):
    admin = member(Role.ADMIN, town)
    coordinator = member(Role.COORDINATOR, town, first_name="Karin", last_name="Kartrekker")
    newcomer = UserFactory(first_name="Wim", last_name="Werker")
    as_user(client, admin)
    invite(client, town, newcomer.email, Role.CASEWORKER)
    invitation = Invitation.objects.get()
    as_user(client, coordinator)
    roles_url = reverse("core:roles", args=[town.slug])
    assert newcomer.email in client.get(roles_url).content.decode()
    client.post(reverse("core:invitation_approve", args=[town.slug, invitation.pk]))
    as_user(client, newcomer)
    assert client.get(reverse("core:home"))["Location"] == reverse("core:invitations")
    client.post(reverse("core:invitation_accept", args=[invitation.pk]))
    assert Membership.objects.filter(user=newcomer, municipality=town, role="caseworker").exists()
    granted = AuditEvent.objects.get(action="membership_granted")
    assert granted.extra["invited_by"] == admin.pk
    assert granted.extra["approved_by"] == coordinator.pk
    # The coordinator sees the grant, and a revocation, on the roles page.
    as_user(client, admin)
    membership = Membership.objects.get(user=newcomer, municipality=town)
    client.post(reverse("core:member_revoke", args=[town.slug, membership.pk]))
    as_user(client, coordinator)
    page = client.get(roles_url).content.decode()
    assert "Rol gekregen" in page and "Rol ingetrokken" in page and "Wim Werker" in page


def test_a_role_without_personal_data_needs_no_approval(client, town):
    as_user(client, member(Role.ADMIN, town))
    invite(client, town, "melder@example.nl", Role.REPORTER)
    assert Invitation.objects.get().status == Invitation.Status.AWAITING_ACCEPTANCE


def test_nobody_revokes_their_own_role(client, town):
    admin = member(Role.ADMIN, town)
    as_user(client, admin)
    own = Membership.objects.get(user=admin)
    client.post(reverse("core:member_revoke", args=[town.slug, own.pk]))
    assert Membership.objects.filter(pk=own.pk).exists()


def test_an_existing_account_elsewhere_is_not_added_and_not_shown(
    client, town, mailoutbox, django_capture_on_commit_callbacks
):
    elsewhere = MunicipalityFactory()
    person = member(
        Role.REPORTER, elsewhere, first_name="Geheime", last_name="Naam", email="p@example.nl"
    )
    as_user(client, member(Role.ADMIN, town))
    with django_capture_on_commit_callbacks(execute=True):
        existing = invite(client, town, "P@Example.nl", Role.REPORTER, "Getypte", "Naam")
        new = invite(client, town, "nog-niemand@example.nl", Role.REPORTER, "Andere", "Persoon")
    for response in (existing, new):
        assert "De uitnodiging is verstuurd" in response.content.decode()
    assert "Geheime" not in existing.content.decode()
    assert "Getypte" in existing.content.decode()
    assert not Membership.objects.filter(user=person, municipality=town).exists()
    assert len(mailoutbox) == 2
    # The person sees the invitation after logging in, and only then gets the role.
    invitation = Invitation.objects.get(user=person)
    as_user(client, person)
    page = client.get(reverse("core:invitations")).content.decode()
    assert town.name in page
    client.post(reverse("core:invitation_accept", args=[invitation.pk]))
    assert Membership.objects.filter(user=person, municipality=town, role="reporter").exists()


def test_a_declined_invitation_grants_nothing_and_others_cannot_answer(client, town):
    person = UserFactory()
    as_user(client, member(Role.ADMIN, town))
    invite(client, town, person.email, Role.REPORTER)
    invitation = Invitation.objects.get()
    as_user(client, UserFactory())
    response = client.post(reverse("core:invitation_accept", args=[invitation.pk]))
    assert response.status_code == 404
    as_user(client, person)
    client.post(reverse("core:invitation_decline", args=[invitation.pk]))
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.DECLINED
    assert not Membership.objects.filter(user=person, municipality=town).exists()
