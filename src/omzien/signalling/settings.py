"""The one way to read a municipality's signalling settings: ``settings_of``.

A read never writes: without a stored row the defaults apply (an unsaved
``SignallingSettings``). Only the setup services (``setup/services.py``) store a row, when a
coordinator or admin changes something.
"""

from __future__ import annotations

from omzien.signalling.models import SignallingSettings

#: The fields a coordinator sets as norms and periods (the settings page's section).
NORM_FIELDS = (
    "first_contact_hours",
    "urgent_contact_hours",
    "unreachable_attempts",
    "unreachable_min_days",
    "unreachable_min_routes",
    "follow_up_days",
    "referral_follow_up_days",
    "retention_days",
    "reporter_contact_retention_days",
)
#: The texts reporters see and the address for urgent e-mails (the setup page).
TEXT_FIELDS = (
    "received_text",
    "in_progress_text",
    "closed_text",
    "reporter_guide",
    "first_contact_guide",
    "notify_email",
)


def settings_of(municipality) -> SignallingSettings:
    """The stored settings of ``municipality``, or its defaults (unsaved) if none are stored."""
    found = SignallingSettings.objects.filter(municipality=municipality).first()
    return found or SignallingSettings(municipality=municipality)


def is_live(municipality) -> bool:
    """Does the municipality (or the municipality with this id) use the signalling point?
    Only then do the public form, the self-referral form, partner links and the partner API
    take signals (issue 8)."""
    return SignallingSettings.objects.filter(
        municipality=municipality, live_since__isnull=False
    ).exists()
