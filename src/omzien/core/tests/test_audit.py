"""The audit log: an event per read and write of personal data; no way to alter one."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from omzien.core.models import AuditEvent
from omzien.core.models.audit import AppendOnlyError
from omzien.core.roles import Role
from omzien.core.tests.factories import MunicipalityFactory, ResidentFactory, member

pytestmark = [pytest.mark.django_db, pytest.mark.issue(2)]


def test_viewing_a_resident_writes_an_event(client_as):
    resident = ResidentFactory()
    client = client_as(Role.COORDINATOR, resident.municipality)
    before = AuditEvent.objects.count()
    url = reverse("core:resident_detail", args=[resident.municipality.slug, resident.pk])
    assert client.get(url).status_code == 200
    event = AuditEvent.objects.exclude(action__in=["login"]).order_by("-id").first()
    assert AuditEvent.objects.count() == before + 1
    assert event.action == "resident_viewed"
    assert event.actor == client.user
    assert event.resident_id_ref == resident.pk
    assert event.municipality == resident.municipality


def test_listing_residents_writes_an_event_naming_who_was_shown(client_as):
    resident = ResidentFactory()
    client = client_as(Role.COORDINATOR, resident.municipality)
    client.get(reverse("core:resident_list", args=[resident.municipality.slug]))
    event = AuditEvent.objects.filter(action="resident_list_viewed").get()
    assert event.extra["residents"] == [resident.pk]


def test_creating_a_resident_writes_an_event_without_personal_data(client_as):
    municipality = MunicipalityFactory()
    client = client_as(Role.COORDINATOR, municipality)
    response = client.post(
        reverse("core:resident_create", args=[municipality.slug]),
        {"name": "Fictieve Persoon", "house_number": "12", "postcode": "3701 AB"},
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="resident_created")
    assert "Fictieve" not in str(event.extra)
    assert event.resident_id_ref is not None


def test_an_event_cannot_be_changed_or_deleted_through_the_orm():
    event = AuditEvent.objects.create(action="test")
    event.action = "changed"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(action="changed")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.get(pk=event.pk).action == "test"


def test_the_database_refuses_an_update_in_raw_sql():
    event = AuditEvent.objects.create(action="test")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET action = 'changed' WHERE id = %s", [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).action == "test"


def test_admin_sees_the_log_and_exports_csv(client_as):
    municipality = MunicipalityFactory()
    resident = ResidentFactory(municipality=municipality)
    coordinator = member(Role.COORDINATOR, municipality)
    from omzien.core import audit

    audit.record("resident_viewed", actor=coordinator, resident=resident)
    client = client_as(Role.ADMIN, municipality)
    page = client.get(reverse("core:audit_log", args=[municipality.slug]))
    assert page.status_code == 200
    assert "Inwoner bekeken</td>" in page.content.decode()
    export = client.get(reverse("core:audit_log_csv", args=[municipality.slug]))
    assert export["Content-Type"].startswith("text/csv")
    body = b"".join(export.streaming_content).decode()
    lines = body.strip().splitlines()
    assert lines[0].startswith("id,at,actor,action")
    assert any(f"resident_viewed,core.resident,{resident.pk},{resident.pk}" in li for li in lines)


def test_admin_of_another_municipality_does_not_see_the_events(client_as):
    municipality = MunicipalityFactory()
    resident = ResidentFactory(municipality=municipality)
    from omzien.core import audit

    audit.record("resident_viewed", actor=None, resident=resident)
    other = MunicipalityFactory()
    client = client_as(Role.ADMIN, other)
    page = client.get(reverse("core:audit_log", args=[other.slug]))
    # The action filter lists every action; no event of the other municipality is shown.
    assert "Inwoner bekeken</td>" not in page.content.decode()
    assert "Geen gebeurtenissen gevonden." in page.content.decode()


def test_audit_refuses_free_text_in_extra():
    with pytest.raises(ValueError):
        from omzien.core import audit

        audit.record("note", note="x" * 200)


def test_django_admin_offers_no_change_or_delete():
    event = AuditEvent.objects.create(action="test")
    from django.contrib.admin.sites import site

    model_admin = site._registry[AuditEvent]
    assert not model_admin.has_change_permission(None, event)
    assert not model_admin.has_delete_permission(None, event)
    assert not model_admin.has_add_permission(None)


@pytest.mark.issue(8)
def test_the_database_refuses_a_delete_in_raw_sql():
    event = AuditEvent.objects.create(action="test")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditevent WHERE id = %s", [event.pk])
    assert AuditEvent.objects.filter(pk=event.pk).exists()


#: The documented purge procedure (docs/privacy.md, "Purging the audit log"): one transaction
#: lifts the guard, deletes, and puts the guard back before it commits.
PURGE_SQL = {
    "postgresql": [
        "ALTER TABLE core_auditevent DISABLE TRIGGER core_auditevent_no_delete",
        "DELETE FROM core_auditevent WHERE id = %s",
        "ALTER TABLE core_auditevent ENABLE TRIGGER core_auditevent_no_delete",
    ],
    "sqlite": [
        "DROP TRIGGER core_auditevent_no_delete",
        "DELETE FROM core_auditevent WHERE id = %s",
        "CREATE TRIGGER core_auditevent_no_delete BEFORE DELETE ON core_auditevent "
        "BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END",
    ],
}


@pytest.mark.issue(8)
def test_the_documented_purge_removes_rows_and_keeps_the_guard():
    purged = AuditEvent.objects.create(action="test")
    kept = AuditEvent.objects.create(action="test")
    if connection.vendor == "postgresql":
        # The test's own inserts leave deferred checks pending; an operator's session has none.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in PURGE_SQL[connection.vendor]:
            cursor.execute(statement, [purged.pk] if "%s" in statement else None)
    assert not AuditEvent.objects.filter(pk=purged.pk).exists()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditevent WHERE id = %s", [kept.pk])
    assert AuditEvent.objects.filter(pk=kept.pk).exists()
