"""The demo municipality: Zeist (GM0355) with clearly fictitious people.

Used by ``manage.py load_demo`` (and so by ``make run``) and by the browser tests.
Running it twice changes nothing.
"""

from __future__ import annotations

import base64
import hashlib
import random
from dataclasses import dataclass

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from omzien.core.extensions import demo_loaders
from omzien.core.models import (
    District,
    Membership,
    Municipality,
    Organisation,
    PostcodeArea,
    Resident,
    Team,
    User,
)
from omzien.core.roles import Role

DEMO_MUNICIPALITY_CODE = "GM0355"  # Zeist
SECOND_MUNICIPALITY_CODE = "GM0310"  # De Bilt, for the municipality switcher
DEMO_PASSWORD = "Omzien-demo-2026"
DEMO_EMAIL_DOMAIN = "demo.omzien.invalid"
DEMO_RESIDENTS = 40


@dataclass(frozen=True)
class DemoAccount:
    username: str
    first_name: str
    last_name: str
    role: str
    team: str | None = None
    extra_municipality_role: str | None = None
    #: A reporter with an organisation speaks for it (a partner account: it may keep the
    #: organisation's activities in the social map).
    organisation: str | None = None


DEMO_ACCOUNTS = [
    DemoAccount("signaleerder", "Sanne", "Signaleerder (demo)", Role.REPORTER),
    DemoAccount(
        "partner",
        "Pim",
        "Partner (demo)",
        Role.REPORTER,
        organisation="Zorggroep Heuvelrand (demo)",
    ),
    DemoAccount("welzijnswerker", "Wim", "Welzijnswerker (demo)", Role.CASEWORKER, "Team Noord"),
    DemoAccount("kartrekker", "Karin", "Kartrekker (demo)", Role.COORDINATOR),
    DemoAccount("vrijwilliger", "Vera", "Vrijwilliger (demo)", Role.VOLUNTEER),
    DemoAccount("beleid", "Bart", "Beleidsmedewerker (demo)", Role.POLICY),
    DemoAccount("programma", "Paula", "Programmateam (demo)", Role.PROGRAMME),
    DemoAccount("beheerder", "Bea", "Beheerder (demo)", Role.ADMIN),
    DemoAccount(
        "regio",
        "Rik",
        "Regiokartrekker (demo)",
        Role.COORDINATOR,
        extra_municipality_role=Role.COORDINATOR,
    ),
]

ORGANISATIONS = [
    ("Stichting Samen Omzien (demo)", Organisation.Kind.WELFARE, True),
    ("Zorggroep Heuvelrand (demo)", Organisation.Kind.CARE, False),
    ("Supermarkt De Brink (demo)", Organisation.Kind.BUSINESS, True),
]
TEAMS = ["Team Noord", "Team Zuid"]


DEMO_USERNAMES = [account.username for account in DEMO_ACCOUNTS]


def demo_totp_key(username: str) -> str:
    """A fixed, documented TOTP key per demo account (hex), so the demo and tests can log in."""
    return hashlib.sha1(f"omzien-demo:{username}".encode()).hexdigest()  # noqa: S324


def demo_totp_secret(username: str) -> str:
    """The same key in base32, the form authenticator apps accept."""
    return base64.b32encode(bytes.fromhex(demo_totp_key(username))).decode()


class DemoError(RuntimeError):
    pass


@transaction.atomic
def load_demo(seed: int = 355) -> dict[str, int]:
    zeist, second, districts = _demo_municipalities()
    welfare = _create_organisations(zeist)
    teams = _create_teams(zeist, welfare, districts)
    for account in DEMO_ACCOUNTS:
        _create_account(account, zeist=zeist, second=second, welfare=welfare, teams=teams)

    created_residents = 0
    if not Resident.objects.filter(municipality=zeist).exists():
        created_residents = _create_residents(zeist, seed)
    result = {"residents_created": created_residents}
    # The apps' parts of the demo (signals and cases, ...), through the extension point.
    accounts = {u.username: u for u in User.objects.filter(username__in=DEMO_USERNAMES)}
    for loader in demo_loaders:
        result[f"{loader.key}_created"] = loader.load(zeist, accounts)
    return result


