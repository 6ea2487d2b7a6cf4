"""Routes of the round's letters (issue 11); included by visits/urls.py."""

from django.urls import path

from omzien.visits.letters import views

patterns = [
    path("huisbezoeken/<int:pk>/plannen/", views.plan, name="letters_plan"),
    path("huisbezoeken/<int:pk>/brieven.pdf", views.batch, name="letters_batch"),
    path(
        "huisbezoeken/<int:pk>/brieven-verstuurd/", views.confirm_sent, name="letters_confirm_sent"
    ),
    path("huisbezoek-adressen/<int:pk>/brief.pdf", views.letter, name="letters_letter"),
    path("vrijwilligers/<int:pk>/niet-thuis-kaartjes.pdf", views.cards, name="letters_cards"),
]
