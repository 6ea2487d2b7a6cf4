"""The partner API's staged intake: accept, then process.

Accepting (``accept``, on the request path of ``POST /api/v1/signals/``) is one INSERT of a
``AcceptedSignal`` row: the validated fields, the organisation and municipality of the API key,
the Idempotency-Key, a hash of the body, a new receipt code and the crisis check (pure Python,
so the answer shows 112/113 at once). Nothing else is written while the partner waits.

Processing (``process_pending``, run by ``manage.py process_intake --loop``) turns each row
into a ``Signal`` through ``services.submit_signal`` (routing, joining an open case, case
event, audit, the coordinator's urgent e-mail) with the receipt code the partner already has,
marks the row processed, links the signal and empties the payload, all in one transaction per
row. Urgent rows go first. The row is claimed with ``SELECT ... FOR UPDATE SKIP LOCKED``, so
several processors (on several machines) may run at once and each row becomes one signal,
once: the claim, the signal and the mark commit together or not at all, and the signal's unique
(organisation, Idempotency-Key) and receipt code are a second guard. A row whose processing
fails keeps its payload, records the error and the attempt, and is retried after a growing
pause (``retry_pause``). On SQLite (one writer at a time) run one processor.

Exactly once for the partner: the unique constraint on (organisation, Idempotency-Key) of
``AcceptedSignal`` decides between concurrent requests with the same key, in the database, so a
retry gets the same receipt (before and after processing) and a retry with another body 422.

Receipt codes are unique across signals and intakes: the INSERT only takes a code that no
signal has (``WHERE NOT EXISTS``), and ``services.submit_signal`` draws codes for the other
channels that no intake has.

An unprocessed row older than ``STALE_AFTER`` is an operational alarm (it holds personal data
that retention cannot reach until it is a signal): the processor logs it as an error every
``STALE_LOG_EVERY``, the daily retention job logs it, and ``manage.py process_intake --check``
exits non-zero for monitoring. See docs/operations.md.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Min, Q
from django.utils import timezone

from omzien.core.observability.context import log_context
from omzien.signalling.intake import services
from omzien.signalling.intake.crisis import crisis_matches
from omzien.signalling.intake.signal_input import SignalInput
from omzien.signalling.models import (
    AcceptedSignal,
    ApiKey,
    Channel,
    Signal,
    SignallingSettings,
    new_receipt_code,
)

logger = logging.getLogger("omzien.intake")

#: An intake still unprocessed after this long is an alarm, not a queue.
STALE_AFTER = dt.timedelta(days=1)
#: How often the processor repeats the stale alarm in its log.
STALE_LOG_EVERY = dt.timedelta(minutes=10)
#: Pause before retrying a failed intake: 5 s, 10 s, 20 s, ... at most an hour.
RETRY_PAUSE_FIRST = dt.timedelta(seconds=5)
RETRY_PAUSE_MAX = dt.timedelta(hours=1)
#: How often ``accept`` draws a new receipt code when the one it drew is taken.
_CODE_DRAWS = 5


# --- Accept (the request path) --------------------------------------------------------------


@dataclass(frozen=True)
class Accepted:
    """The answer to a partner: the receipt, and whether it replays an earlier request."""

    receipt_code: str
    urgent: bool
    replayed: bool = False


class IdempotencyConflict(Exception):
    """The Idempotency-Key was used before with another body."""


#: Fields the processor fills in later; every other field of the model is in the INSERT, so a
#: field added to AcceptedSignal is written here too (``accept`` must then give its value).
_LATER_FIELDS = frozenset({"id", "processed_at", "signal", "retry_at"})


@functools.cache
def _insert_fields() -> tuple[str, ...]:
    return tuple(
        f.name for f in AcceptedSignal._meta.concrete_fields if f.name not in _LATER_FIELDS
    )


_insert_sql: dict[bool, str] = {}
#: Filled from the API key's row in the fast path's statement (``accept_with_key``).
_KEY_FIELDS = ("municipality", "organisation")


def _insert_statement(*, with_key: bool = False) -> str:
    """INSERT of one intake row, only when no signal already has its receipt code, and doing
    nothing when the (organisation, key) or the receipt code is already taken by an intake.
    ``with_key``: the municipality and organisation come from the unrevoked API key with the
    given prefix and keyed hash, and nothing is stored without one, nor for a municipality
    whose signalling point is not live. Works on PostgreSQL and
    SQLite (3.24+; the WHERE clause keeps SQLite's upsert parse unambiguous); built once from
    the model's metadata."""
    if with_key not in _insert_sql:
        qn = connection.ops.quote_name
        meta = AcceptedSignal._meta
        key_meta = ApiKey._meta

        def key_column(name: str) -> str:
            return f"k.{qn(key_meta.get_field(name).column)}"

        columns = ", ".join(qn(meta.get_field(name).column) for name in _insert_fields())
        values = ", ".join(
            key_column(name) if with_key and name in _KEY_FIELDS else "%s"
            for name in _insert_fields()
        )
        signal_table = qn(Signal._meta.db_table)
        signal_code = qn(Signal._meta.get_field("receipt_code").column)
        settings_meta = SignallingSettings._meta
        settings_column = settings_meta.get_field("municipality").column
        live = (
            f"EXISTS (SELECT 1 FROM {qn(settings_meta.db_table)} s WHERE "  # noqa: S608
            f"s.{qn(settings_column)} = {key_column('municipality')} "
            f"AND s.{qn(settings_meta.get_field('live_since').column)} IS NOT NULL)"
        )
        source = (
            f"FROM {qn(key_meta.db_table)} k WHERE {key_column('prefix')} = %s "
            f"AND {key_column('key_hash')} = %s AND {key_column('revoked_at')} IS NULL "
            f"AND {live} AND "
            if with_key
            else "WHERE "
        )
        # Names come from the model's metadata, every value is a parameter.
        _insert_sql[with_key] = (
            f"INSERT INTO {qn(meta.db_table)} ({columns}) SELECT {values} {source}"  # noqa: S608
            f"NOT EXISTS (SELECT 1 FROM {signal_table} WHERE {signal_code} = %s) "
            "ON CONFLICT DO NOTHING"
        )
    return _insert_sql[with_key]


#: Fields whose values need the database adapter (JSON, datetimes); the rest go as they are.
_ADAPTED_FIELDS = frozenset({"payload", "crisis_words", "created_at"})


def _insert(values: dict, key: tuple[str, str] | None = None) -> bool:
    """One statement (atomic by itself, also in autocommit): True when the row was stored.
    ``key``: (prefix, keyed hash) of the API key the row's organisation comes from."""
    get_field = AcceptedSignal._meta.get_field
    skip = _KEY_FIELDS if key is not None else ()
    params = [
        get_field(name).get_db_prep_save(values[name], connection)
        if name in _ADAPTED_FIELDS
        else values[name]
        for name in _insert_fields()
        if name not in skip
    ]
    if key is not None:
        params.extend(key)
    params.append(values["receipt_code"])
    with connection.cursor() as cursor:
        cursor.execute(_insert_statement(with_key=key is not None), params)
        return cursor.rowcount == 1


def _values(data: SignalInput, **fields) -> dict:
    matches = crisis_matches(data.concern, data.person_name)
    return fields | {
        "payload": payload_of(data),
        "urgent": bool(matches),
        "crisis_words": matches,
        "created_at": timezone.now(),
        "attempts": 0,
        "error": "",
    }


def accept_with_key(
    *, key_prefix: str, key_hash: str, idempotency_key: str, request_hash: str, data: SignalInput
) -> Accepted | None:
    """``accept`` for the partner API's fast path, with the API key checked in the same
    statement: one round trip instead of two. The row takes the municipality and organisation
    of the unrevoked key with this prefix and keyed hash (an HMAC of a random key, so comparing
    it in the database tells an attacker nothing). None when nothing was stored: no such key,
    a municipality that is not live, the Idempotency-Key used before, or a taken receipt
    code; the caller then authenticates and calls ``accept``, which tells those apart."""
    values = _values(
        data,
        idempotency_key=idempotency_key,
        request_hash=request_hash,
        channel=Channel.PARTNER_API,
        receipt_code=new_receipt_code(),
    )
    if _insert(values, key=(key_prefix, key_hash)):
        return Accepted(values["receipt_code"], values["urgent"])
    return None


def accept(
    *,
    municipality_id: int,
    organisation_id: int,
    idempotency_key: str,
    request_hash: str,
    data: SignalInput,
    channel: str = Channel.PARTNER_API,
) -> Accepted:
    """Store a validated signal for processing; one INSERT. A retry with the same key and body
    gets the earlier receipt (``replayed``); another body raises IdempotencyConflict."""
    values = _values(
        data,
        municipality=municipality_id,
        organisation=organisation_id,
        idempotency_key=idempotency_key,
        request_hash=request_hash,
        channel=channel,
    )
    if connection.vendor not in ("postgresql", "sqlite"):  # pragma: no cover
        raise NotImplementedError("The intake INSERT is written for PostgreSQL and SQLite.")
    for _draw in range(_CODE_DRAWS):
        values["receipt_code"] = new_receipt_code()
        if _insert(values):
            return Accepted(values["receipt_code"], values["urgent"])
        # Nothing stored: the key was used before (a retry, or a concurrent request that
        # committed first), or, vanishingly rarely, the receipt code is taken: draw again.
        earlier = (
            AcceptedSignal.objects.filter(
                organisation_id=organisation_id, idempotency_key=idempotency_key
            )
            .values_list("receipt_code", "urgent", "request_hash")
            .first()
        )
        if earlier is not None:
            code, urgent, earlier_hash = earlier
            if earlier_hash != request_hash:
                raise IdempotencyConflict(idempotency_key)
            return Accepted(code, urgent, replayed=True)
    raise RuntimeError("No free receipt code found; the signal was not stored.")


def payload_of(data: SignalInput) -> dict:
    """The JSON payload of an accepted signal: every field of the SignalInput."""
    return data.as_payload()


def signal_input(payload: dict) -> SignalInput:
    return SignalInput.from_values(payload)


# --- Process (the processor) ------------------------------------------------------------------


@dataclass
class ProcessCounts:
    processed: int = 0
    failed: int = 0


def retry_pause(attempts: int) -> dt.timedelta:
    doublings = min(max(attempts - 1, 0), 20)  # 5 s * 2**20 is far past the cap already
    return min(RETRY_PAUSE_FIRST * 2**doublings, RETRY_PAUSE_MAX)


def pending(now: dt.datetime | None = None):
    """Unprocessed intakes that may be tried now, urgent first, then oldest first."""
    now = now or timezone.now()
    return (
        AcceptedSignal.objects.filter(processed_at__isnull=True)
        .filter(Q(retry_at__isnull=True) | Q(retry_at__lte=now))
        .order_by("-urgent", "pk")
    )


def process_one(now: dt.datetime | None = None) -> str | None:
    """Claim the next intake and turn it into a signal, in one transaction.

    Returns "processed", "failed" (error recorded, retried later) or None (nothing to do).
    """
    with transaction.atomic():
        intake = (
            pending(now)
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("municipality", "organisation")
            .first()
        )
        if intake is None:
            return None
        # Every log record of this intake carries its id (never its contents).
        with log_context(intake_id=intake.pk):
            return _process_claimed(intake)


def _process_claimed(intake: AcceptedSignal) -> str:
    """Turn a claimed intake into a signal (inside ``process_one``'s transaction)."""
    try:
        # submit_signal runs in a savepoint of this transaction: a failure undoes the
        # signal and keeps the claim, so the failure can be recorded on the row.
        result = services.submit_signal(
            actor=None,
            municipality=intake.municipality,
            channel=intake.channel,
            data=signal_input(intake.payload),
            organisation=intake.organisation,
            idempotency_key=intake.idempotency_key,
            request_hash=intake.request_hash,
            receipt_code=intake.receipt_code,
            received_at=intake.created_at,
        )
    except Exception as exc:  # noqa: BLE001 - any failure is recorded and retried
        intake.attempts += 1
        intake.error = f"{type(exc).__name__}: {exc}"[:2000]
        intake.retry_at = timezone.now() + retry_pause(intake.attempts)
        intake.save(update_fields=["attempts", "error", "retry_at"])
        logger.exception(
            "intake %s failed (attempt %s); retry from %s",
            intake.pk,
            intake.attempts,
            intake.retry_at.isoformat(timespec="seconds"),
        )
        return "failed"
    intake.processed_at = timezone.now()
    intake.signal = result.signal
    intake.payload = {}  # the signal holds the data now; retention erases it there
    intake.error = ""
    intake.retry_at = None
    intake.save(update_fields=["processed_at", "signal", "payload", "error", "retry_at"])
    return "processed"


def process_pending(limit: int = 100) -> ProcessCounts:
    """Process up to ``limit`` intakes (each in its own transaction); stops early when none
    is left that may be tried now. Safe to run in several processes at once."""
    counts = ProcessCounts()
    for _ in range(limit):
        outcome = process_one()
        if outcome is None:
            break
        setattr(counts, outcome, getattr(counts, outcome) + 1)
    return counts


# --- Monitoring ------------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueState:
    pending: int
    failing: int
    stale: int
    oldest: dt.datetime | None

    @property
    def alarm(self) -> bool:
        return self.stale > 0


def queue_state(now: dt.datetime | None = None) -> QueueState:
    now = now or timezone.now()
    unprocessed = AcceptedSignal.objects.filter(processed_at__isnull=True)
    return QueueState(
        pending=unprocessed.count(),
        failing=unprocessed.filter(attempts__gt=0).count(),
        stale=unprocessed.filter(created_at__lt=now - STALE_AFTER).count(),
        oldest=unprocessed.aggregate(oldest=Min("created_at"))["oldest"],
    )


def log_if_stale(now: dt.datetime | None = None) -> QueueState:
    """Log an error when intakes wait longer than STALE_AFTER (counts only, no data)."""
    state = queue_state(now)
    if state.alarm:
        logger.error(
            "ALARM: %s partner-API signal(s) unprocessed for more than %s (oldest from %s, "
            "%s failing); see docs/operations.md, 'Staged intake'",
            state.stale,
            STALE_AFTER,
            state.oldest.isoformat(timespec="seconds") if state.oldest else "-",
            state.failing,
        )
    return state
