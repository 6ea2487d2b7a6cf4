"""Routes of the monitoring app's knowledge part (issue 12): ``patterns`` go under
``/g/<municipality_slug>/``, ``national_patterns`` under the site root (paths start with
``landelijk/``)."""

from django.urls import path

from omzien.monitoring.knowledge import national_views, views

patterns: list = [
    path("aanpakken/", views.approach_list, name="approach_list"),
    path("aanpakken/nieuw/", views.approach_create, name="approach_create"),
    path("aanpakken/<int:pk>/", views.approach_detail, name="approach_detail"),
    path("aanpakken/<int:pk>/wijzigen/", views.approach_edit, name="approach_edit"),
    path("aanpakken/<int:pk>/stand/", views.approach_move, name="approach_move"),
]
national_patterns: list = [
    path("landelijk/aanpakken/", national_views.curation_queue, name="curation_queue"),
    path("landelijk/aanpakken/<int:pk>/", national_views.curation_detail, name="curation_detail"),
]
