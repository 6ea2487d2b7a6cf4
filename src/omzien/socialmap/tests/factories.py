"""Test helpers for the social map."""

from __future__ import annotations

from omzien.core.models import Organisation
from omzien.socialmap.models import Initiative


def initiative(organisation: Organisation, **fields) -> Initiative:
    values = {
        "name": "Koffieochtend De Linde",
        "description": "Elke dinsdag koffie en een praatje in het buurthuis.",
        "kinds": ["meeting"],
        "street": "Slotlaan 1",
        "postcode": "3701 AB",
        "place": "Zeist",
        **fields,
    }
    return Initiative.objects.create(
        municipality=organisation.municipality, organisation=organisation, **values
    )
