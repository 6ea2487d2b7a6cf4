"""Routes of the signalling API under /api/v1/ (see signalling/api.py and docs/api.md)."""

from django.urls import path

from omzien.signalling import api

urlpatterns = [
    path("signals/", api.SignalIntakeView.as_view(), name="api_signal_intake"),
    path("tokens/", api.TokenView.as_view(), name="api_token"),
    path("cases/", api.CaseListView.as_view(), name="api_case_list"),
    path("cases/<int:pk>/", api.CaseDetailView.as_view(), name="api_case_detail"),
    path("cases/<int:pk>/move/", api.CaseMoveView.as_view(), name="api_case_move"),
    path("cases/<int:pk>/notes/", api.CaseNoteView.as_view(), name="api_case_notes"),
]
