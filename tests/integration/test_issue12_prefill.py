"""Issue 12 across the apps: every pre-filled answer of the real questionnaire equals the
figure counted by hand over the records of the other apps (signalling, assessment, visits,
social map, coalition), for the benchmark period: the 12 months before the questionnaire opens
(2026: 1 September 2025 up to 1 September 2026, exclusive). Records just outside the period
are made too; they must not count. No figure is replaced by a test figure."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from omzien.assessment.models import Assessment
from omzien.benchmark.models import AnswerSource, Sector
from omzien.benchmark.questionnaire import services
from omzien.benchmark.questionnaire.definition import ensure_questionnaire
from omzien.benchmark.questionnaire.prefill import benchmark_period
from omzien.benchmark.tests.factories_coalition import (
    coalition_member,
    kartrekker,
    participation,
    partnership,
)
from omzien.benchmark.tests.factories_questionnaire import IN_WINDOW, on_day
from omzien.core.models import Municipality
from omzien.core.roles import Role
from omzien.core.tests.factories import member
from omzien.signalling.models import Case
from omzien.signalling.tests.factories import file_signal
from omzien.socialmap.tests.factories import initiative
from omzien.visits.tests.factories import address, attempt, visit_round

pytestmark = [pytest.mark.django_db, pytest.mark.issue(12)]

AMS = ZoneInfo("Europe/Amsterdam")
D = dt.date
INHABITANTS = 6000
#: Days inside the benchmark period of 2026 and just outside it: six signals, so that every
#: figure has 5 or more records and may be filled in (a smaller one is left to the
#: municipality: core/suppression.py, tests/../test_questionnaire_prefill_few.py). The last
#: deadline (48 hours after the signal) still falls in the period.
IN = (D(2025, 9, 1), D(2025, 11, 3), D(2026, 1, 7), D(2026, 2, 10), D(2026, 5, 4), D(2026, 8, 20))
#: Before: its deadline (48 hours later) is still before the period too.
BEFORE, AFTER = D(2025, 8, 29), D(2026, 9, 1)


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=AMS)


def _signals(small) -> list[Case]:
    """Signals through the intake service, each on its day; returns the cases of those in
    the period."""
    postcode = small.postcode_in(small.districts[1])
    cases = []
    for number, day in enumerate((*IN, BEFORE, AFTER), start=1):
        with time_machine.travel(at(day), tick=False):
            result = file_signal(small.municipality, postcode=postcode, house_number=str(number))
        if day in IN:
            cases.append(result.case)
    return cases


def _first_contacts(cases: list[Case]) -> tuple[int, int]:
    """Contact five of the six cases: 10, 20, 30 and 40 hours after the signal (within the
    norm of 48 hours) and 100 hours (late); the sixth is never reached (outside the norm).
    Returns (within, due) counted by hand: every case's deadline has passed in the period."""
    within = 0
    for found, hours in zip(cases[:5], (10, 20, 30, 40, 100), strict=True):
        found.refresh_from_db()
        contact = found.created_at + dt.timedelta(hours=hours)
        Case.objects.filter(pk=found.pk).update(first_contact_at=contact)
        within += contact <= found.contact_deadline
    return within, len(cases)


def _assess(case: Case, day: dt.date, total: int) -> None:
    Assessment.objects.create(
        municipality=case.municipality, resident=case.resident, instrument="djg11", answers={},
        total=total, kind="unknown", taken_on=day, context="case", context_id=case.pk,
    )  # fmt: skip


def _before_and_after(cases: list[Case]) -> int:
    """Two cases with an assessment before and 42+ days after help in the period; one whose
    follow-up came too soon (30 days) does not count."""
    _assess(cases[0], D(2025, 10, 1), 8)
    _assess(cases[0], D(2025, 12, 1), 4)
    _assess(cases[1], D(2026, 1, 5), 7)
    _assess(cases[1], D(2026, 3, 1), 6)
    _assess(cases[2], D(2026, 2, 1), 9)
    _assess(cases[2], D(2026, 3, 3), 3)  # 30 days later: no "after"
    return 2


def _home_visits(small) -> tuple[int, float]:
    """A round running in the period with 6 addresses that got a letter: 2 visited, 1
    declined, 1 not home, 2 not tried; a visit in a round before the period does not count.
    A round in preparation does not count. Returns (visits done, reach %: visited of the
    letters sent, as the round's progress page shows "Bezocht van brieven")."""
    running = visit_round(small.municipality, starts_on=D(2026, 3, 1), ends_on=D(2026, 5, 31))
    sent = at(D(2026, 2, 20))
    addresses = [
        address(running, district=small.districts[1], letter_sent_at=sent) for _ in range(6)
    ]
    attempt(addresses[0], "visited", at=at(D(2026, 3, 10)))
    attempt(addresses[1], "visited", at=at(D(2026, 3, 12)))
    attempt(addresses[2], "declined", at=at(D(2026, 3, 12)))
    attempt(addresses[3], "not_home", at=at(D(2026, 3, 13)))
    earlier = visit_round(
        small.municipality, name="Vorige ronde", starts_on=D(2025, 5, 1),
        ends_on=D(2025, 7, 31), status="closed",
    )  # fmt: skip
    attempt(address(earlier), "visited", at=at(D(2025, 6, 1)))
    preparing = visit_round(small.municipality, name="Nog niet", status="preparing")
    address(preparing)
    done = 2
    reach = 100 * 2 / 6  # visited, of the letters sent
    return done, reach


