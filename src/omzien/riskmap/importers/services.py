"""Applying a parsed file: one transaction that replaces the figures of its source and
year(s) (and, for an own survey, its municipality), with an import run and an audit event."""

from __future__ import annotations

import hashlib

from django.db import transaction

from omzien.core import audit
from omzien.riskmap.importers.report import ParsedFile, report_of
from omzien.riskmap.models import AreaFigure, ImportRun, Source, level_of


def apply_parsed(
    parsed: ParsedFile, *, actor=None, municipality=None, data: bytes = b""
) -> list[ImportRun]:
    """Replace the source's figures of every year in ``parsed``; returns the runs."""
    if (parsed.source == Source.OWN_SURVEY) != (municipality is not None):
        raise ValueError("an own survey belongs to one municipality, public figures to none")
    digest = hashlib.sha256(data).hexdigest() if data else ""
    runs = []
    with transaction.atomic():
        for year in parsed.years:
            AreaFigure.objects.filter(
                source=parsed.source, year=year, municipality=municipality
            ).delete()
            report = report_of(parsed, year)
            run = ImportRun.objects.create(
                source=parsed.source,
                year=year,
                file_name=parsed.file_name[:255],
                sha256=digest,
                municipality=municipality,
                loaded=report["loaded"],
                skipped=report["skipped"],
                rejected=0,
                report=report,
                created_by=actor,
            )
            AreaFigure.objects.bulk_create(
                (
                    AreaFigure(
                        import_run=run,
                        source=parsed.source,
                        year=year,
                        municipality=municipality,
                        area_code=f.area_code,
                        level=level_of(f.area_code),
                        indicator=f.indicator,
                        age_group=f.age_group,
                        value=f.value,
                        lower=f.lower,
                        upper=f.upper,
                        suppressed=f.suppressed,
                    )
                    for f in parsed.figures
                    if f.year == year
                ),
                batch_size=1000,
            )
            audit.record(
                "riskmap_figures_imported",
                actor=actor,
                municipality=municipality,
                obj=run,
                source=parsed.source,
                year=year,
                loaded=run.loaded,
                skipped=run.skipped,
            )
            runs.append(run)
    return runs
