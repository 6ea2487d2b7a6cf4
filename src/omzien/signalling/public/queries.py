"""Reads of the public status page: by receipt code, not through the scoping layer (the code
is the reporter's credential and the page shows only the public status)."""

from __future__ import annotations

from omzien.signalling.models import AcceptedSignal, Signal


def _receipt_code(code: str) -> str:
    normalised = code.strip().upper().replace(" ", "")
    if len(normalised) == 8:
        normalised = f"{normalised[:4]}-{normalised[4:]}"
    return normalised


def signal_by_receipt(code: str) -> Signal | None:
    """For the public status page: the signal with this receipt code, or None."""
    return (
        Signal.objects.select_related("case", "municipality")
        .filter(receipt_code=_receipt_code(code))
        .first()
    )


def accepted_signal_by_receipt(code: str) -> AcceptedSignal | None:
    """For the public status page: a partner-API signal accepted under this receipt code and
    not yet processed into a signal (see intake/inbox.py), or None."""
    return (
        AcceptedSignal.objects.select_related("municipality")
        .filter(receipt_code=_receipt_code(code), processed_at__isnull=True)
        .only("receipt_code", "municipality")
        .first()
    )
