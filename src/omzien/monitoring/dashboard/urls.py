"""Routes of the monitoring app's dashboard part (issue 12): ``patterns`` go under
``/g/<municipality_slug>/``, ``national_patterns`` under the site root (paths start with
``landelijk/``)."""

from django.urls import path

from omzien.monitoring.dashboard import views

patterns: list = [
    path("monitoring/", views.view_monitoring, name="view_monitoring"),
    path("monitoring/export/", views.export_monitoring, name="export_monitoring"),
]
national_patterns: list = []
