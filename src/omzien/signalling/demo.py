"""The signalling point's part of the demo municipality: signals from every channel about
some of the demo residents, and cases at every step of the workflow, so the first start shows
a queue, a case page, an overview and a reporter's list that work.

Everything goes through the real services (intake, the gate), so the demo is what a week of
use would leave behind. Registered as a ``core.extensions.DemoLoader``; it makes nothing when
the demo municipality already has a case.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import F
from django.utils import timezone

from omzien.assessment.services import record_assessment
from omzien.core.models import Organisation, Resident
from omzien.signalling.cases import services
from omzien.signalling.cases.actions import Action, verdict
from omzien.signalling.cases.workflow import CaseState, Outcome
from omzien.signalling.demo_data import ASSESSMENT_TREND, DEMO_SIGNALS
from omzien.signalling.intake.services import submit_signal
from omzien.signalling.intake.signal_input import SignalInput
from omzien.signalling.models import Case, CaseEvent, Channel, Signal
from omzien.signalling.setup.live import open_signalling_point

PARTNER_CHANNELS = (Channel.PARTNER_LINK, Channel.PARTNER_API)
MISSED_ROUTES = ("phone", "letter", "visit")


def _earlier(case: Case, days: int = 1, hours: int = 0) -> None:
    """Move what happened on the case so far ``days`` (and ``hours``) into the past, so that
    the demo's steps lie a day apart (unreachable needs attempts spread over days)."""
    day = dt.timedelta(days=days, hours=hours)
    Case.objects.filter(pk=case.pk).update(
        created_at=F("created_at") - day,
        contact_deadline=F("contact_deadline") - day,
        first_contact_at=F("first_contact_at") - day,
        closed_at=F("closed_at") - day,
        updated_at=F("updated_at") - day,
    )
    Signal.objects.filter(case=case).update(created_at=F("created_at") - day)
    CaseEvent.objects.filter(case=case).update(at=F("at") - day)
    case.refresh_from_db()


NOTES = {
    "note": "Kort gesprek aan de deur. Ze vertelt dat haar dochter ver weg woont en dat de "
    "dagen lang zijn. Ze wil graag iemand om mee te wandelen.",
}
CLOSE_OUTCOMES = {
    "close_supported": Outcome.SUPPORTED,
    "close_unreachable": Outcome.UNREACHABLE,
    "close_no_concern": Outcome.NO_CONCERN,
    "close_declined": Outcome.DECLINED,
}


def _step(name: str, case: Case, coordinator, caseworker) -> None:  # noqa: C901, PLR0912
    if name == "assign":
        services.assign_case(actor=coordinator, case=case, caseworker=caseworker)
    elif name == "take":
        if verdict(case, caseworker, Action.TAKE).allowed:
            services.take_case(actor=caseworker, case=case)
        else:  # not of the demo caseworker's team: the coordinator assigns it
            services.assign_case(actor=coordinator, case=case, caseworker=caseworker)
    elif name == "note":
        services.add_note(actor=caseworker, case=case, text=NOTES["note"])
    elif name == "reopen":
        services.reopen_case(actor=caseworker, case=case, note="Nieuwe melding van de buren.")
    elif name == "attempt":
        services.log_attempt(actor=caseworker, case=case, method="visit", reached=True)
    elif name == "attempt_missed":
        # Unreachable needs attempts by more than one route (the municipality's rule).
        missed = case.events.filter(kind=CaseEvent.Kind.ATTEMPT, reached=False).count()
        method = MISSED_ROUTES[missed % len(MISSED_ROUTES)]
        services.log_attempt(actor=caseworker, case=case, method=method, reached=False)
    elif name == "consent":
        services.record_consent(
            actor=caseworker, case=case, scope="Verdere ondersteuning", how="verbal"
        )
    elif name == "start":
        services.perform(actor=caseworker, case=case, action=services.Action.START)
    elif name == "refer":
        services.perform(actor=caseworker, case=case, action=services.Action.REFER)
    elif name in CLOSE_OUTCOMES:
        note = "Niemand bereikt; huisarts ingelicht." if case.urgent else ""
        services.close_case(actor=caseworker, case=case, outcome=CLOSE_OUTCOMES[name], note=note)


def load_signalling_demo(municipality, accounts: dict) -> int:
    """Signals and cases for the demo (see the module docstring); the number of signals."""
    coordinator, caseworker = accounts["kartrekker"], accounts["welzijnswerker"]
    # The demo's signalling point is open; districts without a team go to the coordinator.
    open_signalling_point(actor=coordinator, municipality=municipality, accept_fallback=True)
    if Case.objects.filter(municipality=municipality).exists():
        return 0
    # A partner organisation of the demo (not the welfare organisation, the first one).
    partner = Organisation.objects.filter(municipality=municipality).order_by("pk")[1:2].first()
    residents = list(
        Resident.objects.filter(municipality=municipality, district__isnull=False).order_by("pk")
    )
    # Cases the demo caseworker may work on: residents of Team Noord's districts first.
    own = [r for r in residents if caseworker_sees(caseworker, municipality, r)]
    for index, (demo, resident) in enumerate(zip(DEMO_SIGNALS, own + residents, strict=False)):
        data = SignalInput.from_values(
            {
                "postcode": resident.postcode,
                "house_number": resident.house_number,
                "person_name": resident.name,
                "concern": demo.concern,
                "signs": list(demo.signs),
                "relation": demo.relation,
            }
        )
        case = submit_signal(
            actor=accounts.get(demo.reporter),
            municipality=municipality,
            channel=demo.channel,
            data=data,
            organisation=partner if demo.channel in PARTNER_CHANNELS else None,
        ).case
        for number, step in enumerate(demo.steps):
            # Two in three cases are assigned 18 hours after the signal, so that their first
            # contact a day later falls within the 48-hour norm; the others are late.
            _earlier(case, *((0, 18) if number == 0 and index % 3 else (1, 0)))
            _step(step, case, coordinator, caseworker)
        if demo.age:
            _earlier(case, demo.age)
        if case.state in (CaseState.IN_PROGRESS, CaseState.REFERRED) or (
            case.outcome == Outcome.SUPPORTED
        ):
            _assessment_history(case.resident, caseworker)
    return min(len(DEMO_SIGNALS), len(residents))


def _assessment_history(resident, caseworker) -> None:
    """Four measurements over a year: the trend on the resident page."""
    today = timezone.localdate()
    for months, answers in ASSESSMENT_TREND:
        record_assessment(
            actor=caseworker,
            resident=resident,
            instrument="djg11",
            answers=answers,
            taken_on=today - dt.timedelta(days=30 * months),
        )


def caseworker_sees(caseworker, municipality, resident) -> bool:
    from omzien.core.scoping import caseworker_district_ids

    return resident.district_id in caseworker_district_ids(caseworker, municipality)
