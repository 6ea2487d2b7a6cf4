"""The home visits' part of the demo municipality (issue 11): a running round of about 300
addresses of residents aged 75+ (fictitious people at real postcodes of Zeist), three
volunteers (one is the demo account ``vrijwilliger``), and visits in every outcome, some with
a follow-up that became a case in the signalling point.

The addresses, the objection list and the deceased come in through the real import;
assignment, planning and the visits go through the real services too. Registered as a
``core.extensions.DemoLoader`` after the signalling demo; makes nothing when the municipality
already has a round."""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.utils import timezone

from omzien.core.models import Membership, PostcodeArea
from omzien.core.roles import Role
from omzien.core.scoping import forget_memberships
from omzien.visits.demo_visits import visit_the_first_addresses
from omzien.visits.imports.jobs import start_import
from omzien.visits.models import VisitRound, Volunteer
from omzien.visits.volunteers.assignment import distribute

ADDRESSES = 300
OBJECTIONS = 6
DECEASED = 2
#: (username, first name, last name, visits per week, months the VOG has left)
VOLUNTEERS = (
    ("vrijwilliger", "Vera", "Vrijwilliger (demo)", 3, 20),
    ("vrijwilliger-henk", "Henk", "de Bruin (demo)", 2, 30),
    ("vrijwilliger-ans", "Ans", "Verhoef (demo)", 2, 1),
)
HOUSEHOLDS = ("alleenstaand", "alleenstaand", "samenwonend", "samenwonend", "met kinderen")


def _volunteer_user(municipality, username: str, first: str, last: str, accounts: dict):
    if username in accounts:
        return accounts[username]
    user, _ = get_user_model().objects.get_or_create(
        username=username,
        defaults={"first_name": first, "last_name": last, "email": f"{username}@example.invalid"},
    )
    user.set_unusable_password()
    user.save(update_fields=["password"])
    Membership.objects.get_or_create(user=user, municipality=municipality, role=Role.VOLUNTEER)
    forget_memberships(user)
    return user


def _volunteers(municipality, accounts: dict, districts: list) -> list[Volunteer]:
    today = timezone.localdate()
    made = []
    for index, (username, first, last, per_week, months) in enumerate(VOLUNTEERS):
        user = _volunteer_user(municipality, username, first, last, accounts)
        volunteer = Volunteer.objects.create(
            municipality=municipality,
            user=user,
            phone=f"06-1234 56{index}{index}",
            trained_on=today - dt.timedelta(days=120 + 30 * index),
            vog_issued_on=today - dt.timedelta(days=365 * 3 - 30 * months),
            vog_valid_until=today + dt.timedelta(days=30 * months),
            visits_per_week=per_week,
            availability=("dinsdag- en donderdagochtend", "maandagmiddag", "woensdag")[index],
        )
        volunteer.districts.set(districts)
        made.append(volunteer)
    return made


def _round(municipality, coordinator, districts: list) -> VisitRound:
    today = timezone.localdate()
    running = VisitRound.objects.create(
        municipality=municipality,
        name=f"Huisbezoeken 75+ {today.year}",
        reference_date=today - dt.timedelta(days=60),
        starts_on=today - dt.timedelta(days=42),
        ends_on=today + dt.timedelta(days=90),
        status=VisitRound.Status.RUNNING,
        created_by=coordinator,
    )
    running.districts.set(districts)
    return running


ADDRESS_HEADER = (
    "voorletters;roepnaam;tussenvoegsel;achternaam;geboortedatum;straat;huisnummer;huisletter;"
    "toevoeging;postcode;woonplaats;huishouden"
)
LIST_HEADER = (
    "voorletters;tussenvoegsel;achternaam;geboortedatum;huisnummer;huisletter;toevoeging;postcode"
)


def _people(districts: list, rng: random.Random) -> list[dict]:
    """Fictitious residents aged 76 to 97 at real PC4 areas of the round's districts."""
    from faker import Faker

    fake = Faker("nl_NL")
    fake.seed_instance(1975)
    pc4s = list(
        PostcodeArea.objects.filter(district__in=districts)
        .order_by("pc4")
        .values_list("pc4", flat=True)
    )
    people = []
    for _ in range(ADDRESSES):
        first = fake.first_name()
        people.append(
            {
                "initials": f"{first[0]}.",
                "first": first,
                "surname": fake.last_name(),
                "born": fake.date_of_birth(minimum_age=76, maximum_age=97).strftime("%d-%m-%Y"),
                "street": fake.street_name(),
                "number": rng.randint(1, 160),
                "postcode": f"{rng.choice(pc4s)} {rng.choice('ABCDEGHJKLMNPRST')}"
                f"{rng.choice('ABCDEGHJKLMNPRST')}",
                "household": rng.choice(HOUSEHOLDS),
            }
        )
    return people


def _import(round: VisitRound, coordinator, kind: str, name: str, lines: list[str]) -> None:
    content = ("\n".join(lines) + "\n").encode()
    start_import(actor=coordinator, round=round, kind=kind, file_name=name, content=content)


def _addresses(round: VisitRound, coordinator, districts: list, rng: random.Random) -> int:
    """The register extract, the objection list and the known deceased, read in through the
    real import (``imports/jobs.start_import``) as a coordinator would."""
    people = _people(districts, rng)
    _import(round, coordinator, "addresses", "brp-uittreksel-75plus.csv", [ADDRESS_HEADER] + [
        f"{p['initials']};{p['first']};;{p['surname']};{p['born']};{p['street']};{p['number']};"
        f";;{p['postcode']};Zeist;{p['household']}"
        for p in people
    ])  # fmt: skip
    listed = [
        f"{p['initials']};;{p['surname']};{p['born']};{p['number']};;;{p['postcode']}"
        for p in people
    ]
    _import(round, coordinator, "objections", "bezwaarlijst.csv",
            [LIST_HEADER, *listed[:OBJECTIONS]])  # fmt: skip
    _import(round, coordinator, "deceased", "overleden.csv",
            [LIST_HEADER, *listed[OBJECTIONS : OBJECTIONS + DECEASED]])  # fmt: skip
    return round.addresses.count()


def load_visits_demo(municipality, accounts: dict) -> int:
    """The demo round (see the module docstring); the number of addresses made."""
    if VisitRound.objects.filter(municipality=municipality).exists():
        return 0
    rng = random.Random(75)
    with_postcodes = PostcodeArea.objects.filter(
        municipality=municipality, district__isnull=False
    ).values("district_id")
    districts = list(municipality.districts.filter(pk__in=with_postcodes).order_by("code")[:4])
    coordinator = accounts["kartrekker"]
    _volunteers(municipality, accounts, districts)
    running = _round(municipality, coordinator, districts)
    made = _addresses(running, coordinator, districts, rng)
    distribute(actor=coordinator, round=running)
    visit_the_first_addresses(running, coordinator)
    return made
