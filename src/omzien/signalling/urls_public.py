"""Public pages of the signalling point (no login): the signal form, self-referral, status."""

from django.urls import path

from omzien.signalling import views_public as views

urlpatterns = [
    path("melden/<slug:municipality_slug>/", views.signal_form, name="signal_form"),
    path(
        "melden/<slug:municipality_slug>/ontvangen/",
        views.signal_received,
        name="signal_received",
    ),
    path(
        "melden/<slug:municipality_slug>/zelf/",
        views.self_referral,
        name="self_referral",
    ),
    path(
        "melden/<slug:municipality_slug>/p/<str:token>/",
        views.partner_signal_form,
        name="partner_signal_form",
    ),
    path("status/", views.status_lookup, name="signal_status"),
    path("status/<str:code>/", views.status_detail, name="signal_status_detail"),
]
