"""Routes of the benchmark app's questionnaire part (issue 12): ``patterns`` go under
``/g/<municipality_slug>/``, ``national_patterns`` under the site root (paths start with
``landelijk/``). The year is a query parameter (``?jaar=2025``) or a posted field."""

from django.urls import path

from omzien.benchmark.questionnaire import programme, views

patterns = [
    path("benchmark/", views.questionnaire_page, name="questionnaire"),
    path("benchmark/antwoord/", views.save, name="questionnaire_save"),
    path("benchmark/ophalen/", views.refresh, name="questionnaire_refresh"),
    path("benchmark/indienen/", views.submit, name="questionnaire_submit"),
]
national_patterns = [
    path("landelijk/benchmark/", programme.programme_page, name="questionnaire_programme"),
    path("landelijk/benchmark/nieuw/", programme.programme_create, name="questionnaire_create"),
    path("landelijk/benchmark/data/", programme.programme_dates, name="questionnaire_dates"),
]
