"""The signalling point's part of the demo municipality: signals from every channel about
some of the demo residents, and cases at every step of the workflow, so the first start shows
a queue, a case page, an overview and a reporter's list that work.

Everything goes through the real services (intake, the gate), so the demo is what a week of
use would leave behind. Registered as a ``core.extensions.DemoLoader``; it makes nothing when
the demo municipality already has a case.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import F

from omzien.core.models import Organisation, Resident
from omzien.signalling.cases import services
from omzien.signalling.cases.workflow import Outcome
from omzien.signalling.intake.services import submit_signal
from omzien.signalling.intake.signal_input import SignalInput
from omzien.signalling.models import Case, CaseEvent, Channel, Signal
from omzien.signalling.setup.live import open_signalling_point


@dataclass(frozen=True)
class DemoSignal:
    channel: str
    concern: str
    signs: tuple[str, ...] = ()
    relation: str = "neighbour"
    reporter: str = ""  # a demo username, for channels with a logged-in reporter
    steps: tuple[str, ...] = ()  # how far the case got: assign, attempt, consent, start, ...


DEMO_SIGNALS = [
    DemoSignal(Channel.PUBLIC_FORM, "Ik zie mijn buurvrouw al weken niet meer buiten.",
               ("not_seen_outside", "curtains_closed")),
    DemoSignal(Channel.PARTNER_LINK, "Meneer vertelde bij de apotheek dat hij niemand spreekt.",
               relation="professional"),
    DemoSignal(Channel.REPORTER, "De brievenbus puilt uit en het licht brandt overdag.",
               ("letterbox_full", "lights_on_daytime"), reporter="signaleerder"),
    DemoSignal(Channel.PHONE, "Dochter belt: moeder is sinds de dood van vader erg alleen.",
               ("life_event",), "family", reporter="kartrekker", steps=("assign",)),
    DemoSignal(Channel.PUBLIC_FORM, "Mevrouw komt niet meer naar de koffieochtend.",
               ("stopped_activities",), "friend", steps=("assign", "attempt_missed")),
    DemoSignal(Channel.SELF_REFERRAL, "Ik zou graag wat vaker onder de mensen komen.",
               relation="self", steps=("assign", "attempt", "consent", "start")),
    DemoSignal(Channel.PUBLIC_FORM, "De tuin raakt verwaarloosd, dat was vroeger nooit zo.",
               ("neglected_home",), steps=("assign", "attempt", "consent", "start", "refer")),
    DemoSignal(Channel.REPORTER, "Meneer zegt dat hij zich erg eenzaam voelt sinds de verhuizing.",
               reporter="signaleerder",
               steps=("assign", "attempt", "consent", "start", "close_supported")),
    DemoSignal(Channel.PUBLIC_FORM, "Ik maak me zorgen, ze neemt de telefoon nooit op.",
               steps=("assign", "attempt_missed", "attempt_missed", "attempt_missed",
                      "close_unreachable")),
]  # fmt: skip


MISSED_ROUTES = ("phone", "letter", "visit")


def _one_day_earlier(case: Case) -> None:
    """Move what happened on the case so far one day into the past, so that the demo's
    steps lie a day apart (unreachable needs attempts spread over days)."""
    day = dt.timedelta(days=1)
    Case.objects.filter(pk=case.pk).update(
        created_at=F("created_at") - day,
        contact_deadline=F("contact_deadline") - day,
        first_contact_at=F("first_contact_at") - day,
    )
    Signal.objects.filter(case=case).update(created_at=F("created_at") - day)
    CaseEvent.objects.filter(case=case).update(at=F("at") - day)
    case.refresh_from_db()


def _step(name: str, case: Case, coordinator, caseworker) -> None:
    if name == "assign":
        services.assign_case(actor=coordinator, case=case, caseworker=caseworker)
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
    elif name.startswith("close_"):
        outcome = Outcome.SUPPORTED if name == "close_supported" else Outcome.UNREACHABLE
        services.close_case(actor=caseworker, case=case, outcome=outcome)


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
    for demo, resident in zip(DEMO_SIGNALS, own + residents, strict=False):
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
            organisation=partner if demo.channel == Channel.PARTNER_LINK else None,
        ).case
        for step in demo.steps:
            _one_day_earlier(case)
            _step(step, case, coordinator, caseworker)
    return min(len(DEMO_SIGNALS), len(residents))


def caseworker_sees(caseworker, municipality, resident) -> bool:
    from omzien.core.scoping import caseworker_district_ids

    return resident.district_id in caseworker_district_ids(caseworker, municipality)
