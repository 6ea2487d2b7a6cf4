"""The finder's routes, part of the ``socialmap`` namespace (included by socialmap/urls.py)."""

from django.urls import path

from omzien.socialmap.finder import views

PREFIX = "activiteiten/<slug:municipality_slug>/"

patterns = [
    path(PREFIX, views.finder, name="finder"),
    path(f"{PREFIX}agenda/", views.agenda_page, name="finder_agenda"),
    path(f"{PREFIX}voel-je-je-eenzaam/", views.lonely_page, name="finder_lonely"),
    path(f"{PREFIX}wijken.geojson", views.districts, name="finder_districts"),
    path(f"{PREFIX}<int:pk>/", views.initiative_page, name="finder_initiative"),
]
