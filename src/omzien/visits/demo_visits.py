"""What six weeks of the demo round left behind (``demo.py`` calls it): the first addresses of
each volunteer had their letter and planned time in the past weeks, and were visited with
every outcome (visited, not home and tried again, declined, moved, deceased), through the
real service of the visit form (``door/services.record_visit``). Visited residents' answers
vary; a few asked for help: with consent that became a case in the signalling point, without
consent nothing was passed on. The remaining addresses are then planned by the real planner
(``letters/planning.plan_round``), their letters not yet sent."""

from __future__ import annotations

import datetime as dt
import random
import uuid

from django.utils import timezone

from omzien.socialmap.choices import ActivityKind, Status
from omzien.socialmap.models import Initiative
from omzien.visits.door.services import record_visit
from omzien.visits.letters.planning import plan_round
from omzien.visits.models import (
    FollowUp,
    Outcome,
    VisitAddress,
    VisitAttempt,
    VisitRound,
    Volunteer,
)

#: Per volunteer, the first addresses in walking order were due in the past weeks: what
#: happened at each, in order (the outcome of each attempt).
STORIES = (
    *[("visited",)] * 14,
    ("not_home", "visited"),
    ("not_home", "visited"),
    ("not_home",),
    ("not_home",),
    ("not_home", "not_home"),
    ("not_home", "not_home", "not_home"),
    ("declined",),
    ("declined",),
    ("declined",),
    ("not_home", "declined"),
)
ENDINGS = (("moved",), ("deceased",))  # the first volunteer also met these
#: The follow-up of the n-th visit of a volunteer (the rest: nothing needed).
FOLLOW_UPS = {
    1: (FollowUp.CONVERSATION, False),
    3: (FollowUp.ACTIVITY, False),
    5: (FollowUp.HELP, True),  # with consent: a signal, a case
    7: (FollowUp.ACTIVITY, False),
    9: (FollowUp.HELP, False),  # without consent: nothing passed on
    11: (FollowUp.CONVERSATION, False),
}
SCALES = (  # items 3, 4, 7, 8, 9, 10 of the 6-item scale
    ("nee", "ja", "ja", "ja", "nee", "nee"),
    ("min of meer", "ja", "ja", "min of meer", "min of meer", "nee"),
    ("ja", "nee", "min of meer", "nee", "ja", "min of meer"),
    ("ja", "nee", "nee", "nee", "ja", "ja"),
)


def _report(rng: random.Random, n: int, activity_id: int | None) -> dict:
    scale = SCALES[min(n % 5, 3)] if n % 5 != 4 else SCALES[rng.randrange(4)]
    follow_up, consent = FOLLOW_UPS.get(n, (FollowUp.NONE, False))
    lonely = scale.count("ja") + scale.count("min of meer") >= 3
    return {
        "self_care": rng.choice(("self", "self", "self", "help")),
        "household": rng.choice(("self", "self", "help", "not")),
        "administration": rng.choice(("self", "help", "help")),
        "outside": rng.choice(("daily", "weekly", "weekly", "rarely")),
        "mobility_aid": rng.random() < 0.4,
        "someone_to_talk": "no" if lonely and rng.random() < 0.6 else "yes",
        "someone_to_accompany": rng.choice(("yes", "yes", "no")),
        "someone_for_jobs": rng.choice(("yes", "no")),
        "wants_more_contact": "yes" if lonely else rng.choice(("yes", "no", "no")),
        "barriers": rng.sample(["mobility", "hearing", "transport", "money", "digital"], n % 3),
        "activities": rng.sample(list(ActivityKind.values), rng.randint(0, 2)),
        "wants_activities": rng.sample(list(ActivityKind.values), rng.randint(0, 2)),
        "life_satisfaction": rng.randint(4, 9) if lonely else rng.randint(6, 9),
        "scale_answers": dict(zip(("3", "4", "7", "8", "9", "10"), scale, strict=True)),
        "follow_up": follow_up,
        "consent": consent,
        "contact_phone": "030-1234567" if consent else "",
        "referral_initiative_id": activity_id if follow_up == FollowUp.ACTIVITY else None,
    }


def _when(rng: random.Random, days_ago: int) -> dt.datetime:
    """A weekday ``days_ago`` (or the Friday before), at a visiting hour."""
    day = timezone.localtime() - dt.timedelta(days=days_ago)
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    return day.replace(hour=rng.choice((10, 11, 14, 15)), minute=0, second=0, microsecond=0)


def _by_district(addresses: list[VisitAddress]) -> list[VisitAddress]:
    """The volunteer's addresses, walking order within each district, the districts taking
    turns: so every district has its visits."""
    per: dict[int | None, list[VisitAddress]] = {}
    for address in addresses:
        per.setdefault(address.district_id, []).append(address)
    rows = list(per.values())
    return [row[i] for i in range(max(map(len, rows), default=0)) for row in rows if i < len(row)]


def _walk(volunteer: Volunteer, addresses: list[VisitAddress], stories, rng, activity_id) -> int:
    visits = 0
    for index, (address, story) in enumerate(zip(addresses, stories, strict=False)):
        days_ago = 40 - index  # due in the past weeks, the earliest first
        first = _when(rng, days_ago)
        VisitAddress.objects.filter(pk=address.pk).update(
            proposed_at=first, letter_sent_at=first - dt.timedelta(days=10)
        )
        for attempt, outcome in enumerate(story):
            report = None
            if outcome == Outcome.VISITED:
                visits += 1
                report = _report(rng, visits, activity_id)
            record_visit(
                actor=volunteer.user,
                address=address,
                client_id=uuid.uuid4(),
                at=first + dt.timedelta(days=7 * attempt),
                outcome=outcome,
                report=report,
            )
    return visits


def visit_the_first_addresses(round: VisitRound, coordinator) -> int:
    """The past weeks of the round (see the module docstring); the number of attempts."""
    rng = random.Random(1200)
    activity = (
        Initiative.objects.filter(municipality=round.municipality, status=Status.PUBLISHED)
        .order_by("pk")
        .first()
    )
    volunteers = Volunteer.objects.filter(municipality=round.municipality).order_by("pk")
    for index, volunteer in enumerate(volunteers):
        mine = list(
            round.addresses.filter(
                volunteer=volunteer, status=VisitAddress.Status.TO_VISIT
            ).order_by("postcode", "house_number", "house_letter", "addition", "pk")
        )
        stories = (*STORIES, *ENDINGS) if index == 0 else STORIES
        _walk(volunteer, _by_district(mine), stories, rng, activity.pk if activity else None)
    plan_round(coordinator, round)
    return VisitAttempt.objects.filter(round=round).count()
