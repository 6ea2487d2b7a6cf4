from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from omzien.assessment.urls import staff_patterns as assessment_patterns
from omzien.core import api_views
from omzien.core.urls import staff_patterns

api_v1 = [
    path("", include("omzien.signalling.urls_api")),
    path("me/", api_views.MeView.as_view(), name="api_me"),
    path("schema/", SpectacularAPIView.as_view(), name="api_schema"),
]

urlpatterns = [
    # First: Django tries patterns in order, and the partner API is the hot path.
    path("api/v1/", include(api_v1)),
    path("", include("omzien.core.urls")),
    path("g/<slug:municipality_slug>/", include(staff_patterns + assessment_patterns)),
    path("g/<slug:municipality_slug>/", include("omzien.signalling.urls_staff")),
    path("g/<slug:municipality_slug>/", include("omzien.signalling.urls_privacy")),
    path("g/<slug:municipality_slug>/", include("omzien.signalling.urls_reporter")),
    path("", include("omzien.signalling.urls_public")),
    path("systeembeheer/", admin.site.urls),
]

handler400 = "omzien.core.views.error_400"
handler403 = "omzien.core.views.error_403"
handler404 = "omzien.core.views.error_404"
handler500 = "omzien.core.views.error_500"
