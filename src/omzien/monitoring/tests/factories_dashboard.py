"""Test records of the monitoring page (issue 12): monitoring tables that count real test
residents, registered for one test only (the real tables are set aside meanwhile)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import Count
from django.utils import timezone

from omzien.core import extensions
from omzien.core.figure_records import (
    MonitoringColumn,
    MonitoringTable,
    MonitoringTableData,
)
from omzien.core.models import Resident
from omzien.core.tests.factories import ResidentFactory

#: Every call of a test table's build: (municipality id, since, until, district ids).
CALLS: list[tuple] = []


def build_residents(municipality, since, until, district_ids) -> MonitoringTableData:
    """Residents created in the period, per district: how many, and the share with a birth
    year (base: how many)."""
    CALLS.append((municipality.pk, since, until, district_ids))
    records = Resident.objects.filter(
        municipality=municipality, created_at__date__gte=since, created_at__date__lt=until
    )
    if district_ids is not None:
        records = records.filter(district_id__in=district_ids)
    rows = records.values("district__name").annotate(n=Count("pk"), known=Count("birth_year"))
    return MonitoringTableData(
        columns=(
            MonitoringColumn("district", "Wijk", "label"),
            MonitoringColumn("n", "Nieuwe inwoners", "count"),
            MonitoringColumn("share", "Met geboortejaar", "share", base="n"),
        ),
        rows=tuple(
            {
                "district": row["district__name"],
                "n": row["n"],
                "share": 100 * row["known"] / row["n"],
            }
            for row in rows.order_by("district__name")
        ),
        note="Geteld: inwoners die in de periode zijn ingeschreven.",
    )


RESIDENTS = MonitoringTable("test_residents", "Nieuwe inwoners per wijk", build_residents)
SECRET = MonitoringTable(
    "test_secret", "Alleen voor beheer", build_residents, action="manage_settings", order=200
)


@pytest.fixture
def registered_tables(monkeypatch):
    """Only the test tables are registered during the test."""
    CALLS.clear()
    monkeypatch.setattr(extensions.monitoring_tables, "_items", [RESIDENTS, SECRET])
    yield [RESIDENTS, SECRET]
    CALLS.clear()


def resident_on(municipality, district, day: dt.date, *, birth_year=None, name=None):
    resident = ResidentFactory(
        municipality=municipality,
        district=district,
        birth_year=birth_year,
        **({"name": name} if name else {}),
    )
    moment = timezone.make_aware(dt.datetime.combine(day, dt.time(12)))
    Resident.objects.filter(pk=resident.pk).update(created_at=moment, district=district)
    return resident