def _demo_municipalities() -> tuple[Municipality, Municipality, list[District]]:
    """Zeist, the second municipality and Zeist's districts; DemoError when not loaded."""
    try:
        zeist = Municipality.objects.get(code=DEMO_MUNICIPALITY_CODE)
        second = Municipality.objects.get(code=SECOND_MUNICIPALITY_CODE)
    except Municipality.DoesNotExist:
        raise DemoError(
            "Reference data is missing: run `manage.py load_reference_data` first."
        ) from None
    districts = list(District.objects.filter(municipality=zeist).order_by("code"))
    if not districts:
        raise DemoError("Zeist has no districts: run `manage.py load_reference_data` first.")
    return zeist, second, districts


def _create_organisations(zeist: Municipality) -> Organisation:
    """The demo organisations; returns the welfare organisation (the first)."""
    orgs = {}
    for name, kind, coalition in ORGANISATIONS:
        orgs[name], _ = Organisation.objects.get_or_create(
            municipality=zeist,
            name=name,
            defaults={"kind": kind, "national_coalition_member": coalition},
        )
    return orgs[ORGANISATIONS[0][0]]


def _create_teams(
    zeist: Municipality, welfare: Organisation, districts: list[District]
) -> dict[str, Team]:
    """The demo teams; a new team gets half of the districts each."""
    half = (len(districts) + 1) // 2
    teams = {}
    for index, name in enumerate(TEAMS):
        team, created = Team.objects.get_or_create(
            municipality=zeist, name=name, defaults={"organisation": welfare}
        )
        if created:
            team.districts.set(districts[:half] if index == 0 else districts[half:])
        teams[name] = team
    return teams


def _create_account(
    account: DemoAccount,
    *,
    zeist: Municipality,
    second: Municipality,
    welfare: Organisation,
    teams: dict[str, Team],
) -> None:
    """The user of a demo account, its memberships and its confirmed TOTP device."""
    user, created = User.objects.get_or_create(
        username=account.username,
        defaults={
            "email": f"{account.username}@{DEMO_EMAIL_DOMAIN}",
            "first_name": account.first_name,
            "last_name": account.last_name,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    municipality = None if account.role == Role.PROGRAMME else zeist
    Membership.objects.get_or_create(
        user=user,
        municipality=municipality,
        role=account.role,
        defaults={
            "organisation": _organisation_of(account, zeist, welfare),
            "team": teams.get(account.team) if account.team else None,
        },
    )
    if account.extra_municipality_role:
        Membership.objects.get_or_create(
            user=user, municipality=second, role=account.extra_municipality_role
        )
    TOTPDevice.objects.get_or_create(
        user=user,
        name="Demo-app",
        defaults={"key": demo_totp_key(account.username), "confirmed": True},
    )


def _organisation_of(account: DemoAccount, zeist: Municipality, welfare: Organisation):
    if account.organisation:
        return Organisation.objects.get(municipality=zeist, name=account.organisation)
    return welfare if account.role == Role.CASEWORKER else None


def _create_residents(zeist: Municipality, seed: int) -> int:
    from faker import Faker

    fake = Faker("nl_NL")
    fake.seed_instance(seed)
    rng = random.Random(seed)
    pc4s = list(
        PostcodeArea.objects.filter(municipality=zeist, district__isnull=False)
        .order_by("pc4")
        .values_list("pc4", flat=True)
    )
    for _ in range(DEMO_RESIDENTS):
        pc4 = rng.choice(pc4s)
        letters = "".join(rng.choice("ABCDEFGHJKLMNPRSTVWXZ") for _ in range(2))
        birth = fake.date_of_birth(minimum_age=67, maximum_age=96)
        Resident.objects.create(
            municipality=zeist,
            name=f"{fake.first_name()} {fake.last_name()}",
            street=fake.street_name(),
            house_number=str(rng.randint(1, 180)),
            postcode=f"{pc4} {letters}",
            place="Zeist",
            birth_date=birth,
            phone=f"06-{rng.randint(10000000, 99999999)}",
        )
    return DEMO_RESIDENTS
