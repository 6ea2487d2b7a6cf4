"""The one way to read a municipality's home-visit settings: ``settings_of``. A read never
writes: without a stored row the defaults apply (an unsaved ``VisitSettings``)."""

from __future__ import annotations

from omzien.visits.models import VisitSettings


def settings_of(municipality) -> VisitSettings:
    """The stored settings of ``municipality``, or its defaults (unsaved) if none are stored."""
    found = VisitSettings.objects.filter(municipality=municipality).first()
    return found or VisitSettings(municipality=municipality)
