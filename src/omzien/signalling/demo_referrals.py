"""Referrals with outcomes in the demo (issue 9), so that "what works", the follow-ups on the
caseworker's start page and a case's referrals show something on the first start.

* Earlier cases (``HISTORY``): residents of the demo without a case get a case from the past
  year, through the real intake and the gate (``demo.py``'s steps), with consent, referred
  and mostly closed; their referrals (one or two each) to published demo initiatives in
  every state, followed up, with an assessment before the referral and one six to ten weeks
  after it.
* The demo's own referred and closed-supported cases (``demo_data.py``) get a recent
  referral each, some with a follow-up due today or this week.
* A few residents without a referral are measured twice, months apart: part of the
  comparison group of "what works".

The referral rows are written directly (``Referral``), as the referral's own steps would
leave them. Deterministic (seeded); registered as a ``core.extensions.DemoLoader`` after the
signals; makes nothing the second time.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from dataclasses import dataclass

from django.utils import timezone

from omzien.assessment.services import record_assessment
from omzien.core.models import Resident
from omzien.signalling.cases.workflow import CaseState, Outcome
from omzien.signalling.demo import _earlier, _step
from omzien.signalling.intake.services import submit_signal
from omzien.signalling.intake.signal_input import SignalInput
from omzien.signalling.models import Case, CaseEvent, Channel, Referral, ReferralState, Signal
from omzien.signalling.referrals.states import DATE_FIELD
from omzien.socialmap.choices import Status
from omzien.socialmap.models import Initiative

S = ReferralState
SEED = 355
FOLLOW_UP_DAYS = 42
STEPS = ("assign", "attempt", "note", "consent", "start", "refer")


@dataclass(frozen=True)
class Plan:
    """One referral: to which initiative, how many days ago, its state, and the resident's
    score before and its change after (None: no measurement after yet)."""

    initiative: str
    days_ago: int
    state: str
    before: int = 7
    change: int | None = None
    follow_up_in: int | None = None  # days from today, when the caseworker chose a date


MAATJE, BEZOEK, LUISTER = (
    "Maatje voor ouderen",
    "Bezoekdienst aan huis",
    ("Luisterwandeling met een vrijwilliger"),
)
KOFFIE, KOKEN, DIGI = (
    "Koffieochtend Het Hart",
    "Samen koken en eten",
    ("Digicafé: hulp met je telefoon"),
)

#: Earlier cases: per case its referrals; the last two cases are still open (follow-up due).
HISTORY: list[tuple[str, list[Plan]]] = [
    ("Ze zegt dat ze sinds de dood van haar man niemand meer echt spreekt.",
     [Plan(MAATJE, 320, S.STARTED, 9, -3), Plan(KOKEN, 310, S.STARTED, 9, -3)]),
    ("Meneer komt de deur bijna niet meer uit.",
     [Plan(BEZOEK, 290, S.STARTED, 8, -2), Plan("Boodschappenvervoer", 285, S.STARTED, 8, -2)]),
    ("Mijn moeder voelt zich erg alleen, ik woon ver weg.",
     [Plan(LUISTER, 250, S.STARTED, 7, -4),
      Plan("Training Anders denken over alleen-zijn", 245, S.STARTED, 7, -4)]),
    ("Buurvrouw is haar partner verloren en zit veel te huilen.",
     [Plan("Praatgroep na verlies", 220, S.ENDED, 9, -1)]),
    ("Ik heb niemand om mee te praten.",
     [Plan(MAATJE, 190, S.STARTED, 8, -3), Plan(DIGI, 185, S.STARTED, 8, -3)]),
    ("Meneer zit de hele dag voor de tv.", [Plan(BEZOEK, 150, S.NOT_STARTED, 7, 0)]),
    ("Ze durft niet meer alleen over straat.", [Plan("Belcirkel", 120, S.STARTED, 6, -2)]),
    ("Mevrouw wil eigenlijk niemand zien, maar is wel heel alleen.",
     [Plan(MAATJE, 95, S.DECLINED, 9, 1)]),
    ("Sinds zijn pensioen heeft hij weinig om handen.", [Plan(KOFFIE, 300, S.STARTED, 6, -1)]),
    ("Ze is net verhuisd en kent nog niemand.",
     [Plan(KOKEN, 270, S.STARTED, 7, -2),
      Plan("Cursus Gesprekken beginnen", 260, S.NOT_STARTED, 7, -2)]),
    ("Meneer wandelde altijd met zijn vrouw, nu niet meer.",
     [Plan("Wandelgroep Zeist-West", 230, S.ENDED, 5, 0),
      Plan("Vrijwilligerswerk in de natuurtuin", 225, S.STARTED, 5, 0)]),
    ("Ik mis mijn collega's sinds ik gestopt ben met werken.",
     [Plan("Koffie met pensioen", 180, S.STARTED, 6, -1),
      Plan("Gastheer of gastvrouw in het buurthuis", 175, S.STARTED, 6, -1)]),
    ("Mevrouw zit veel alleen in Austerlitz.", [Plan("Soos Austerlitz", 140, S.STARTED, 5, 1)]),
    ("Hij snapt de brieven van de gemeente niet meer.",
     [Plan("Hulp bij formulieren", 160, S.STARTED, 6, -1)]),
    ("Ze wil graag beeldbellen met haar kleinkinderen.", [Plan(DIGI, 110, S.STARTED, 7, 0)]),
    ("Ik vind het moeilijk om contact te maken.",
     [Plan("Cursus Vriendschap maken", 200, S.STARTED, 7, -2)]),
    # Still open, referred: the follow-up is due today and in four days.
    ("Meneer wil graag weer onder de mensen komen.", [Plan(KOFFIE, FOLLOW_UP_DAYS, S.STARTED)]),
    ("Mevrouw mist iemand om mee te praten.", [Plan(MAATJE, 38, S.ACCEPTED, 9)]),
]  # fmt: skip

#: A recent referral for each of the demo's referred and closed-supported cases (pk order).
RECENT = [
    Plan(DIGI, 4, S.PROPOSED, follow_up_in=3),
    Plan(KOFFIE, 14, S.STARTED, follow_up_in=0),
    Plan("Cursus Vriendschap maken", 30, S.STARTED, follow_up_in=6),
    Plan(BEZOEK, 47, S.STARTED),
]
NOTES = {
    S.STARTED: "Gaat er graag heen en heeft er al iemand leren kennen.",
    S.ENDED: "Na een paar keer gestopt: het paste niet goed.",
    S.DECLINED: "Wilde het toch liever niet.",
    S.NOT_STARTED: "Durfde de eerste keer niet te gaan. Later opnieuw proberen.",
}
DJG_NEGATIVE = (2, 3, 5, 6, 9, 10)  # "ja" is lonely; on the other items "nee" is


def djg_answers(total: int, rng: random.Random) -> dict[int, str]:
    """De Jong Gierveld 11 answers that score ``total``."""
    lonely = set(rng.sample(range(1, 12), max(0, min(11, total))))
    return {
        item: ("ja" if item in DJG_NEGATIVE else "nee")
        if item in lonely
        else ("nee" if item in DJG_NEGATIVE else "ja")
        for item in range(1, 12)
    }


class _Demo:
    def __init__(self, municipality, accounts: dict) -> None:
        self.municipality = municipality
        self.coordinator = accounts["kartrekker"]
        self.caseworker = accounts["welzijnswerker"]
        self.today = timezone.localdate()
        self.rng = random.Random(SEED)
        self.initiatives = {
            i.name: i
            for i in Initiative.objects.filter(municipality=municipality, status=Status.PUBLISHED)
        }

    def measure(self, resident, day: dt.date, total: int, case=None) -> None:
        record_assessment(
            actor=self.caseworker if case else self.coordinator, resident=resident,
            instrument="djg11", answers=djg_answers(total, self.rng), taken_on=day,
            context="case" if case else "other", context_id=case.pk if case else None,
        )  # fmt: skip

    def earlier_case(self, resident, concern: str, plans: list[Plan], index: int) -> Case:
        """A case of ``plans[0].days_ago`` days ago, referred then, closed later unless
        its follow-up is still to come."""
        channel = (Channel.PUBLIC_FORM, Channel.PHONE, Channel.SELF_REFERRAL)[index % 3]
        data = SignalInput.from_values({
            "postcode": resident.postcode, "house_number": resident.house_number,
            "person_name": resident.name, "concern": concern,
            "relation": "self" if channel == Channel.SELF_REFERRAL else "neighbour",
        })  # fmt: skip
        actor = self.coordinator if channel == Channel.PHONE else None
        case = submit_signal(
            actor=actor, municipality=self.municipality, channel=channel, data=data
        ).case
        for step in STEPS:
            _earlier(case)
            _step(step, case, self.coordinator, self.caseworker)
        days_ago = max(plan.days_ago for plan in plans)
        if days_ago > FOLLOW_UP_DAYS:  # closed some weeks after the follow-up
            gap = min(days_ago - 1, FOLLOW_UP_DAYS + self.rng.randint(14, 40))
            _earlier(case, gap)
            _step("close_supported", case, self.coordinator, self.caseworker)
            days_ago -= gap
        _earlier(case, days_ago)
        return case

    def refer(self, case: Case, plan: Plan) -> Referral | None:
        initiative = self.initiatives.get(plan.initiative)
        if initiative is None:
            return None
        proposed = self.today - dt.timedelta(days=plan.days_ago)
        dates = self.dates(plan.state, proposed)
        follow_up = proposed + dt.timedelta(days=FOLLOW_UP_DAYS)
        if plan.follow_up_in is not None:
            follow_up = self.today + dt.timedelta(days=plan.follow_up_in)
        followed = None
        if plan.follow_up_in is None and follow_up < self.today:
            followed = min(follow_up + dt.timedelta(days=self.rng.randint(0, 3)), self.today)
        ended = dates.get("ended_on")
        going = None
        if followed:
            going = plan.state == S.STARTED or (plan.state == S.ENDED and ended > follow_up)
        referral = Referral.objects.create(
            case=case, municipality=self.municipality, initiative=initiative,
            state=plan.state, proposed_on=proposed, follow_up_on=follow_up,
            followed_up_on=followed, still_going=going,
            outcome_note=NOTES.get(plan.state, "") if followed else "",
            shared=["name", "phone"], assessment_invited_on=followed,
            handover_sent_at=dt.datetime.combine(proposed, dt.time(11), tzinfo=dt.UTC),
            created_by=self.caseworker, **dates,
        )  # fmt: skip
        stamp = dt.datetime.combine(proposed, dt.time(10), tzinfo=dt.UTC)
        Referral.objects.filter(pk=referral.pk).update(created_at=stamp)
        self.timeline(case, referral)
        return referral

    def timeline(self, case: Case, referral: Referral) -> None:
        """Each step of the referral on the case's timeline, on its own date (as the case
        page's referral actions would have put it there)."""
        kinds = [(getattr(referral, field), state, CaseEvent.Kind.REFERRAL)
                 for state, field in DATE_FIELD.items()]  # fmt: skip
        kinds.sort(key=lambda step: step[0] or dt.date.min)
        if referral.followed_up_on:
            kinds.append((referral.followed_up_on, referral.state,
                          CaseEvent.Kind.REFERRAL_FOLLOW_UP))  # fmt: skip
        CaseEvent.objects.bulk_create(
            CaseEvent(case=case, actor=self.caseworker, kind=kind, related_id=referral.pk,
                      referral_state=state, at=dt.datetime.combine(day, dt.time(11), tzinfo=dt.UTC))
            for day, state, kind in kinds if day
        )  # fmt: skip

    def dates(self, state: str, proposed: dt.date) -> dict[str, dt.date]:
        """The date of each step the referral went through, never after today."""

        def later(day: dt.date, low: int, high: int) -> dt.date:
            return min(day + dt.timedelta(days=self.rng.randint(low, high)), self.today)

        dates = {}
        if state == S.DECLINED:
            dates["declined_on"] = later(proposed, 1, 5)
        if state in (S.ACCEPTED, S.STARTED, S.ENDED, S.NOT_STARTED):
            dates["accepted_on"] = later(proposed, 1, 4)
        if state in (S.STARTED, S.ENDED):
            dates["started_on"] = later(dates["accepted_on"], 2, 8)
        if state == S.ENDED:
            dates["ended_on"] = later(dates["started_on"], 14, 28)
        if state == S.NOT_STARTED:
            dates["not_started_on"] = later(proposed, 20, 30)
        return dates

    def history(self, residents: list[Resident]) -> int:
        made = 0
        for index, ((concern, plans), resident) in enumerate(zip(HISTORY, residents, strict=False)):
            case = self.earlier_case(resident, concern, plans, index)
            first = self.today - dt.timedelta(days=plans[0].days_ago)
            self.measure(resident, first - dt.timedelta(days=self.rng.randint(2, 14)),
                         plans[0].before, case)  # fmt: skip
            if plans[0].change is not None:  # 46 to 70 days after the last referral
                last = self.today - dt.timedelta(days=plans[-1].days_ago)
                after = last + dt.timedelta(days=self.rng.randint(46, 70))
                self.measure(resident, after, plans[0].before + plans[0].change, case)
            made += sum(self.refer(case, plan) is not None for plan in plans)
        return made

    def recent(self) -> int:
        """A referral for each of the demo's referred and closed-supported cases."""
        cases = Case.objects.filter(municipality=self.municipality, state=CaseState.REFERRED)
        closed = Case.objects.filter(municipality=self.municipality, outcome=Outcome.SUPPORTED)
        made = 0
        # The referred cases first (their follow-ups are due soon), then the closed ones.
        for case, plan in zip((cases | closed).order_by("-state", "pk"), RECENT, strict=False):
            contact = timezone.localdate(case.first_contact_at or case.created_at)
            days_ago = min(plan.days_ago, max((self.today - contact).days - 1, 0))
            made += self.refer(case, dataclasses.replace(plan, days_ago=days_ago)) is not None
        return made

    def comparison(self, residents: list[Resident]) -> None:
        """Residents measured twice on a home visit, months apart, never referred."""
        for resident in residents[:4]:
            first = self.today - dt.timedelta(days=self.rng.randint(150, 300))
            before = self.rng.randint(3, 8)
            self.measure(resident, first, before)
            later = first + dt.timedelta(days=self.rng.randint(60, 120))
            self.measure(resident, later, before + self.rng.choice((-1, 0, 0, 1)))


def load_referral_demo(municipality, accounts: dict) -> int:
    """Referrals with outcomes for the demo (see the module docstring); how many were made."""
    # Made once: the earlier cases are there (the demo's own "refer" steps may make
    # referrals of their own, so their existence is not the sign).
    if Signal.objects.filter(municipality=municipality, concern=HISTORY[0][0]).exists():
        return 0
    demo = _Demo(municipality, accounts)
    if not demo.initiatives:
        return 0
    free = list(
        Resident.objects.filter(
            municipality=municipality, district__isnull=False, cases=None
        ).order_by("pk")
    )
    made = demo.recent()
    made += demo.history(free)
    demo.comparison(free[len(HISTORY) :])
    return made
