"""The risk map's pages, namespace ``riskmap`` (for now the boundaries as GeoJSON)."""

from django.urls import path

from omzien.riskmap import views

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
]
