"""What the soak (``bench/soak.py``) asks the database, in its own process (Django set up on
the scratch database by ``soak_stack.prepare_data``): the second-factor code of a demo
account, the intake backlog, and whether every signal sent was stored exactly once."""

from __future__ import annotations

import datetime as dt


def second_factor_code(username: str) -> str:
    """The current code of the account's authenticator app, computed from its device as the
    browser tests do (``core/totp.py``)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from omzien.core.totp import current_code

    return current_code(TOTPDevice.objects.get(user__username=username, confirmed=True))


def zeist_postcodes(slug: str) -> list[str]:
    from omzien.core.models import PostcodeArea

    areas = PostcodeArea.objects.filter(municipality__slug=slug, district__isnull=False)
    return sorted(areas.values_list("pc4", flat=True))


def pending_intake() -> int:
    """Partner-API signals accepted and not yet processed."""
    from omzien.signalling.models import AcceptedSignal

    return AcceptedSignal.objects.filter(processed_at__isnull=True).count()


def _stored(codes: list[str]) -> dict[str, int]:
    """How many signals carry each receipt code."""
    from django.db.models import Count

    from omzien.signalling.models import Signal

    counts: dict[str, int] = {}
    for start in range(0, len(codes), 1000):
        rows = (
            Signal.objects.filter(receipt_code__in=codes[start : start + 1000])
            .values("receipt_code")
            .annotate(n=Count("id"))
        )
        counts.update({row["receipt_code"]: row["n"] for row in rows})
    return counts


def signal_check(public: list[str], partner: list[str], since: dt.datetime) -> dict:
    """Every receipt code handed out (the public receipt page, the API's 201) must be exactly
    one signal of its channel; signals of those channels made during the soak beyond those
    (a request whose answer was lost) are counted as ``unanswered_but_stored``."""
    from omzien.signalling.models import Channel, Signal

    result: dict = {}
    for name, codes, channel in (
        ("public", public, Channel.PUBLIC_FORM),
        ("partner", partner, Channel.PARTNER_API),
    ):
        stored = _stored(codes)
        in_window = Signal.objects.filter(channel=channel, created_at__gte=since).count()
        result[name] = {
            "sent": len(codes),
            "distinct_codes": len(set(codes)),
            "stored": sum(1 for code in set(codes) if stored.get(code) == 1),
            "lost": sum(1 for code in set(codes) if code not in stored),
            "duplicated": sum(1 for n in stored.values() if n > 1),
            "signals_of_channel_since_start": in_window,
            "unanswered_but_stored": max(0, in_window - len(set(codes))),
        }
    result["intake_pending"] = pending_intake()
    result["ok"] = result["intake_pending"] == 0 and all(
        r["lost"] == 0 and r["duplicated"] == 0 and r["sent"] == r["distinct_codes"]
        for r in (result["public"], result["partner"])
    )
    return result
