"""The home visits' part of the demo municipality (issue 11): a running round of about 300
addresses of residents aged 75+ (fictitious people at real postcodes of Zeist), three
volunteers (one is the demo account ``vrijwilliger``), and visits in every outcome, some with
a follow-up that became a case in the signalling point.

Addresses are what an import of a register extract leaves behind; assignment, planning and
the visits go through the real services. Registered as a ``core.extensions.DemoLoader``
after the signalling demo; makes nothing when the municipality already has a round."""

from __future__ import annotations

import datetime as dt
import hashlib
import random

from django.contrib.auth import get_user_model
from django.utils import timezone

from omzien.core.models import Membership, PostcodeArea
from omzien.core.roles import Role
from omzien.core.scoping import forget_memberships
from omzien.visits.demo_visits import visit_the_first_addresses
from omzien.visits.models import VisitAddress, VisitRound, Volunteer
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


def _addresses(round: VisitRound, districts: list, rng: random.Random) -> list[VisitAddress]:
    from faker import Faker

    fake = Faker("nl_NL")
    fake.seed_instance(1975)
    pc4s = list(
        PostcodeArea.objects.filter(district__in=districts)
        .order_by("pc4")
        .values_list("pc4", "district_id")
    )
    now = timezone.now()
    rows = []
    for _ in range(ADDRESSES):
        pc4, district_id = rng.choice(pc4s)
        born = fake.date_of_birth(minimum_age=76, maximum_age=97)
        postcode = f"{pc4}{rng.choice('ABCDEGHJKLMNPRST')}{rng.choice('ABCDEGHJKLMNPRST')}"
        number, surname = rng.randint(1, 160), fake.last_name()
        key = f"{born}|{postcode}|{number}|{surname}".encode()
        rows.append(
            VisitAddress(
                round=round,
                municipality=round.municipality,
                register_key=hashlib.sha256(key).hexdigest(),
                initials=f"{fake.first_name()[0]}.",
                surname=surname,
                date_of_birth=born,
                street=fake.street_name(),
                house_number=number,
                postcode=postcode,
                place="Zeist",
                household=rng.choice(HOUSEHOLDS),
                district_id=district_id,
                imported_at=now - dt.timedelta(days=50),
            )
        )
    made = VisitAddress.objects.bulk_create(rows, ignore_conflicts=False)
    for row in made[:OBJECTIONS]:
        row.status = VisitAddress.Status.OBJECTION
    for row in made[OBJECTIONS : OBJECTIONS + DECEASED]:
        row.status = VisitAddress.Status.DECEASED
    VisitAddress.objects.bulk_update(made[: OBJECTIONS + DECEASED], ["status"])
    return made


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
    made = _addresses(running, districts, rng)
    distribute(actor=coordinator, round=running)
    visit_the_first_addresses(running, coordinator)
    return len(made)
