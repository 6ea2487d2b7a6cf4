"""Staff URLs of the signalling point, mounted under /g/<municipality_slug>/."""

from django.urls import path

from omzien.signalling import views_staff as views

urlpatterns = [
    path("meldingen/", views.case_queue, name="case_queue"),
    path("meldingen/nieuw/", views.case_intake, name="case_intake"),
    path("meldingen/overzicht/", views.signalling_overview, name="signalling_overview"),
    path("meldingen/<int:pk>/", views.case_detail, name="case_detail"),
    path("meldingen/<int:pk>/toewijzen/", views.case_assign, name="case_assign"),
    path("meldingen/<int:pk>/contactpoging/", views.case_attempt, name="case_attempt"),
    path("meldingen/<int:pk>/gesprek/", views.case_note, name="case_note"),
    path("meldingen/<int:pk>/toestemming/", views.case_consent, name="case_consent"),
    path("meldingen/<int:pk>/status/", views.case_move, name="case_move"),
    path("meldingen/<int:pk>/afsluiten/", views.case_close, name="case_close"),
    path("meldingen/<int:pk>/heropenen/", views.case_reopen, name="case_reopen"),
    path("meldingen/<int:pk>/meting/", views.case_assessment, name="case_assessment"),
    path("signaalpunt/", views.signalling_setup, name="signalling_setup"),
    path("signaalpunt/sleutels/<int:pk>/intrekken/", views.api_key_revoke, name="api_key_revoke"),
    path(
        "signaalpunt/links/<int:pk>/intrekken/",
        views.partner_link_revoke,
        name="partner_link_revoke",
    ),
]
