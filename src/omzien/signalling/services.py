"""Every write of the signalling point: intake, triage, and the case actions.

Each function takes the acting user first (None for anonymous public intake), checks
permission through the scoping layer, runs in one transaction and writes the audit event.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from omzien.core import audit
from omzien.core.geo import normalise_postcode
from omzien.core.models import Municipality, Organisation, Resident, Team, User
from omzien.core.scoping import can, require, roles_in
from omzien.signalling import notifications
from omzien.signalling.crisis import crisis_matches
from omzien.signalling.models import (
    Case,
    CaseEvent,
    Channel,
    Signal,
    SignalIntake,
    new_receipt_code,
)
from omzien.signalling.workflow import OPEN_STATES, CaseState, Outcome, TransitionError

#: Channels a staff member uses on behalf of someone else (need the submit_signal role).
STAFF_CHANNELS = {Channel.PHONE, Channel.SELF_REFERRAL, Channel.HOME_VISIT, Channel.REPORTER}


@dataclass
class SignalInput:
    """What a reporter tells us. Only postcode, house number and a concern are required."""

    postcode: str
    house_number: str
    house_number_addition: str = ""
    person_name: str = ""
    signs: list[str] = field(default_factory=list)
    concern: str = ""
    person_aware: str = "unknown"
    relation: str = ""
    reporter_name: str = ""
    reporter_email: str = ""
    reporter_phone: str = ""


@dataclass
class IntakeResult:
    signal: Signal
    case: Case
    joined_existing_case: bool
    urgent: bool
    created: bool = True


def contact_deadline(municipality: Municipality, urgent: bool, start: dt.datetime) -> dt.datetime:
    hours = municipality.urgent_contact_hours if urgent else municipality.first_contact_hours
    return start + dt.timedelta(hours=hours)


def team_for(municipality: Municipality, district) -> Team | None:
    """The team that serves a district (the routing table); None: the coordinator routes it."""
    if district is None:
        return None
    return Team.objects.filter(municipality=municipality, districts=district).order_by("pk").first()


def _lock_address(municipality, postcode: str, number: str, addition: str) -> None:
    """Serialise intake per address until the transaction ends (PostgreSQL advisory lock):
    two signals about the same person processed at the same moment (several intake
    processors, web processes) must find one resident and join one case, not open two. SQLite
    has one writer at a time and needs no lock."""
    if connection.vendor != "postgresql":
        return
    address = f"{municipality.pk}|{postcode}|{number}|{addition}".encode()
    key = int.from_bytes(hashlib.blake2b(address, digest_size=8).digest(), "big", signed=True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])


def _find_or_create_resident(municipality, data: SignalInput) -> Resident:
    postcode = normalise_postcode(data.postcode)
    number = data.house_number.strip()
    addition = data.house_number_addition.strip().upper()
    _lock_address(municipality, postcode, number, addition)
    resident = (
        Resident.objects.filter(
            municipality=municipality,
            postcode=postcode,
            house_number=number,
            house_number_addition=addition,
        )
        .order_by("pk")
        .first()
    )
    if resident is None:
        resident = Resident.objects.create(
            municipality=municipality,
            postcode=postcode,
            house_number=number,
            house_number_addition=addition,
            name=data.person_name.strip(),
        )
    elif data.person_name and not resident.name:
        resident.name = data.person_name.strip()
        resident.save(update_fields=["name", "updated_at"])
    return resident


@transaction.atomic
def submit_signal(
    *,
    actor: User | None,
    municipality: Municipality,
    channel: str,
    data: SignalInput,
    organisation: Organisation | None = None,
    idempotency_key: str = "",
    request_hash: str = "",
    receipt_code: str = "",
    received_at: dt.datetime | None = None,
) -> IntakeResult:
    """Receive one signal: route it, join an open case or open one, flag crisis text.

    ``receipt_code``: the code the reporter already has (the partner API's staged intake,
    ``intake.py``); without it a new code is drawn that no signal and no intake has.
    ``received_at``: when the reporter handed the signal in, if earlier than now (a staged
    intake); the first-contact deadline counts from then.
    """
    # Self-referral also comes in anonymously through the public form ("ik wil graag contact").
    anonymous_self_referral = channel == Channel.SELF_REFERRAL and actor is None
    if channel in STAFF_CHANNELS and not anonymous_self_referral:
        # A volunteer at the door reports through the home-visit channel only.
        visiting = channel == Channel.HOME_VISIT and can(actor, "record_visit", municipality)
        require(actor, "record_visit" if visiting else "submit_signal", municipality)
    now = timezone.now()
    received_at = min(received_at or now, now)
    matches = crisis_matches(data.concern, data.person_name)
    urgent = bool(matches)
    resident = _find_or_create_resident(municipality, data)
    district = resident.district  # derived from the postcode when the resident was saved
    team = team_for(municipality, district)
    case = (
        Case.objects.select_for_update()
        .filter(municipality=municipality, resident=resident, state__in=OPEN_STATES)
        .order_by("pk")
        .first()
    )
    joined = case is not None
    if case is None:
        case = Case.objects.create(
            municipality=municipality,
            resident=resident,
            district=district,
            team=team,
            urgent=urgent,
            contact_deadline=contact_deadline(municipality, urgent, received_at),
            created_at=now,
        )
    elif urgent and not case.urgent:
        case.urgent = True
        case.contact_deadline = min(
            case.contact_deadline, contact_deadline(municipality, True, received_at)
        )
        case.save(update_fields=["urgent", "contact_deadline", "updated_at"])
    signal = Signal(
        municipality=municipality,
        case=case,
        receipt_code=receipt_code or _free_receipt_code(),
        channel=channel,
        organisation=organisation,
        reporter=actor if getattr(actor, "is_authenticated", False) else None,
        postcode=resident.postcode,
        house_number=resident.house_number,
        house_number_addition=resident.house_number_addition,
        person_name=data.person_name.strip(),
        signs=list(dict.fromkeys(data.signs)),
        concern=data.concern.strip(),
        person_aware=data.person_aware or "unknown",
        relation=data.relation,
        reporter_name=data.reporter_name.strip(),
        reporter_email=data.reporter_email.strip(),
        reporter_phone=data.reporter_phone.strip(),
        urgent=urgent,
        crisis_words=matches,
        district=district,
        idempotency_key=idempotency_key,
        request_hash=request_hash,
        created_at=now,
    )
    try:
        with transaction.atomic():
            signal.save()
    except IntegrityError:
        if idempotency_key and organisation is not None:
            raise DuplicateIdempotencyKey(idempotency_key) from None
        raise
    CaseEvent.objects.create(
        case=case, at=now, actor=signal.reporter, kind=CaseEvent.Kind.SIGNAL, related_id=signal.pk
    )
    audit.record(
        "signal_received",
        actor=actor,
        obj=signal,
        resident=resident,
        channel=channel,
        case=case.pk,
        joined=joined,
        urgent=urgent,
    )
    if urgent:
        # robust: a mail server that is down must not turn a stored signal into an error
        # (Django logs the failure).
        transaction.on_commit(lambda: notifications.urgent_signal(signal), robust=True)
    return IntakeResult(signal=signal, case=case, joined_existing_case=joined, urgent=urgent)


def _free_receipt_code() -> str:
    """A receipt code that no signal and no accepted intake (partner API) has yet."""
    while True:
        code = new_receipt_code()
        taken = (
            Signal.objects.filter(receipt_code=code).exists()
            or SignalIntake.objects.filter(receipt_code=code).exists()
        )
        if not taken:
            return code


class DuplicateIdempotencyKey(Exception):
    """Another request with this Idempotency-Key won the race; the caller replays its answer."""


def _save(case: Case, *fields: str) -> None:
    case.save(update_fields=[*fields, "updated_at"])


@transaction.atomic
def assign_case(*, actor: User, case: Case, caseworker: User) -> Case:
    """Give a case to a caseworker of the same municipality."""
    require(actor, "assign_case", case)
    if "caseworker" not in roles_in(caseworker, case.municipality):
        raise TransitionError("Deze persoon is geen welzijnswerker in deze gemeente.")
    if case.state in (CaseState.NEW,):
        case.move_to(CaseState.ASSIGNED, by=actor)
    case.caseworker = caseworker
    _save(case, "caseworker", "state")
    CaseEvent.objects.create(
        case=case, actor=actor, kind=CaseEvent.Kind.ASSIGNMENT, related_id=caseworker.pk
    )
    audit.record(
        "case_assigned", actor=actor, obj=case, resident=case.resident_id, caseworker=caseworker.pk
    )
    return case


def _require_open(case: Case) -> None:
    if case.state == CaseState.CLOSED:
        raise TransitionError("Dit traject is afgesloten. Heropen het eerst.")


@transaction.atomic
def log_attempt(
    *, actor: User, case: Case, method: str, reached: bool, note: str = ""
) -> CaseEvent:
    """A contact attempt. The first one moves an assigned case to 'contacting'."""
    require(actor, "work_case", case)
    _require_open(case)
    if case.state == CaseState.NEW:
        raise TransitionError("Wijs het traject eerst toe.")
    if case.state == CaseState.ASSIGNED:
        case.move_to(CaseState.CONTACTING, by=actor)
    event = CaseEvent.objects.create(
        case=case,
        actor=actor,
        kind=CaseEvent.Kind.ATTEMPT,
        method=method,
        reached=reached,
        text=note,
    )
    if reached and case.first_contact_at is None:
        case.first_contact_at = event.at
    _save(case, "state", "first_contact_at")
    audit.record(
        "case_attempt_logged", actor=actor, obj=case, resident=case.resident_id, reached=reached
    )
    return event


@transaction.atomic
def add_note(*, actor: User, case: Case, text: str) -> CaseEvent:
    require(actor, "work_case", case)
    if not text.strip():
        raise TransitionError("Schrijf eerst iets op.")
    event = CaseEvent.objects.create(
        case=case, actor=actor, kind=CaseEvent.Kind.NOTE, text=text.strip()
    )
    _save(case)
    audit.record("case_note_added", actor=actor, obj=case, resident=case.resident_id)
    return event


@transaction.atomic
def record_consent(*, actor: User, case: Case, scope: str, how: str, given_at=None) -> CaseEvent:
    """The person's consent: to what, given how, when. Needed for every step after contact."""
    require(actor, "work_case", case)
    _require_open(case)
    if not scope.strip():
        raise TransitionError("Schrijf op waarvoor de persoon toestemming geeft.")
    event = CaseEvent.objects.create(
        case=case,
        actor=actor,
        kind=CaseEvent.Kind.CONSENT,
        consent_scope=scope.strip()[:200],
        consent_how=how,
        at=given_at or timezone.now(),
    )
    _save(case)
    audit.record("case_consent_recorded", actor=actor, obj=case, resident=case.resident_id, how=how)
    return event


