"""Routes of the benchmark app's results part (issue 12): ``patterns`` go under
``/g/<municipality_slug>/``, ``national_patterns`` under the site root (paths start with
``landelijk/``). The year is a query parameter (``?jaar=2025``)."""

from django.urls import path

from omzien.benchmark.results import national, tips, views

patterns: list = [
    path("benchmark/resultaten/", views.results_page, name="results"),
]
national_patterns: list = [
    path("landelijk/benchmark/resultaten/", national.overview, name="national_results"),
    path(
        "landelijk/benchmark/resultaten/export.csv",
        national.overview_csv,
        name="national_results_csv",
    ),
    path(
        "landelijk/benchmark/resultaten/export.xlsx",
        national.overview_xlsx,
        name="national_results_xlsx",
    ),
    path("landelijk/benchmark/tips/", tips.tips_page, name="national_tips"),
]
