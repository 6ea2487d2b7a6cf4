"""Liveness and readiness, for the load balancer, systemd and Prometheus.

* ``GET /gezond/`` (liveness): 200 when the process answers; touches nothing else, so a
  database outage does not get every app server restarted;
* ``GET /gereed/`` (readiness): 200 when the database answers a trivial query, every
  migration of this code is applied and the cache stores and returns a value; else 503 with
  the checks in the JSON body (names and ok/failing only, never an error text: those can
  hold host names and users of the database).

Both open without login or second factor, are not rate limited and write no audit entry.
"""

from __future__ import annotations

import functools
import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger("omzien.health")


def check_database() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone()[0] == 1


@functools.cache
def expected_migrations() -> frozenset[tuple[str, str]]:
    """The migrations of this code (read from disk once per process)."""
    return frozenset(MigrationLoader(None, ignore_no_migrations=True).graph.nodes)


def pending_migrations() -> set[tuple[str, str]]:
    applied = MigrationRecorder(connection).applied_migrations()
    return set(expected_migrations()) - set(applied)


def check_migrations() -> bool:
    return not pending_migrations()


def check_cache() -> bool:
    key = "omzien:ready"
    value = uuid.uuid4().hex
    cache.set(key, value, 30)
    return cache.get(key) == value


CHECKS = {"database": check_database, "migrations": check_migrations, "cache": check_cache}


def run_checks() -> dict[str, bool]:
    results = {}
    for name, check in CHECKS.items():
        try:
            results[name] = bool(check())
        except Exception as exc:  # noqa: BLE001 - a failing check is an answer, not a 500
            logger.warning("readiness: %s failed (%s)", name, type(exc).__name__)
            results[name] = False
    return results


@never_cache
@require_safe
def liveness(request):
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def readiness(request):
    results = run_checks()
    failing = [name for name, passed in results.items() if not passed]
    body = {
        "status": "failing" if failing else "ok",
        "checks": {name: "ok" if passed else "failing" for name, passed in results.items()},
    }
    if failing:
        body["failing"] = failing
    return JsonResponse(body, status=503 if failing else 200)
