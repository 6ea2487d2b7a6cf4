"""Per-client rate limits for the public pages (meldformulier, statuspagina).

Counts live in Django's cache, which is the database cache ``omzien_cache`` by default (or
Redis at scale), so every web process shares them; nothing is kept in process memory.
The counter is a fixed window per client: simple, cheap, and good enough to stop a script
from flooding the signalling point. The client is identified by a keyed hash of its IP
address, so the cache never holds the address itself.

Settings (all optional; documented in docs/configuration.md):

``OMZIEN_PUBLIC_FORM_RATE``     signals one client may send through the public form and the
                                self-referral form, e.g. ``"10/h"`` (default). ``"off"``
                                disables the limit.
``OMZIEN_PARTNER_FORM_RATE``    the same for one partner link from one client (default
                                ``"60/h"``: a pharmacy or housing office shares one address).
``OMZIEN_STATUS_RATE``          status-page look-ups of receipt codes per client (default
                                ``"30/h"``), found or not.
``OMZIEN_TRUSTED_PROXY_HEADER`` the request header a trusted reverse proxy sets with the
                                client's address, as a META key (e.g.
                                ``"HTTP_X_FORWARDED_FOR"``). Empty (default): REMOTE_ADDR.
``OMZIEN_TRUSTED_PROXY_COUNT``  how many trusted proxies append to that header (default 1);
                                the address that many places from the right is the client.

A rate is ``"<count>/<period>"`` where the period is ``s``, ``m``, ``h`` or ``d``, optionally
with a multiplier: ``"5/15m"`` is five per quarter of an hour.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

from omzien.signalling.secrets import hash_secret

PUBLIC_FORM_RATE = "10/h"
PARTNER_FORM_RATE = "60/h"
STATUS_RATE = "30/h"
TRUSTED_PROXY_HEADER = ""
TRUSTED_PROXY_COUNT = 1

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*$")
_KEY_PREFIX = "omzien:ratelimit"


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: int


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int = 0


def parse_rate(value: str) -> Rate | None:
    """``"10/h"`` -> Rate(10, 3600); ``"off"`` or empty -> None (no limit)."""
    if value is None or str(value).strip().lower() in {"", "off", "none"}:
        return None
    match = _RATE.match(str(value))
    if not match:
        raise ImproperlyConfigured(
            f"Rate {value!r} is not of the form '<count>/<period>', e.g. '10/h' or '5/15m'."
        )
    count, multiplier, unit = match.groups()
    return Rate(int(count), int(multiplier or 1) * _UNITS[unit])


def configured_rate(setting: str, default: str) -> Rate | None:
    return parse_rate(getattr(settings, setting, default))


def client_address(request) -> str:
    """The client's IP address, from a trusted proxy's header when one is configured."""
    header = getattr(settings, "OMZIEN_TRUSTED_PROXY_HEADER", TRUSTED_PROXY_HEADER)
    if header:
        hops = [h.strip() for h in request.META.get(header, "").split(",") if h.strip()]
        count = max(1, int(getattr(settings, "OMZIEN_TRUSTED_PROXY_COUNT", TRUSTED_PROXY_COUNT)))
        if len(hops) >= count:
            return hops[-count]
        if hops:
            return hops[0]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _client_key(request, scope: str, extra: str) -> str:
    # Keyed hash: the cache (a database table) never stores an IP address.
    digest = hash_secret(f"{scope}|{extra}|{client_address(request)}")[:32]
    return f"{_KEY_PREFIX}:{scope}:{digest}"


def hit(request, scope: str, rate: Rate | None, *, extra: str = "") -> Verdict:
    """Count one request of this client in ``scope``; say whether it is within the rate."""
    if rate is None:
        return Verdict(True)
    now = time.time()
    window = int(now // rate.seconds)
    key = f"{_client_key(request, scope, extra)}:{window}"
    timeout = rate.seconds + 5
    cache.add(key, 0, timeout)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout)
        count = 1
    retry_after = max(1, int((window + 1) * rate.seconds - now))
    return Verdict(count <= rate.count, 0 if count <= rate.count else retry_after)


def check_public_form(request) -> Verdict:
    return hit(
        request,
        "public_form",
        configured_rate("OMZIEN_PUBLIC_FORM_RATE", PUBLIC_FORM_RATE),
    )


def check_partner_form(request, link_id: int) -> Verdict:
    return hit(
        request,
        "partner_form",
        configured_rate("OMZIEN_PARTNER_FORM_RATE", PARTNER_FORM_RATE),
        extra=str(link_id),
    )


def check_status(request) -> Verdict:
    return hit(request, "status", configured_rate("OMZIEN_STATUS_RATE", STATUS_RATE))
