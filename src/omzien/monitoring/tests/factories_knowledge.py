"""Factories for the knowledge part's tests (issue 12): approaches in any state."""

from __future__ import annotations

import factory
from django.utils import timezone

from omzien.core.tests.factories import MunicipalityFactory
from omzien.monitoring.models import Approach, ApproachState


class ApproachFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Approach

    municipality = factory.SubFactory(MunicipalityFactory)
    title = factory.Sequence(lambda n: f"Aanpak {n}")
    summary = "Een aanpak tegen eenzaamheid in de wijk."
    target_groups = ["older"]
    loneliness_kinds = ["social"]
    cost_per_year = 5000
    contact_name = "Contactpersoon"
    contact_email = "contact@example.invalid"
    state = ApproachState.DRAFT


def published(municipality, **fields) -> Approach:
    return ApproachFactory(
        municipality=municipality,
        state=ApproachState.PUBLISHED,
        published_at=timezone.now(),
        **fields,
    )
