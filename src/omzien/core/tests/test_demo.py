"""The demo municipality loads, and loading it twice changes nothing."""

import pytest
from django.core.management import call_command

from omzien.core.demo import DEMO_ACCOUNTS
from omzien.core.models import Membership, Organisation, Resident, Team, User
from omzien.core.roles import Role

pytestmark = [pytest.mark.django_db, pytest.mark.issue(2)]


def snapshot():
    return {
        model.__name__: sorted(model.objects.values_list("pk", flat=True))
        for model in (User, Membership, Organisation, Team, Resident)
    }


def test_demo_has_an_account_for_every_role_and_is_idempotent(capsys):
    call_command("load_demo")
    out = capsys.readouterr().out
    assert "Omzien-demo-2026" in out
    first = snapshot()
    call_command("load_demo")
    assert snapshot() == first
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == set(Role.values)
    assert {a.username for a in DEMO_ACCOUNTS} <= set(
        User.objects.values_list("username", flat=True)
    )
    # Core's three demo organisations; the apps' demo parts add their own (the social map's
    # local organisations).
    demo_organisations = Organisation.objects.filter(
        municipality__code="GM0355", name__endswith="(demo)"
    )
    assert demo_organisations.count() == 3
    assert Team.objects.filter(municipality__code="GM0355").count() == 2


def test_demo_residents_live_in_real_zeist_districts():
    call_command("load_demo", verbosity=0)
    # The 40 demo residents, and the three a home visit passed on with consent (issue 11).
    residents = Resident.objects.filter(municipality__code="GM0355")
    assert residents.count() == 43
    assert not residents.filter(district__isnull=True).exists()
    assert set(residents.values_list("district__municipality__code", flat=True)) == {"GM0355"}
