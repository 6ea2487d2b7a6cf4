"""Health, readiness and metrics, namespace ``observability`` (docs/observability.md).

``metrics`` has no trailing slash (Prometheus' default path); the health paths do, like every
page of the site."""

from django.urls import path

from omzien.core.observability import health, metrics

app_name = "observability"

#: Open without login or second factor (``core.extensions.public_paths``).
PUBLIC_PREFIXES = ("/gezond/", "/gereed/", "/metrics")

urlpatterns = [
    path("gezond/", health.liveness, name="liveness"),
    path("gereed/", health.readiness, name="readiness"),
    path("metrics", metrics.metrics_view, name="metrics"),
]
