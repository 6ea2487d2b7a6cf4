"""Routes of the signalling API under /api/v1/, namespace ``signalling_api`` (docs/api.md)."""

from django.urls import path

from omzien.signalling.api import cases, partner

app_name = "signalling_api"

urlpatterns = [
    path("signals/", partner.SignalIntakeView.as_view(), name="signals"),
    path("tokens/", cases.TokenView.as_view(), name="tokens"),
    path("cases/", cases.CaseListView.as_view(), name="case_list"),
    path("cases/<int:pk>/", cases.CaseDetailView.as_view(), name="case_detail"),
    path("cases/<int:pk>/move/", cases.CaseMoveView.as_view(), name="case_move"),
    path("cases/<int:pk>/notes/", cases.CaseNoteView.as_view(), name="case_notes"),
]
