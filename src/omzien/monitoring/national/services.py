"""Writes of the national monitoring (issue 12, item 4): the programme team enters the figures
only people know. Acting user first, the national-role check, one transaction, one audit
event."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.text import slugify

from omzien.core import audit
from omzien.core.scoping import can
from omzien.monitoring.models import ProgrammeFigure


def _slug(label: str) -> str:
    return slugify(label)[:120] or "cijfer"


@transaction.atomic
def enter_programme_figure(
    actor, *, year: int, label: str, value: int, source: str, note: str = ""
) -> tuple[ProgrammeFigure, bool]:
    """Save a programme figure of a year; the same label for the same year replaces the
    earlier one. Returns (figure, created). Only a national role with
    ``enter_programme_figures`` may do this (the same check as the national pages)."""
    if not can(actor, "enter_programme_figures", None):
        raise PermissionDenied("enter_programme_figures")
    label = " ".join(label.split())
    figure = ProgrammeFigure.objects.select_for_update().filter(year=year, label=label).first()
    created = figure is None
    if created:
        figure = ProgrammeFigure(year=year, label=label)
    figure.key = _slug(label)
    figure.value, figure.source, figure.note = value, source, note
    figure.entered_by = actor
    figure.save()
    audit.record("programme_figure_entered", actor=actor, obj=figure, jaar=year)
    return figure, created
