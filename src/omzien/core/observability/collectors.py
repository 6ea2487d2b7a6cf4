"""The database gauges of ``/metrics``: a registry that apps add collectors to.

A collector is a function that yields ``prometheus_client`` metric families
(``GaugeMetricFamily``), computed when Prometheus scrapes: cheap grouped queries, labels that
are codes or states, never names. Core adds readiness and the task queue (database or RQ)
here; the signalling point adds the intake queue and overdue cases
(``signalling/observability.py``), in its ``AppConfig.ready()``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from omzien.core.extensions import Registry


@dataclass(frozen=True)
class MetricCollector:
    key: str
    collect: Callable[[], Iterable[Any]] = field(compare=False)
    order: int = 100


metric_collectors: Registry[MetricCollector] = Registry("metric_collectors")


def readiness_gauge():
    from prometheus_client.core import GaugeMetricFamily

    from omzien.core.observability.health import run_checks

    gauge = GaugeMetricFamily(
        "omzien_ready", "Readiness checks: 1 passes, 0 fails (see /gereed/).", labels=["check"]
    )
    for name, passed in run_checks().items():
        gauge.add_metric([name], 1 if passed else 0)
    yield gauge


#: django-tasks' states that the task-queue gauge reports.
TASK_STATES = ("READY", "RUNNING", "FAILED")


def _database_task_counts() -> dict[str, int]:
    from django.db.models import Count
    from django_tasks_db.models import DBTaskResult

    return dict(
        DBTaskResult.objects.filter(status__in=TASK_STATES)
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )


def _rq_task_counts() -> dict[str, int] | None:
    """RQ's default queue in Redis: queued jobs, the started and failed registries; None when
    Redis does not answer (the gauge is then left out of the scrape)."""
    import django_rq
    from redis.exceptions import RedisError

    try:
        queue = django_rq.get_queue("default")
        return {
            "READY": queue.count,
            "RUNNING": queue.started_job_registry.count,
            "FAILED": queue.failed_job_registry.count,
        }
    except RedisError:
        return None


def task_queue_gauge():
    """Tasks by state, from django-tasks' database backend (its table) or the RQ backend
    (OMZIEN_TASKS_BACKEND=rq: Redis). Another backend: no gauge."""
    from django_tasks import task_backends
    from django_tasks_db.backend import DatabaseBackend
    from prometheus_client.core import GaugeMetricFamily

    backend = task_backends["default"]
    if isinstance(backend, DatabaseBackend):
        counts = _database_task_counts()
    elif type(backend).__module__.startswith("django_tasks_rq"):
        counts = _rq_task_counts()
        if counts is None:
            return
    else:
        return
    gauge = GaugeMetricFamily(
        "omzien_tasks",
        "Tasks by state: ready (waiting), running, failed (kept).",
        labels=["state"],
    )
    for state in TASK_STATES:
        gauge.add_metric([state.lower()], counts.get(state, 0))
    yield gauge


def register() -> None:
    metric_collectors.register(MetricCollector("readiness", readiness_gauge, order=10))
    metric_collectors.register(MetricCollector("tasks", task_queue_gauge, order=20))
