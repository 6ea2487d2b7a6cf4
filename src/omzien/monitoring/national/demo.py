"""Demo figures of the programme (issue 12): the manual figures of this year, so that the
national overview shows them on the first start. Fictitious; nothing the second time."""

from __future__ import annotations

from django.utils import timezone

from omzien.monitoring.models import ProgrammeFigure

DEMO = (
    ("campagnebereik", "Campagnebereik", 2_400_000),
    ("aantal-deelnemers-aan-de-campagne", "Aantal deelnemers aan de campagne", 18_500),
    ("mediabereik", "Mediabereik", 5_100_000),
)


def load_national_demo(municipality, accounts) -> int:
    year = timezone.localdate().year
    made = 0
    for key, label, value in DEMO:
        _figure, created = ProgrammeFigure.objects.get_or_create(
            year=year,
            label=label,
            defaults={"key": key, "value": value, "source": "Voorbeeldcijfer (demo)"},
        )
        made += created
    return made
