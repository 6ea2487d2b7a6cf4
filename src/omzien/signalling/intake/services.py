"""Receiving a signal from any channel: route it, find the resident, join an open case or
open one, flag crisis text (``submit_signal``).

The function takes the acting user first (None for anonymous public intake), checks
permission through the scoping layer, runs in one transaction and writes the audit event.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from omzien.core import audit
from omzien.core.geo import lookup_postcode, normalise_postcode
from omzien.core.models import Municipality, Organisation, Resident, Team, User
from omzien.core.scoping import can, require
from omzien.signalling import notifications
from omzien.signalling.cases.workflow import OPEN_STATES
from omzien.signalling.intake.crisis import crisis_matches
from omzien.signalling.intake.signal_input import SignalInput
from omzien.signalling.models import (
    AcceptedSignal,
    Case,
    CaseEvent,
    Channel,
    PostcodeCheck,
    Signal,
    new_receipt_code,
)
from omzien.signalling.settings import settings_of

#: Channels a staff member uses on behalf of someone else (need the submit_signal role).
STAFF_CHANNELS = {Channel.PHONE, Channel.SELF_REFERRAL, Channel.HOME_VISIT, Channel.REPORTER}


@dataclass
class IntakeResult:
    signal: Signal
    case: Case
    joined_existing_case: bool
    urgent: bool
    created: bool = True


def contact_deadline(municipality: Municipality, urgent: bool, start: dt.datetime) -> dt.datetime:
    norms = settings_of(municipality)
    hours = norms.urgent_contact_hours if urgent else norms.first_contact_hours
    return start + dt.timedelta(hours=hours)


def postcode_check(postcode: str, municipality: Municipality, district) -> str:
    """Where the postcode lies, seen from ``municipality`` (marked on the signal): a postcode
    with a district of this municipality needs no look-up."""
    if district is not None and district.municipality_id == municipality.pk:
        return PostcodeCheck.IN_MUNICIPALITY
    area = lookup_postcode(postcode)
    if area is None:
        return PostcodeCheck.UNKNOWN
    if area.municipality_id != municipality.pk:
        return PostcodeCheck.ELSEWHERE
    return PostcodeCheck.IN_MUNICIPALITY


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


def _check_channel(actor, municipality: Municipality, channel: str) -> None:
    """Staff channels need a role; the public form and a partner link do not."""
    # Self-referral also comes in anonymously through the public form ("ik wil graag contact").
    anonymous_self_referral = channel == Channel.SELF_REFERRAL and actor is None
    if channel in STAFF_CHANNELS and not anonymous_self_referral:
        # A volunteer at the door reports through the home-visit channel only.
        visiting = channel == Channel.HOME_VISIT and can(actor, "record_visit", municipality)
        require(actor, "record_visit" if visiting else "submit_signal", municipality)


def _open_or_join_case(
    municipality: Municipality, resident: Resident, *, urgent: bool, received_at, now
) -> tuple[Case, bool]:
    """The resident's open case (made urgent if this signal is), or a new one."""
    district = resident.district  # derived from the postcode when the resident was saved
    case = (
        Case.objects.select_for_update()
        .filter(municipality=municipality, resident=resident, state__in=OPEN_STATES)
        .order_by("pk")
        .first()
    )
    if case is None:
        case = Case.objects.create(
            municipality=municipality,
            resident=resident,
            district=district,
            team=team_for(municipality, district),
            urgent=urgent,
            contact_deadline=contact_deadline(municipality, urgent, received_at),
            created_at=now,
        )
        return case, False
    if urgent and not case.urgent:
        case.urgent = True
        case.contact_deadline = min(
            case.contact_deadline, contact_deadline(municipality, True, received_at)
        )
        case.save(update_fields=["urgent", "contact_deadline", "updated_at"])
    return case, True


# Every value of the stored signal is named at the call: splitting them over objects would
# only hide which is which.
def _new_signal(  # noqa: PLR0913
    case: Case,
    resident: Resident,
    data: SignalInput,
    *,
    channel: str,
    actor,
    organisation,
    receipt_code: str,
    matches: list[str],
    idempotency_key: str,
    request_hash: str,
    now: dt.datetime,
) -> Signal:
    """The signal as stored: the address as the resident record has it, text trimmed."""
    return Signal(
        municipality=case.municipality,
        case=case,
        receipt_code=receipt_code or _free_receipt_code(),
        channel=channel,
        organisation=organisation,
        reporter=actor if getattr(actor, "is_authenticated", False) else None,
        postcode=resident.postcode,
        house_number=resident.house_number,
        house_number_addition=resident.house_number_addition,
        person_name=data.person_name.strip(),
        postcode_check=postcode_check(resident.postcode, case.municipality, resident.district),
        signs=list(dict.fromkeys(data.signs)),
        concern=data.concern.strip(),
        person_aware=data.person_aware or "unknown",
        relation=data.relation,
        reporter_name=data.reporter_name.strip(),
        reporter_email=data.reporter_email.strip(),
        reporter_phone=data.reporter_phone.strip(),
        urgent=bool(matches),
        crisis_words=matches,
        district=resident.district,
        idempotency_key=idempotency_key,
        request_hash=request_hash,
        created_at=now,
    )


def _store_signal(signal: Signal, *, idempotency_key: str, organisation) -> None:
    try:
        with transaction.atomic():
            signal.save()
    except IntegrityError:
        if idempotency_key and organisation is not None:
            raise DuplicateIdempotencyKey(idempotency_key) from None
        raise


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

    ``receipt_code``: the code the reporter already has (the partner API's inbox,
    ``intake/inbox.py``); without it a new code is drawn that no signal and no accepted signal
    has. ``received_at``: when the reporter handed the signal in, if earlier than now (the
    inbox); the first-contact deadline counts from then.
    """
    _check_channel(actor, municipality, channel)
    now = timezone.now()
    received_at = min(received_at or now, now)
    matches = crisis_matches(data.concern, data.person_name)
    urgent = bool(matches)
    resident = _find_or_create_resident(municipality, data)
    case, joined = _open_or_join_case(
        municipality, resident, urgent=urgent, received_at=received_at, now=now
    )
    signal = _new_signal(
        case,
        resident,
        data,
        channel=channel,
        actor=actor,
        organisation=organisation,
        receipt_code=receipt_code,
        matches=matches,
        idempotency_key=idempotency_key,
        request_hash=request_hash,
        now=now,
    )
    _store_signal(signal, idempotency_key=idempotency_key, organisation=organisation)
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
            or AcceptedSignal.objects.filter(receipt_code=code).exists()
        )
        if not taken:
            return code


class DuplicateIdempotencyKey(Exception):
    """Another request with this Idempotency-Key won the race; the caller replays its answer."""
