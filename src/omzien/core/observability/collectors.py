"""The database gauges of ``/metrics``: a registry that apps add collectors to.

A collector is a function that yields ``prometheus_client`` metric families
(``GaugeMetricFamily``), computed when Prometheus scrapes: cheap grouped queries, labels that
are codes or states, never names. Core adds readiness and the task queue here; the signalling
point adds the intake queue and overdue cases (``signalling/observability.py``), in its
``AppConfig.ready()``.
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


def task_queue_gauge():
    """Task results by state, when the tasks run through django-tasks' database backend.
    With another backend (RQ) the queue is not in this database: no gauge (see docs)."""
    from django.db.models import Count
    from django_tasks import task_backends
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult
    from prometheus_client.core import GaugeMetricFamily

    if not isinstance(task_backends["default"], DatabaseBackend):
        return
    counts = dict(
        DBTaskResult.objects.filter(status__in=TASK_STATES)
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    gauge = GaugeMetricFamily(
        "omzien_tasks",
        "Tasks in the database queue by state: ready (waiting), running, failed (kept).",
        labels=["state"],
    )
    for state in TASK_STATES:
        gauge.add_metric([state.lower()], counts.get(state, 0))
    yield gauge


def register() -> None:
    metric_collectors.register(MetricCollector("readiness", readiness_gauge, order=10))
    metric_collectors.register(MetricCollector("tasks", task_queue_gauge, order=20))
