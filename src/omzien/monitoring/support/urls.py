"""Routes of the monitoring app's support part (issue 12): ``patterns`` go under
``/g/<municipality_slug>/``, ``national_patterns`` under the site root (paths start with
``landelijk/``)."""

from django.urls import path

from omzien.monitoring.support import national_views, views

patterns: list = [
    path("ondersteuning/", views.request_list, name="request_list"),
    path("ondersteuning/nieuw/", views.request_create, name="request_create"),
    path("ondersteuning/<int:pk>/", views.request_detail, name="request_detail"),
]
national_patterns: list = [
    path("landelijk/ondersteuning/", national_views.support_queue, name="support_queue"),
    path("landelijk/ondersteuning/<int:pk>/", national_views.support_detail, name="support_detail"),
]
