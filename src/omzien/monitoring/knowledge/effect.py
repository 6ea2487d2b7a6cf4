"""The measured effect of an approach, taken from signalling's "what works" figures
(signalling/whatworks/figures.py) when the approach names an initiative of the catalogue.

The figures are those of the municipality that shares the approach; staff of other
municipalities may not compute them (``view_what_works`` holds in one's own municipality
only). So the author's save takes a snapshot of the initiative's row as shown there: counts
below 5 already "<5", no average on fewer than 5 pairs. The page shows it with its source
and date; saving again refreshes it.
"""

from __future__ import annotations

from django.utils import timezone

from omzien.core.scoping import can
from omzien.signalling.whatworks import figures

#: The keys of a snapshot's cells, in the order of ``Tally.cells()``.
CELLS = ("referrals", "started", "still_going", "pairs", "mean", "low", "high")


def snapshot(actor, approach) -> dict:
    """The initiative's what-works row as the actor may see it, or {} when there is none."""
    initiative = approach.initiative
    if initiative is None or not can(actor, "view_what_works", approach.municipality):
        return {}
    result = figures.what_works(actor, approach.municipality)
    tally = next((t for t in result.by_initiative if t.key == str(initiative.pk)), None)
    if tally is None:
        return {"initiative": initiative.name, "computed_on": timezone.localdate().isoformat()}
    return {
        "initiative": initiative.name,
        "instrument": result.instrument_name,
        "computed_on": timezone.localdate().isoformat(),
        "cells": dict(zip(CELLS, tally.cells(), strict=True)),
        "min_count": figures.MIN_COUNT,
        "follow_up_days": figures.FOLLOW_UP_DAYS,
    }