def _catalogue(small) -> int:
    """Published initiatives offering meeting, practical support, meaningful role, meaningful
    activity and meaningful contact; a draft with social skills does not count."""
    org = small.organisation
    initiative(org, kinds=["meeting", "practical_support"], status="published")
    initiative(org, name="Maatjes", kinds=["meeting", "meaningful_role"], status="published")
    initiative(org, name="Tuin", kinds=["meaningful_activity"], status="published")
    initiative(org, name="Bellen", kinds=["meaningful_contact"], status="published")
    initiative(org, name="Cursus", kinds=["social_skills"], status="draft")
    return 5


def _coalition(small) -> dict[str, float]:
    town = small.municipality
    coalition_member(town, sector=Sector.WELFARE)
    coalition_member(town, sector=Sector.WELFARE)
    coalition_member(town, sector=Sector.CARE)
    coalition_member(town, sector=Sector.HOUSING, joined_on=D(2026, 3, 1))
    coalition_member(town, sector=Sector.EDUCATION)
    coalition_member(town, sector=Sector.BUSINESS)
    coalition_member(town, sector=Sector.SPORT_CULTURE, left_on=D(2026, 6, 1))  # left
    coalition_member(town, sector=Sector.RETAIL, joined_on=D(2026, 9, 10))  # after
    kartrekker(town, hours="12.5")
    first, second, *others, ended = [partnership() for _ in range(6)]
    participation(town, first)
    participation(town, second, since=D(2026, 4, 1))
    for other in others:
        participation(town, other)
    participation(town, ended, ended_on=D(2026, 2, 1))  # ended
    return {"partners": 6, "sectors": 5, "hours": 12.5, "national": 5}


def test_every_prefilled_answer_equals_the_figure_counted_by_hand(small_municipality):
    small = small_municipality
    town = small.municipality
    Municipality.objects.filter(pk=town.pk).update(key_figures={"aantal_inwoners": INHABITANTS})
    questionnaire = ensure_questionnaire(2026)
    assert benchmark_period(questionnaire) == (D(2025, 9, 1), D(2026, 9, 1))

    cases = _signals(small)
    within, due = _first_contacts(cases)
    pairs = _before_and_after(cases)
    visits_done, reach = _home_visits(small)
    kinds = _catalogue(small)
    coalition = _coalition(small)

    policy = member(Role.POLICY, town)
    with on_day(IN_WINDOW):
        response = services.open_response(
            actor=policy, municipality=town, questionnaire=questionnaire
        )
    answers = {a.question.code: a for a in response.answers.select_related("question")}

    expected = {
        "network.partners": coalition["partners"],
        "network.sectors": coalition["sectors"],
        "network.kartrekker_hours": coalition["hours"],
        "network.national_partners": coalition["national"],
        "people.home_visits": visits_done > 0,
        "people.home_visit_reach": round(reach, 1),
        "people.signalling_point": len(IN) > 0,
        "people.signals_per_1000": round(1000 * len(IN) / INHABITANTS, 1),
        "people.contact_within_norm": round(100 * within / due, 1),
        "sustainable.activity_kinds": kinds,
        "monitoring.effect_measured": pairs > 0,
    }
    prefilled = set(questionnaire.questions.exclude(prefill_key="").values_list("code", flat=True))
    assert prefilled == set(expected), "a pre-filled question of the questionnaire is not checked"
    assert {code: answers[code].value for code in expected if code in answers} == expected
    for code in expected:
        assert answers[code].source == AnswerSource.PREFILLED
        assert answers[code].prefilled_value == answers[code].value
    # The reach counts those visited of the letters sent (2 of 6; the one who declined at the
    # door was not visited): the question asks just that.
    question = questionnaire.questions.get(code="people.home_visit_reach")
    assert "kreeg een huisbezoek" in question.text
    # The hand counts themselves, so that the expected answers above are not vacuous.
    assert (visits_done, round(reach, 1), within, due, pairs) == (2, 33.3, 4, 6, 2)
    assert expected["people.signals_per_1000"] == 1.0  # 6 signals per 6,000 inhabitants
