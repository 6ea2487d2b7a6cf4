"""Prometheus metrics: ``GET /metrics`` (protected; see docs/observability.md).

Two kinds:

* request metrics, counted by this process as requests pass the middleware:
  ``omzien_http_requests_total{method,route,status}`` (status class ``2xx`` ...) and
  ``omzien_http_request_duration_seconds{route}``. Under gunicorn with several workers set
  ``PROMETHEUS_MULTIPROC_DIR`` (an empty directory, emptied at each start): every worker
  writes its counts there and a scrape of any worker adds them up;
* gauges from the database, computed when scraped by the collectors of
  ``collectors.metric_collectors`` (readiness, task queue; the signalling point adds the
  intake queue and overdue cases per municipality code). Cheap grouped queries, no names.

Access: only when ``OMZIEN_METRICS_TOKEN`` and/or ``OMZIEN_METRICS_ALLOWED_IPS`` is set
(404 otherwise); every one that is set must hold (a ``Authorization: Bearer`` token, a client
address in the list).
"""

from __future__ import annotations

import hmac
import ipaddress
import logging
import os

from django.conf import settings
from django.http import Http404, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    disable_created_metrics,
    generate_latest,
    multiprocess,
)

from omzien.core.observability.collectors import metric_collectors

logger = logging.getLogger("omzien.metrics")
# No ``*_created`` series: multiprocess mode has none either, and nothing here uses them.
disable_created_metrics()

#: The request metrics of this process (single process), or of every worker (multiprocess).
_REQUESTS = CollectorRegistry(auto_describe=True)
REQUESTS = Counter(
    "omzien_http_requests",
    "HTTP requests by method, route name and status class.",
    ["method", "route", "status"],
    registry=_REQUESTS,
)
LATENCY = Histogram(
    "omzien_http_request_duration_seconds",
    "Time from the request to the answer, by route name.",
    ["route"],
    registry=_REQUESTS,
)
_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def observe_request(method: str, route: str, status: int, seconds: float) -> None:
    method = method if method in _METHODS else "other"  # a bounded set of labels
    REQUESTS.labels(method=method, route=route, status=f"{status // 100}xx").inc()
    LATENCY.labels(route=route).observe(seconds)


def multiprocess_dir() -> str:
    return os.environ.get("PROMETHEUS_MULTIPROC_DIR", "")


class _DatabaseGauges:
    """The registered collectors, each on its own: one that fails (the database is down) is
    left out of the scrape, and the readiness gauge says why."""

    def collect(self):
        for entry in metric_collectors:
            try:
                yield from list(entry.collect())
            except Exception as exc:  # noqa: BLE001 - a scrape must still answer
                logger.warning("metrics: %s failed (%s)", entry.key, type(exc).__name__)


class _ThisProcess:
    def collect(self):
        return _REQUESTS.collect()


def exposition() -> bytes:
    """The text of a scrape: the request metrics (of all workers in multiprocess mode) and
    the database gauges."""
    registry = CollectorRegistry(auto_describe=False)
    if multiprocess_dir():
        multiprocess.MultiProcessCollector(registry)
    else:
        registry.register(_ThisProcess())
    registry.register(_DatabaseGauges())
    return generate_latest(registry)


def _address_allowed(request, allowed: list[str]) -> bool:
    from omzien.core.ratelimit import client_address

    try:
        address = ipaddress.ip_address(client_address(request))
    except ValueError:
        return False
    return any(address in ipaddress.ip_network(entry, strict=False) for entry in allowed)


def _token_given(request, token: str) -> bool:
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(given.strip(), token)


@never_cache
@require_GET
def metrics_view(request):
    token = settings.OMZIEN_METRICS_TOKEN
    allowed = settings.OMZIEN_METRICS_ALLOWED_IPS
    if not token and not allowed:
        raise Http404
    if token and not _token_given(request, token):
        response = HttpResponse("Bearer token required.\n", status=401, content_type="text/plain")
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    if allowed and not _address_allowed(request, allowed):
        return HttpResponse("Address not allowed.\n", status=403, content_type="text/plain")
    return HttpResponse(exposition(), content_type=CONTENT_TYPE_LATEST)
