"""The risk map's pages, namespace ``riskmap``: the municipality's map, its districts and exports,
the national map, the boundaries as GeoJSON, and the upload pages of figures."""

from django.urls import path

from omzien.riskmap import national, pages, prevalence, views
from omzien.riskmap.uploads import views as uploads

app_name = "riskmap"

urlpatterns = [
    path(
        "g/<slug:municipality_slug>/risicokaart/wijken.geojson",
        views.district_boundaries,
        name="district_boundaries",
    ),
    path(
        "landelijk/risicokaart/gemeenten.geojson",
        views.municipality_boundaries,
        name="municipality_boundaries",
    ),
    # The municipality's map, its table's exports and the district page (pages.py).
    path("g/<slug:municipality_slug>/risicokaart/", pages.risk_map, name="map"),
    path(
        "g/<slug:municipality_slug>/risicokaart/export.csv",
        pages.risk_map_csv,
        name="export_csv",
    ),
    path(
        "g/<slug:municipality_slug>/risicokaart/export.xlsx",
        pages.risk_map_xlsx,
        name="export_xlsx",
    ),
    # Uploading figures (uploads/views.py); before the district page, which takes any code.
    path(
        "g/<slug:municipality_slug>/risicokaart/inlezen/",
        uploads.survey_upload,
        name="survey_upload",
    ),
    path(
        "g/<slug:municipality_slug>/risicokaart/inlezen/<int:pk>/",
        uploads.survey_job,
        name="survey_job",
    ),
    path(
        "g/<slug:municipality_slug>/risicokaart/<str:district_code>/",
        pages.district,
        name="district",
    ),
    path("landelijk/risicokaart/", national.national_map, name="national_map"),
    path(
        "landelijk/risicokaart/prevalentie/",
        prevalence.prevalence_page,
        name="national_prevalence",
    ),
    path("landelijk/risicokaart/inlezen/", uploads.public_upload, name="public_upload"),
    path("landelijk/risicokaart/inlezen/<int:pk>/", uploads.public_job, name="public_job"),
]
