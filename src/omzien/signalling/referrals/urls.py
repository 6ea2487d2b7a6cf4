"""Routes of referrals (issue 9), included under /g/<municipality_slug>/ in
``signalling/urls.py`` (namespace ``signalling``). Every route takes one object id, so the
isolation test tries each with a foreign case or referral."""

from django.urls import path

from omzien.signalling.referrals import views

urlpatterns = [
    path("meldingen/<int:pk>/aanbod/", views.case_matches, name="case_matches"),
    path("meldingen/<int:pk>/wensen/", views.case_needs, name="case_needs"),
    path("meldingen/<int:pk>/verwijzen/", views.case_refer, name="case_refer"),
    path("verwijzingen/<int:pk>/", views.referral_detail, name="referral_detail"),
    path("verwijzingen/<int:pk>/stand/", views.referral_move, name="referral_move"),
    path("verwijzingen/<int:pk>/opvolgen/", views.referral_follow_up, name="referral_follow_up"),
]
