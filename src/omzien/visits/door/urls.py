"""The volunteer's phone pages (issue 11)."""

from django.urls import path

from omzien.visits.door import views

patterns = [
    path("mijn-bezoeken/", views.my_addresses, name="my_addresses"),
    path("huisbezoek-adressen/<int:pk>/bezoek/", views.visit_form, name="visit_form"),
]
