"""The home visits' pages, namespace ``visits``. Each part of the app has its own routes
(rounds, imports, letters, volunteers, door: the volunteer's phone pages, progress)."""

from django.urls import include, path

from omzien.visits.door import urls as door
from omzien.visits.imports import urls as imports
from omzien.visits.letters import urls as letters
from omzien.visits.progress import urls as progress
from omzien.visits.rounds import urls as rounds
from omzien.visits.volunteers import urls as volunteers

app_name = "visits"

staff_patterns = [
    *rounds.patterns,
    *imports.patterns,
    *letters.patterns,
    *volunteers.patterns,
    *door.patterns,
    *progress.patterns,
]

urlpatterns = [path("g/<slug:municipality_slug>/", include(staff_patterns))]
