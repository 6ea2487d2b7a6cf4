"""Test helpers for the signalling point: signals go in through the real intake service."""

from __future__ import annotations

from omzien.core.models import Municipality
from omzien.signalling.intake.services import IntakeResult, SignalInput, submit_signal
from omzien.signalling.models import Channel

ZEIST = "GM0355"


def zeist() -> Municipality:
    """The real municipality Zeist from the reference data (loaded for every test session)."""
    return Municipality.objects.get(code=ZEIST)


def file_signal(
    municipality: Municipality | None = None,
    *,
    postcode: str = "3701 AB",
    house_number: str = "1",
    concern: str = "De gordijnen zijn al dagen dicht.",
    channel: str = Channel.PUBLIC_FORM,
    actor=None,
    **fields,
) -> IntakeResult:
    return submit_signal(
        actor=actor,
        municipality=municipality or zeist(),
        channel=channel,
        data=SignalInput(postcode=postcode, house_number=house_number, concern=concern, **fields),
    )


def go_live(municipality: Municipality | None = None) -> Municipality:
    """Open the signalling point of a municipality (default Zeist): only then do its public
    form, self-referral, partner links and partner API take signals."""
    from django.utils import timezone

    from omzien.signalling.models import SignallingSettings

    municipality = municipality or zeist()
    SignallingSettings.objects.update_or_create(
        municipality=municipality, defaults={"live_since": timezone.now()}
    )
    return municipality


def fail_to_reach(case, actor, methods=("phone", "letter", "visit"), days_apart: float = 1):
    """Contact attempts without an answer by each method, ``days_apart`` days after each
    other and ending now (the rule for 'niet bereikbaar' wants them spread over days and
    routes)."""
    import datetime as dt

    import time_machine
    from django.utils import timezone

    from omzien.signalling.cases import services

    step = dt.timedelta(days=days_apart)
    # A minute more than the days asked, so that the spread is never a hair short of them.
    start = timezone.now() - step * (len(methods) - 1) - dt.timedelta(minutes=1)
    for index, method in enumerate(methods):
        at = start + step * index + (dt.timedelta(minutes=1) if index else dt.timedelta())
        with time_machine.travel(at, tick=True):
            services.log_attempt(actor=actor, case=case, method=method, reached=False)
