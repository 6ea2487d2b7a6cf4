"""The readable audit log (issue 8, item 10): Dutch action names, names and links, Dutch
dates, filters and the CSV with the same filters, one entry per page view and none for HEAD,
OPTIONS or TRACE. In tests/integration: it uses the labels and pages of every app."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

import omzien
from omzien.core import audit
from omzien.core.extensions import audit_action_labels
from omzien.core.models import AuditEvent
from omzien.core.roles import Role
from omzien.core.tests.factories import login_verified, member
from omzien.signalling.tests.factories import file_signal, zeist

pytestmark = [pytest.mark.django_db, pytest.mark.issue(8)]

AMS = ZoneInfo("Europe/Amsterdam")
#: Codes passed to audit.record through a variable (the grep below cannot see them).
DYNAMIC_CODES = {
    "invitation_approved",
    "invitation_refused",
    "login_failed",
    "login_locked_out",
    "password_reset_limited",
    "settings_changed",
    "signalling_texts_changed",
}


def url(name, municipality, **kwargs):
    return reverse(name, kwargs={"municipality_slug": municipality.slug, **kwargs})


def test_every_audit_action_has_a_dutch_label():
    source = Path(omzien.__file__).parent
    codes = set(DYNAMIC_CODES)
    for path in source.rglob("*.py"):
        if "tests" in path.parts:
            continue
        codes |= set(re.findall(r'audit\.record\(\s*"([a-z_]+)"', path.read_text()))
    labels = audit_action_labels()
    assert codes - labels.keys() == set()
    assert len(codes) > 40


@pytest.fixture
def world():
    municipality = zeist()
    coordinator = member(Role.COORDINATOR, municipality, first_name="Karin", last_name="Kartrekker")
    admin = member(Role.ADMIN, municipality, first_name="Bea", last_name="Beheerder")
    intake = file_signal(municipality)
    return municipality, coordinator, admin, intake.case


def test_the_log_shows_dutch_names_people_and_dates(client, world):
    municipality, coordinator, admin, case = world
    with time_machine.travel(dt.datetime(2026, 3, 5, 14, 7, tzinfo=AMS), tick=False):
        audit.record("case_viewed", actor=coordinator, obj=case, resident=case.resident_id)
    login_verified(client, admin)
    page = client.get(url("core:audit_log", municipality)).content.decode()
    assert "Traject bekeken" in page and "Melding ontvangen" in page
    assert ">case_viewed<" not in page
    assert "Karin Kartrekker" in page
    assert "5 maart 2026, 14:07" in page
    assert f"Traject {case.pk}" in page and f"Inwoner {case.resident_id}" in page
    # The admin sees no residents or cases: no links to them.
    assert url("core:resident_detail", municipality, pk=case.resident_id) not in page
    assert url("signalling:case_detail", municipality, pk=case.pk) not in page
    # The name filters the log by that person.
    assert f"?persoon={coordinator.pk}" in page


def test_links_where_the_viewer_may_open_them(client, world):
    municipality, coordinator, _admin, case = world
    audit.record("case_viewed", actor=coordinator, obj=case, resident=case.resident_id)
    both = member(Role.ADMIN, municipality, user=coordinator)  # admin and coordinator
    login_verified(client, both)
    page = client.get(url("core:audit_log", municipality)).content.decode()
    assert url("core:resident_detail", municipality, pk=case.resident_id) in page
    assert url("signalling:case_detail", municipality, pk=case.pk) in page


def test_filters_and_the_csv_with_the_same_filters(client, world):
    municipality, coordinator, admin, case = world
    other = file_signal(municipality, postcode="3701 AC", house_number="9").case
    march = dt.datetime(2026, 3, 5, 10, 0, tzinfo=AMS)
    with time_machine.travel(march, tick=False):
        audit.record("case_viewed", actor=coordinator, obj=case, resident=case.resident_id)
        audit.record("case_viewed", actor=coordinator, obj=other, resident=other.resident_id)
        audit.record(
            "case_list_viewed",
            actor=admin,
            municipality=municipality,
            cases=[case.pk, other.pk],
            residents=[case.resident_id, other.resident_id],
        )
    login_verified(client, admin)

    def events(**query):
        response = client.get(url("core:audit_log_csv", municipality), query)
        body = b"".join(response.streaming_content).decode()
        return list(csv.DictReader(io.StringIO(body)))

    assert {r["action"] for r in events(persoon=coordinator.pk)} == {"case_viewed"}
    assert {r["action"] for r in events(handeling="case_list_viewed")} == {"case_list_viewed"}
    by_case = events(traject=case.pk)
    assert {r["action"] for r in by_case} == {"signal_received", "case_viewed", "case_list_viewed"}
    # (Compare cases with cases: a signal's number may equal the other case's by chance.)
    assert not any(
        r["object_type"] == "signalling.case" and r["object_id"] == str(other.pk) for r in by_case
    )
    by_resident = events(inwoner=other.resident_id)
    assert {r["action"] for r in by_resident} == {
        "signal_received",
        "case_viewed",
        "case_list_viewed",
    }
    assert len(events(van="2026-03-05", tot="2026-03-05")) == 3
    assert events(van="2026-03-06", tot="2026-03-31") == []
    row = events(persoon=coordinator.pk)[0]
    assert (row["action_label"], row["actor_name"]) == ("Traject bekeken", "Karin Kartrekker")

    page = client.get(url("core:audit_log", municipality), {"traject": case.pk})
    body = page.content.decode()
    assert "3 gebeurtenissen" in body
    assert f"audit.csv?traject={case.pk}" in body
    refused = client.get(
        url("core:audit_log", municipality), {"van": "2026-03-06", "tot": "2026-03-05"}
    )
    assert "Deze datum ligt voor de datum bij" in refused.content.decode()


def _events_of(client, method, address, **kwargs):
    before = AuditEvent.objects.count()
    response = getattr(client, method)(address, **kwargs)
    added = list(AuditEvent.objects.order_by("id").values_list("action", flat=True)[before:])
    return response, added


def test_one_entry_per_page_view(client, world):
    municipality, coordinator, _admin, case = world
    login_verified(client, coordinator)
    for address, action in (
        (url("signalling:case_detail", municipality, pk=case.pk), "case_viewed"),
        (url("signalling:case_queue", municipality), "case_list_viewed"),
        (url("core:resident_detail", municipality, pk=case.resident_id), "resident_viewed"),
        (url("core:resident_list", municipality), "resident_list_viewed"),
        (url("signalling:resident_export", municipality, pk=case.resident_id), "resident_exported"),
    ):
        response, added = _events_of(client, "get", address)
        assert response.status_code == 200, address
        assert added == [action], address


def test_an_action_on_a_page_records_the_action_not_also_a_view(client, world):
    municipality, coordinator, _admin, case = world
    caseworker = member(Role.CASEWORKER, municipality)
    login_verified(client, coordinator)
    address = url("signalling:case_assign", municipality, pk=case.pk)
    response, added = _events_of(
        client, "post", address, data={"toewijzen-caseworker": caseworker.pk}
    )
    assert response.status_code == 302
    assert added == ["case_assigned"]


@pytest.mark.parametrize("method", ["head", "options", "trace"])
def test_no_entry_for_head_options_or_trace(client, world, method):
    municipality, coordinator, _admin, case = world
    login_verified(client, coordinator)
    for address in (
        url("signalling:case_detail", municipality, pk=case.pk),
        url("signalling:case_queue", municipality),
        url("core:resident_detail", municipality, pk=case.resident_id),
        url("core:resident_list", municipality),
        url("signalling:resident_export", municipality, pk=case.resident_id),
    ):
        response, added = _events_of(client, method, address)
        assert added == [], (method, address)
        # HEAD: the page's headers (or 405 where a page takes GET only), never its reads.
        expected = {200, 405} if method == "head" else {405}
        assert response.status_code in expected, (method, address)
