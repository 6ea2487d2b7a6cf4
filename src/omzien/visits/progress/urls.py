"""Routes of the round's progress (issue 11); included by visits/urls.py."""

from django.urls import path

from omzien.visits.progress import views

patterns = [
    path("huisbezoeken/<int:pk>/voortgang/", views.progress_page, name="round_progress"),
    path("huisbezoeken/<int:pk>/voortgang/csv/", views.progress_csv, name="round_progress_csv"),
    path("huisbezoeken/<int:pk>/wijkverslag/", views.district_report, name="district_report"),
]
