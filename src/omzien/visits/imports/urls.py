"""Routes of the round's imports (issue 11); included by visits/urls.py."""

from django.urls import path

from omzien.visits.imports import views

patterns = [
    path("huisbezoeken/adressen-sjabloon.csv", views.import_template, name="import_template"),
    path("huisbezoeken/<int:pk>/adressen-inlezen/", views.import_start, name="import_start"),
    path("huisbezoek-imports/<int:pk>/", views.import_detail, name="import_detail"),
]
