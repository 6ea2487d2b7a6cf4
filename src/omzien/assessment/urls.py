from django.urls import include, path

from omzien.assessment import views

app_name = "assessment"

staff_patterns = [
    path(
        "inwoners/<int:pk>/meting/nieuw/",
        views.assessment_create,
        name="assessment_create",
    ),
    path(
        "inwoners/<int:pk>/metingen/<int:assessment_pk>/intrekken/",
        views.assessment_withdraw,
        name="assessment_withdraw",
    ),
]

urlpatterns = [path("g/<slug:municipality_slug>/", include(staff_patterns))]
