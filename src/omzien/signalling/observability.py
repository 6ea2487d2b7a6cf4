"""The signalling point's gauges of ``/metrics`` (core/observability/collectors.py).

Computed when Prometheus scrapes, with one aggregate query each:

* ``omzien_intake_pending``, ``omzien_intake_failing``, ``omzien_intake_oldest_age_seconds``:
  the partner API's inbox (``intake/inbox.py``): intakes not yet processed, those of them
  whose processing failed at least once, and how long the oldest has waited (0 when none);
* ``omzien_cases_overdue{municipality}`` and ``omzien_cases_overdue_urgent{municipality}``:
  open cases without first contact past their deadline (``cases/queries.overdue_q``, the
  definition of the daily digest), all of them and the urgent ones, by CBS municipality code
  (``GM0355``); every municipality whose signalling point is live has a series, 0 included.

Codes and counts only: never a name, an address or a receipt code.
"""

from __future__ import annotations

from django.db.models import Count, Min, Q
from django.utils import timezone
from prometheus_client.core import GaugeMetricFamily

from omzien.core.observability.collectors import MetricCollector, metric_collectors
from omzien.signalling.cases.queries import overdue_q
from omzien.signalling.cases.workflow import OPEN_STATES
from omzien.signalling.models import AcceptedSignal, Case, SignallingSettings


def intake_gauges():
    now = timezone.now()
    state = AcceptedSignal.objects.filter(processed_at__isnull=True).aggregate(
        pending=Count("pk"),
        failing=Count("pk", filter=Q(attempts__gt=0)),
        oldest=Min("created_at"),
    )
    oldest = state["oldest"]
    yield GaugeMetricFamily(
        "omzien_intake_pending",
        "Partner-API signals accepted and not yet processed.",
        value=state["pending"],
    )
    yield GaugeMetricFamily(
        "omzien_intake_failing",
        "Unprocessed partner-API signals whose processing failed at least once.",
        value=state["failing"],
    )
    yield GaugeMetricFamily(
        "omzien_intake_oldest_age_seconds",
        "How long the oldest unprocessed partner-API signal has waited (0 when none).",
        value=(now - oldest).total_seconds() if oldest else 0,
    )


def overdue_gauges():
    rows = (
        Case.objects.filter(state__in=OPEN_STATES)
        .filter(overdue_q(timezone.now()))
        .values_list("municipality__code")
        .annotate(total=Count("pk"), urgent=Count("pk", filter=Q(urgent=True)))
        .order_by()
    )
    counts = {code: (total, urgent) for code, total, urgent in rows}
    live = SignallingSettings.objects.filter(live_since__isnull=False).values_list(
        "municipality__code", flat=True
    )
    overdue = GaugeMetricFamily(
        "omzien_cases_overdue",
        "Open cases past their first-contact deadline, by municipality code.",
        labels=["municipality"],
    )
    urgent = GaugeMetricFamily(
        "omzien_cases_overdue_urgent",
        "Urgent open cases past their first-contact deadline, by municipality code.",
        labels=["municipality"],
    )
    for code in sorted(set(live) | counts.keys()):
        total, urgent_count = counts.get(code, (0, 0))
        overdue.add_metric([code], total)
        urgent.add_metric([code], urgent_count)
    yield overdue
    yield urgent


def register() -> None:
    metric_collectors.register(MetricCollector("intake", intake_gauges, order=30))
    metric_collectors.register(MetricCollector("overdue", overdue_gauges, order=40))
