"""Routes of the monitoring app's factsheet part (issue 12): ``patterns`` go under
``/g/<municipality_slug>/``, ``national_patterns`` under the site root (paths start with
``landelijk/``)."""

from django.urls import path

from omzien.monitoring.factsheet import views

patterns: list = [
    path("factsheet/", views.factsheet_page, name="factsheet"),
    path("factsheet/pdf/", views.factsheet_download, name="factsheet_pdf"),
]
national_patterns: list = [
    path("landelijk/factsheets/", views.national_factsheets, name="national_factsheets"),
]
