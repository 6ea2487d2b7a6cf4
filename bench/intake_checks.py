"""Processing and checks of the intake benchmark: the drain of the backlog, the time from
acceptance to processing, and that every signal answered 201 is accepted and stored exactly
once with the receipt code it was answered with."""

from __future__ import annotations

import os
import time
from pathlib import Path

from bench.intake_server import Processor


def pending_intakes() -> int:
    from django.db import connections

    from omzien.signalling.models import AcceptedSignal

    count = AcceptedSignal.objects.filter(processed_at__isnull=True).count()
    connections.close_all()
    return count


def drain(env: dict[str, str], log: Path, processors: int) -> dict:
    """Run ``processors`` processes of ``manage.py process_intake`` (each exits when nothing is
    left) on the queue the load left behind; the processing throughput, wall clock."""
    backlog = pending_intakes()
    load_before = [round(x, 2) for x in os.getloadavg()]
    began = time.perf_counter()
    running = [Processor(env, log, loop=False) for _ in range(processors)]
    for processor in running:
        processor.start()
    codes = [processor.wait() for processor in running]
    seconds = time.perf_counter() - began
    left = pending_intakes()
    processed = backlog - left
    return {
        "processors": processors,
        "backlog": backlog,
        "processed": processed,
        "left": left,
        "seconds": round(seconds, 2),
        "per_s": round(processed / seconds, 1) if seconds else None,
        "exit_codes": codes,
        "load_average_before_after": [load_before, [round(x, 2) for x in os.getloadavg()]],
    }


def processing_lag(organisation_id: int, keys: list[str]) -> dict:
    """Seconds from accepting to processing, for the given keys (processed ones)."""
    from django.db import connections

    from omzien.signalling.models import AcceptedSignal

    lags = []
    for start in range(0, len(keys), 5000):
        rows = AcceptedSignal.objects.filter(
            organisation_id=organisation_id,
            idempotency_key__in=keys[start : start + 5000],
            processed_at__isnull=False,
        ).values_list("created_at", "processed_at")
        lags.extend((done - made).total_seconds() for made, done in rows)
    connections.close_all()
    lags.sort()

    def pct(p: float):
        if not lags:
            return None
        return round(lags[min(len(lags) - 1, max(0, round(p / 100 * len(lags)) - 1))] * 1000, 1)

    return {
        "processed": len(lags),
        "of": len(keys),
        "p50_ms": pct(50),
        "p99_ms": pct(99),
        "max_ms": round(lags[-1] * 1000, 1) if lags else None,
    }


def _stored(model, organisation_id: int, keys: list[str]) -> dict[str, list[str]]:
    from django.db import connections

    stored: dict[str, list[str]] = {}
    for start in range(0, len(keys), 5000):
        rows = model.objects.filter(
            organisation_id=organisation_id, idempotency_key__in=keys[start : start + 5000]
        ).values_list("idempotency_key", "receipt_code")
        for key, code in rows:
            stored.setdefault(key, []).append(code)
    connections.close_all()
    return stored


def stored_signals(organisation_id: int, keys: list[str]) -> dict[str, list[str]]:
    """idempotency key -> receipt codes of the signals stored under it (should be one)."""
    from omzien.signalling.models import Signal

    return _stored(Signal, organisation_id, keys)


def stored_intakes(organisation_id: int, keys: list[str]) -> dict[str, list[str]]:
    """idempotency key -> receipt codes of the accepted intakes under it (should be one)."""
    from omzien.signalling.models import AcceptedSignal

    return _stored(AcceptedSignal, organisation_id, keys)


def _compare(answered: dict[str, str], stored: dict[str, list[str]]) -> dict:
    lost = [k for k in answered if k not in stored]
    twice = [k for k, codes in stored.items() if len(codes) > 1]
    wrong = [k for k, code in answered.items() if k in stored and stored[k] != [code]]
    return {
        "lost": len(lost),
        "stored_twice": len(twice),
        "receipt_mismatch": len(wrong),
        "ok": not (lost or twice or wrong),
    }


def check_accepted(organisation_id: int, answered: dict[str, str]) -> dict:
    """Every key answered 201 is accepted once (one intake), with the answered code."""
    return {"answered_201": len(answered)} | _compare(
        answered, stored_intakes(organisation_id, list(answered))
    )


def check_exactly_once(organisation_id: int, answered: dict[str, str]) -> dict:
    """After processing: every key answered 201 is one signal, with the answered code."""
    return {"answered_201": len(answered)} | _compare(
        answered, stored_signals(organisation_id, list(answered))
    )


def answered_codes(outcomes) -> dict[str, str]:
    codes: dict[str, str] = {}
    for o in outcomes:
        if o.status == 201 and o.receipt_code:
            if o.key in codes and codes[o.key] != o.receipt_code:
                raise SystemExit(f"Two different receipt codes answered for key {o.key}")
            codes[o.key] = o.receipt_code
    return codes


# --- Main --------------------------------------------------------------------------------------
