"""The monitoring app's pages, namespace ``monitoring``: one set of routes per part (issue 12)."""

from django.urls import include, path

from omzien.monitoring.dashboard import urls as dashboard
from omzien.monitoring.factsheet import urls as factsheet
from omzien.monitoring.knowledge import urls as knowledge
from omzien.monitoring.national import urls as national
from omzien.monitoring.support import urls as support

app_name = "monitoring"

staff_patterns = [
    *dashboard.patterns,
    *national.patterns,
    *knowledge.patterns,
    *support.patterns,
    *factsheet.patterns,
]

urlpatterns = [
    path("g/<slug:municipality_slug>/", include(staff_patterns)),
    *dashboard.national_patterns,
    *national.national_patterns,
    *knowledge.national_patterns,
    *support.national_patterns,
    *factsheet.national_patterns,
]
