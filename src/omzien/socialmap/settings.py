"""The one way to read a municipality's social map settings: ``settings_of``.

A read never writes: without a stored row the defaults apply (an unsaved
``SocialMapSettings``). Only a service (``settings_services.py``) stores a row, when a
coordinator changes something on the settings page.
"""

from __future__ import annotations

from omzien.socialmap.models import SocialMapSettings


def settings_of(municipality) -> SocialMapSettings:
    """The stored settings of ``municipality``, or its defaults (unsaved) if none are stored."""
    found = SocialMapSettings.objects.filter(municipality=municipality).first()
    return found or SocialMapSettings(municipality=municipality)
