"""The write of the social map's settings (the municipality's settings page): the actor
first, permission through the scoping layer, one transaction, one audit event."""

from __future__ import annotations

from django.db import transaction

from omzien.core import audit
from omzien.core.models import Municipality, User
from omzien.core.scoping import require
from omzien.socialmap.matching import DEFAULT_WEIGHTS, check_weights
from omzien.socialmap.models import SocialMapSettings
from omzien.socialmap.settings import settings_of


@transaction.atomic
def update_match_settings(
    *, actor: User, municipality: Municipality, max_km: int, weights: dict
) -> SocialMapSettings:
    """Store the farthest reachable distance and the matching weights. Only weights that
    differ from ``DEFAULT_WEIGHTS`` are stored, so the others follow the documented defaults.
    Unknown names, non-numbers and values outside 0-10 are refused (ValidationError, Dutch)."""
    require(actor, "manage_settings", municipality)
    checked = check_weights(weights)
    stored = {name: value for name, value in checked.items() if value != DEFAULT_WEIGHTS[name]}
    settings = settings_of(municipality)
    changed = []
    if settings.match_max_km != max_km:
        settings.match_max_km = max_km
        changed.append("match_max_km")
    if settings.match_weights != stored:
        settings.match_weights = stored
        changed.append("match_weights")
    if changed:
        settings.full_clean(exclude=["municipality"])
        settings.save()
        audit.record(
            "socialmap_settings_changed", actor=actor, municipality=municipality, fields=changed
        )
    return settings
