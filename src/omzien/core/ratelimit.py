"""Per-client and per-account counters for the login and password-reset pages.

The same idea as the signalling point's limits of its public pages
(``signalling/public/ratelimit.py``; core may not import a later app): fixed-window counters in
Django's cache (the database cache ``omzien_cache`` by default, Redis at scale), shared by every
web process. Keys are keyed hashes, so the cache never holds an IP address or an e-mail address.

Settings (documented in docs/configuration.md, "Login and sessions"):

``OMZIEN_LOGIN_IP_FAILURE_LIMIT``       failed logins from one address, within the lockout's
                                        cool-off period, after which that address may not try
                                        again until the period ends (default 50).
``OMZIEN_PASSWORD_RESET_ACCOUNT_RATE``  reset requests for one e-mail address (default
                                        ``"3/h"``).
``OMZIEN_PASSWORD_RESET_IP_RATE``       reset requests from one address (default ``"20/h"``).

A rate is ``"<count>/<period>"`` with the period ``s``, ``m``, ``h`` or ``d``, optionally with a
multiplier (``"5/15m"``); ``"off"`` switches a limit off.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*$")
_KEY_PREFIX = "omzien:core-limit"


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: int


def parse_rate(value: str | None) -> Rate | None:
    """``"3/h"`` -> Rate(3, 3600); ``"off"`` or empty -> None (no limit)."""
    if value is None or str(value).strip().lower() in {"", "off", "none"}:
        return None
    match = _RATE.match(str(value))
    if not match:
        raise ImproperlyConfigured(
            f"Rate {value!r} is not of the form '<count>/<period>', e.g. '3/h' or '5/15m'."
        )
    count, multiplier, unit = match.groups()
    return Rate(int(count), int(multiplier or 1) * _UNITS[unit])


def client_address(request) -> str:
    """The client's IP address, from a trusted proxy's header when one is configured
    (``OMZIEN_TRUSTED_PROXY_HEADER`` and ``OMZIEN_TRUSTED_PROXY_COUNT``)."""
    header = getattr(settings, "OMZIEN_TRUSTED_PROXY_HEADER", "")
    if header:
        hops = [h.strip() for h in request.META.get(header, "").split(",") if h.strip()]
        count = max(1, int(getattr(settings, "OMZIEN_TRUSTED_PROXY_COUNT", 1)))
        if len(hops) >= count:
            return hops[-count]
        if hops:
            return hops[0]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _key(scope: str, subject: str, rate: Rate, now: float) -> str:
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"{scope}|{subject}".encode(), hashlib.sha256
    ).hexdigest()[:32]
    return f"{_KEY_PREFIX}:{scope}:{digest}:{int(now // rate.seconds)}"


def count(scope: str, subject: str, rate: Rate | None) -> int:
    """How often ``subject`` was counted in ``scope`` in the current window."""
    if rate is None:
        return 0
    return int(cache.get(_key(scope, subject, rate, time.time()), 0))


def hit(scope: str, subject: str, rate: Rate | None) -> bool:
    """Count one event of ``subject`` in ``scope``; whether it is still within the rate."""
    if rate is None:
        return True
    key = _key(scope, subject, rate, time.time())
    timeout = rate.seconds + 5
    cache.add(key, 0, timeout)
    try:
        value = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout)
        value = 1
    return value <= rate.count


def login_ip_rate() -> Rate | None:
    """Failed logins per address within the lockout's cool-off period (0: no limit)."""
    limit = int(getattr(settings, "OMZIEN_LOGIN_IP_FAILURE_LIMIT", 50))
    if limit <= 0:
        return None
    return Rate(limit, max(60, int(float(settings.AXES_COOLOFF_TIME) * 3600)))


def reset_account_rate() -> Rate | None:
    return parse_rate(getattr(settings, "OMZIEN_PASSWORD_RESET_ACCOUNT_RATE", "3/h"))


def reset_ip_rate() -> Rate | None:
    return parse_rate(getattr(settings, "OMZIEN_PASSWORD_RESET_IP_RATE", "20/h"))
