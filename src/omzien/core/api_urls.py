"""Core's API routes under /api/v1/, namespace ``core_api``."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from omzien.core import api_views

app_name = "core_api"

urlpatterns = [
    path("me/", api_views.MeView.as_view(), name="me"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
]
