"""The social map's part of the demo (issue 9): a believable local offer of Zeist, all seven
kinds of activity, most published, a few waiting for the coordinator, with meetings in the
coming weeks and a programme in the Week tegen Eenzaamheid. Registered as a
``core.extensions.DemoLoader``; makes nothing when the demo already has initiatives."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from omzien.core.models import Organisation
from omzien.socialmap import agenda
from omzien.socialmap.choices import Status
from omzien.socialmap.models import Event, Initiative

#: The kinds of activity (choices.ActivityKind) by a short name, to keep the table readable.
KINDS = {"act": "meaningful_activity", "meet": "meeting", "prac": "practical_support",
         "contact": "meaningful_contact", "skills": "social_skills", "role": "meaningful_role",
         "expect": "realistic_expectations"}  # fmt: skip
# (name, organisation, kinds, weekday of the meeting 0=Monday, hour, free, wheelchair)
OFFER = [
    ("Koffieochtend Het Hart", "Buurthuis Het Hart", "meet", 1, 10, True, True),
    ("Wandelgroep Zeist-West", "Wijkcentrum West", "meet act", 3, 10, True, False),
    ("Maatje voor ouderen", "Welzijn Zeist", "contact", 2, 14, True, True),
    ("Digicafé: hulp met je telefoon", "Bibliotheek Zeist", "prac", 4, 10, True, True),
    ("Boodschappenvervoer", "Vrijwilligerscentrale", "prac", 0, 9, False, True),
    ("Samen koken en eten", "Buurthuis Het Hart", "meet act", 2, 17, False, True),
    ("Cursus Vriendschap maken", "Welzijn Zeist", "skills", 1, 19, False, True),
    ("Vrijwilligerswerk in de tuin", "Natuurtuin Zeist", "role act", 5, 10, True, False),
    ("Leesclub", "Bibliotheek Zeist", "act meet", 0, 14, True, True),
    ("Praatgroep na verlies", "Welzijn Zeist", "contact expect", 3, 14, True, True),
    ("Repair café", "Wijkcentrum West", "role meet", 5, 13, True, True),
    ("Taalcafé", "Bibliotheek Zeist", "skills meet", 2, 10, True, True),
    ("Zingen in het koor", "Muziekvereniging Zeist", "act meet", 1, 20, False, True),
    ("Bezoekdienst aan huis", "Vrijwilligerscentrale", "contact", 4, 15, True, True),
    ("Training Anders denken over alleen-zijn", "Welzijn Zeist", "expect", 0, 10, False, True),
    ("Voorleesmaatje op school", "Vrijwilligerscentrale", "role", 3, 9, True, True),
    ("Biljartclub", "Wijkcentrum West", "meet", 4, 14, False, True),
    ("Schildercursus", "Kunstuitleen Zeist", "act", 2, 10, False, True),
]  # fmt: skip
#: Waiting for the coordinator (a partner submitted them).
SUBMITTED = {"Biljartclub", "Schildercursus"}


def _next(weekday: int, hour: int, today: dt.date) -> dt.datetime:
    days = (weekday - today.weekday()) % 7 or 7
    day = today + dt.timedelta(days=days)
    return dt.datetime.combine(day, dt.time(hour), tzinfo=agenda.TZ)


def _week_tegen_eenzaamheid(today: dt.date) -> dt.datetime:
    """The next Week tegen Eenzaamheid (late September to early October): its Thursday."""
    year = today.year if today < dt.date(today.year, 9, 25) else today.year + 1
    return dt.datetime(year, 9, 25, 14, 0, tzinfo=agenda.TZ) + dt.timedelta(days=7)


def load_socialmap_demo(municipality, accounts: dict) -> int:
    if Initiative.objects.filter(municipality=municipality).exists():
        return 0
    today = timezone.localdate()
    for name, org_name, kinds, weekday, hour, free, wheelchair in OFFER:
        organisation, _created = Organisation.objects.get_or_create(
            municipality=municipality, name=org_name, defaults={"kind": "welfare"}
        )
        initiative = Initiative.objects.create(
            municipality=municipality, organisation=organisation, name=name,
            kinds=[KINDS[kind] for kind in kinds.split()],
            description=f"{name} in Zeist. Iedereen is welkom; u hoeft niets mee te nemen.",
            where="at_home" if "Bezoekdienst" in name or "Maatje" in name else "venue",
            street="Slotlaan 1" if wheelchair else "Dorpsstraat 12", postcode="3701 AB",
            place="Zeist", schedule=f"Elke week om {hour}:00 uur", free=free,
            cost="" if free else "€ 2,50 per keer", wheelchair=wheelchair, age_min=18,
            status=Status.SUBMITTED if name in SUBMITTED else Status.PUBLISHED,
            published_at=None if name in SUBMITTED else timezone.now(),
        )  # fmt: skip
        Event.objects.create(
            initiative=initiative, municipality=municipality, minutes=120,
            starts_at=_next(weekday, hour, today), rrule="FREQ=WEEKLY;COUNT=12",
        )  # fmt: skip
    week = Initiative.objects.create(
        municipality=municipality, organisation=Organisation.objects.filter(
            municipality=municipality).order_by("pk").first(),
        name="Week tegen Eenzaamheid: open middag", kinds=["meeting", "meaningful_activity"],
        description="Tijdens de Week tegen Eenzaamheid: een open middag met muziek en koffie.",
        postcode="3701 AB", place="Zeist", street="Slotlaan 1", wheelchair=True,
        status=Status.PUBLISHED, published_at=timezone.now(),
    )  # fmt: skip
    Event.objects.create(initiative=week, municipality=municipality, minutes=180,
                         starts_at=_week_tegen_eenzaamheid(today))  # fmt: skip
    return len(OFFER) + 1
