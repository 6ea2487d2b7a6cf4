"""The social map's pages, namespace ``socialmap``."""

from django.urls import include, path

from omzien.socialmap import import_views, public, views
from omzien.socialmap.finder import urls as finder_urls

app_name = "socialmap"

staff_patterns = [
    path("sociale-kaart/", views.initiative_list, name="initiative_list"),
    path("sociale-kaart/nieuw/", views.initiative_create, name="initiative_create"),
    # Import and export (import_views.py, docs/socialmap-import.md).
    path("sociale-kaart/export.json", import_views.catalogue_export, name="catalogue_export"),
    path("sociale-kaart/import/", import_views.import_start, name="import_start"),
    path("sociale-kaart/import/sjabloon.csv", import_views.import_template, name="import_template"),
    path("sociale-kaart/import/<int:pk>/", import_views.import_detail, name="import_detail"),
    path("sociale-kaart/<int:pk>/", views.initiative_edit, name="initiative_edit"),
    path("sociale-kaart/<int:pk>/bijeenkomst/", views.event_add, name="event_add"),
    path(
        "sociale-kaart/<int:pk>/bijeenkomst/<int:event_pk>/verwijderen/",
        views.event_remove,
        name="event_remove",
    ),
    path(
        "sociale-kaart/<int:pk>/<str:action>/",
        views.initiative_move,
        name="initiative_move",
    ),
]

public_patterns = [
    path("activiteiten/<slug:municipality_slug>/agenda.ics", public.municipality_feed,
         name="municipality_feed"),
    path("activiteiten/<slug:municipality_slug>/<int:pk>/agenda.ics", public.initiative_feed,
         name="initiative_feed"),
    *finder_urls.patterns,
]  # fmt: skip

urlpatterns = [*public_patterns, path("g/<slug:municipality_slug>/", include(staff_patterns))]
