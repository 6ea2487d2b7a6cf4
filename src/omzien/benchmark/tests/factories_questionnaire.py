"""Helpers for the questionnaire's tests (issue 12): a year's questionnaire, time travel into
its window, and figures registered for one test only."""

from __future__ import annotations

import datetime
from contextlib import contextmanager

import time_machine

from omzien.core.extensions import MunicipalityFigure, municipality_figures

#: A day inside the default window of 2026 (1 September to 7 October).
IN_WINDOW = datetime.date(2026, 9, 15)


@contextmanager
def on_day(day: datetime.date):
    """Freeze the clock at noon (Europe/Amsterdam) of ``day``."""
    at = datetime.datetime(day.year, day.month, day.day, 12, tzinfo=datetime.UTC)
    with time_machine.travel(at, tick=False):
        yield


@contextmanager
def registered_figures(values: dict[str, tuple[str, dict[int, float]]]):
    """Register ``{key: (kind, {municipality_id: value})}`` as figures for the duration,
    hiding any real figure with the same key; the registry is restored afterwards. The
    periods asked for are recorded in the returned list."""
    asked: list[tuple] = []
    saved = list(municipality_figures._items)

    def compute_for(key, found):
        def compute(ids, since, until):
            asked.append((key, tuple(ids or ()), since, until))
            return {pk: value for pk, value in found.items() if ids is None or pk in ids}

        return compute

    try:
        municipality_figures._items[:] = [f for f in saved if f.key not in values]
        for key, (kind, found) in values.items():
            municipality_figures.register(
                MunicipalityFigure(key, key, compute_for(key, found), kind=kind)
            )
        yield asked
    finally:
        municipality_figures._items[:] = saved
