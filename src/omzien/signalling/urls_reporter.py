"""The reporter's pages under /g/<municipality_slug>/ (login, role reporter)."""

from django.urls import path

from omzien.signalling import views_public as views

urlpatterns = [
    path("melden/", views.reporter_signal_form, name="reporter_signal_form"),
    path("melden/ontvangen/", views.reporter_signal_received, name="reporter_signal_received"),
    path("mijn-meldingen/", views.reporter_signals, name="reporter_signals"),
]
