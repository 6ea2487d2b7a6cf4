"""The social map's pages, namespace ``socialmap``."""

from django.urls import include, path

from omzien.socialmap import views

app_name = "socialmap"

staff_patterns = [
    path("sociale-kaart/", views.initiative_list, name="initiative_list"),
    path("sociale-kaart/nieuw/", views.initiative_create, name="initiative_create"),
    path("sociale-kaart/<int:pk>/", views.initiative_edit, name="initiative_edit"),
    path(
        "sociale-kaart/<int:pk>/<str:action>/",
        views.initiative_move,
        name="initiative_move",
    ),
]

urlpatterns = [path("g/<slug:municipality_slug>/", include(staff_patterns))]
