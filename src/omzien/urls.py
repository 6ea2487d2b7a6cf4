"""The root URLconf: every app under its own namespace (``core``, ``assessment``,
``socialmap``, ``signalling``, ``visits``, ``riskmap``, ``benchmark``, ``monitoring``; APIs
``core_api`` and ``signalling_api``). See docs/architecture.md."""

from django.contrib import admin
from django.urls import include, path

api_v1 = [
    path("", include("omzien.signalling.api.urls")),
    path("", include("omzien.core.api_urls")),
]

urlpatterns = [
    # First: Django tries patterns in order, and the partner API is the hot path.
    path("api/v1/", include(api_v1)),
    path("", include("omzien.core.observability.urls")),  # health, readiness, metrics
    path("", include("omzien.core.urls")),
    path("", include("omzien.assessment.urls")),
    path("", include("omzien.socialmap.urls")),
    path("", include("omzien.signalling.urls")),
    path("", include("omzien.visits.urls")),
    path("", include("omzien.riskmap.urls")),
    path("", include("omzien.benchmark.urls")),
    path("", include("omzien.monitoring.urls")),
    path("systeembeheer/", admin.site.urls),
]

handler400 = "omzien.core.views.error_400"
handler403 = "omzien.core.views.error_403"
handler404 = "omzien.core.api.not_found"  # problem+json under /api/
handler500 = "omzien.core.views.error_500"
