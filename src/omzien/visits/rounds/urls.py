from django.urls import path

from omzien.visits.rounds import views

patterns = [
    path("huisbezoeken/", views.round_list, name="round_list"),
    path("huisbezoeken/nieuw/", views.round_create, name="round_create"),
    path("huisbezoeken/<int:pk>/", views.round_detail, name="round_detail"),
    path("huisbezoeken/<int:pk>/wijzigen/", views.round_edit, name="round_edit"),
    path("huisbezoeken/<int:pk>/stand/", views.round_move, name="round_move"),
]
