"""Settings are read one way and never created by a read (issue 7): ``settings_of`` gives
the defaults without a row; pages, the status page, notifications and retention only read."""

from __future__ import annotations

import pytest
from django.core import mail

from omzien.core.roles import Role
from omzien.core.tests.factories import login_verified, member
from omzien.signalling import notifications
from omzien.signalling.models import SignallingSettings
from omzien.signalling.privacy.retention import run_retention
from omzien.signalling.settings import settings_of
from omzien.signalling.tests.factories import file_signal, zeist

pytestmark = [pytest.mark.django_db, pytest.mark.issue(7)]


def test_reading_settings_gives_the_defaults_and_stores_nothing():
    norms = settings_of(zeist())
    assert (norms.first_contact_hours, norms.unreachable_attempts, norms.retention_days) == (
        48,
        3,
        365,
    )
    assert norms.pk is None
    assert not SignallingSettings.objects.exists()


def test_no_page_or_job_creates_a_settings_row(client):
    municipality = zeist()
    signal = file_signal(municipality, concern="Ik wil er een eind aan maken").signal
    coordinator = member(Role.COORDINATOR, municipality)
    login_verified(client, coordinator)
    for url in (
        "/g/zeist/signaalpunt/",
        "/g/zeist/instellingen/",
        f"/g/zeist/meldingen/{signal.case_id}/",
        "/melden/zeist/",
        f"/status/{signal.receipt_code}/",
    ):
        assert client.get(url).status_code == 200, url
    notifications.urgent_signal(signal)
    run_retention(municipality, dry_run=True)
    assert len(mail.outbox) >= 1
    assert not SignallingSettings.objects.exists()


def test_the_first_change_stores_the_row(client):
    municipality = zeist()
    login_verified(client, member(Role.COORDINATOR, municipality))
    response = client.post(
        "/g/zeist/instellingen/",
        {
            "onderdeel": "normen",
            "normen-first_contact_hours": "24",
            "normen-urgent_contact_hours": "4",
            "normen-unreachable_attempts": "3",
            "normen-unreachable_min_days": "2",
            "normen-unreachable_min_routes": "2",
            "normen-follow_up_days": "14",
            "normen-retention_days": "365",
            "normen-reporter_contact_retention_days": "30",
        },
    )
    assert response.status_code == 302
    assert settings_of(municipality).first_contact_hours == 24
    assert SignallingSettings.objects.count() == 1
    refused = client.post(
        "/g/zeist/instellingen/", {"onderdeel": "normen", "normen-first_contact_hours": "0"}
    )
    assert refused.status_code == 422
    assert 'value="0"' in refused.content.decode()
    assert settings_of(municipality).first_contact_hours == 24
