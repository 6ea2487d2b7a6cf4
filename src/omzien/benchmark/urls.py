"""The benchmark app's pages, namespace ``benchmark``: one set of routes per part (issue 12)."""

from django.urls import include, path

from omzien.benchmark.coalition import urls as coalition
from omzien.benchmark.questionnaire import urls as questionnaire
from omzien.benchmark.results import urls as results

app_name = "benchmark"

staff_patterns = [
    *questionnaire.patterns,
    *results.patterns,
    *coalition.patterns,
]

urlpatterns = [
    path("g/<slug:municipality_slug>/", include(staff_patterns)),
    *questionnaire.national_patterns,
    *results.national_patterns,
    *coalition.national_patterns,
]