def has_consent(case: Case) -> bool:
    return case.events.filter(kind=CaseEvent.Kind.CONSENT).exists()


def failed_attempts(case: Case) -> int:
    return case.events.filter(kind=CaseEvent.Kind.ATTEMPT, reached=False).count()


@transaction.atomic
def move_case(*, actor: User, case: Case, target: str, note: str = "") -> Case:
    """A plain move through the workflow (in progress, referred). Steps after first contact
    need the person's consent. Picking a reopened case up again (reopened -> in progress)
    does not: the table offers a reopened case no other way forward, and one closed as
    unreachable may never have had consent; referral still needs it."""
    require(actor, "work_case", case)
    if target == CaseState.CLOSED:
        raise TransitionError("Sluit een traject af met een uitkomst.")
    needs_consent = target == CaseState.REFERRED or (
        target == CaseState.IN_PROGRESS and case.state != CaseState.REOPENED
    )
    if needs_consent and not has_consent(case):
        raise TransitionError("Leg eerst de toestemming van de persoon vast.")
    case.move_to(target, by=actor, note=note)
    _save(case, "state")
    audit.record("case_moved", actor=actor, obj=case, resident=case.resident_id, to=target)
    return case


@transaction.atomic
def close_case(*, actor: User, case: Case, outcome: str, note: str = "") -> Case:
    require(actor, "work_case", case)
    if outcome not in Outcome.values:
        raise TransitionError("Kies een uitkomst om het traject af te sluiten.")
    if outcome == Outcome.UNREACHABLE:
        needed = case.municipality.unreachable_attempts
        if failed_attempts(case) < needed:
            raise TransitionError(
                f"'Niet bereikbaar' kan pas na {needed} contactpogingen zonder gehoor."
            )
    case.move_to(CaseState.CLOSED, by=actor, note=note)
    case.outcome = outcome
    case.closed_at = timezone.now()
    _save(case, "state", "outcome", "closed_at")
    audit.record("case_closed", actor=actor, obj=case, resident=case.resident_id, outcome=outcome)
    return case


@transaction.atomic
def reopen_case(*, actor: User, case: Case, note: str = "") -> Case:
    require(actor, "work_case", case)
    # Lock the row: retention may be erasing this very case in another process.
    list(Case.objects.select_for_update().filter(pk=case.pk).values_list("pk"))
    case.refresh_from_db(fields=["state", "personal_data_erased_at"])
    if case.personal_data_erased_at:
        raise TransitionError("De gegevens van dit traject zijn gewist; het kan niet meer open.")
    case.move_to(CaseState.REOPENED, by=actor, note=note)
    case.outcome = ""
    case.closed_at = None
    _save(case, "state", "outcome", "closed_at")
    audit.record("case_reopened", actor=actor, obj=case, resident=case.resident_id)
    return case
