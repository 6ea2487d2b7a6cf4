from django.urls import path

from omzien.assessment import views

staff_patterns = [
    path(
        "inwoners/<int:pk>/meting/nieuw/",
        views.assessment_create,
        name="assessment_create",
    ),
]
