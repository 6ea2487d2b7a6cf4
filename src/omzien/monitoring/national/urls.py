"""Routes of the monitoring app's national part (issue 12): ``patterns`` go under
``/g/<municipality_slug>/``, ``national_patterns`` under the site root (paths start with
``landelijk/``)."""

from django.urls import path

from omzien.monitoring.national import views

patterns: list = []
national_patterns: list = [
    path("landelijk/monitoring/", views.national_monitoring, name="national_view"),
    path(
        "landelijk/monitoring/export/",
        views.national_monitoring_export,
        name="national_export",
    ),
    path(
        "landelijk/monitoring/invoer/",
        views.enter_programme_figures,
        name="enter_programme_figures",
    ),
]
