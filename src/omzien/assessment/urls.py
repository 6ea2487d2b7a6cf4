from django.urls import include, path

from omzien.assessment import views

app_name = "assessment"

staff_patterns = [
    path(
        "inwoners/<int:pk>/meting/nieuw/",
        views.assessment_create,
        name="assessment_create",
    ),
]

urlpatterns = [path("g/<slug:municipality_slug>/", include(staff_patterns))]
