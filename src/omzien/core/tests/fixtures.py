"""The reference data the test suite runs on.

The session fixture in ``conftest.py`` loads only :data:`TEST_MUNICIPALITIES` (with their
districts and PC4 areas, and all provinces) instead of all 342 municipalities, 3,474 districts
and 4,067 PC4 areas: the tests use just these few. New tests should rather use the fictitious
``small_municipality`` fixture (see :func:`omzien.core.tests.factories.make_small_municipality`).
Tests whose subject is the reference data itself load the full set in their own fixture
(``core/tests/test_reference_data.py``) and put the small set back with
:func:`keep_only_test_reference_data`.

A transactional test (``transactional_db``, ``live_server``: the browser tests) empties every
table at its end; ``conftest.py`` then loads the small set again with
:func:`load_test_reference_data`, so every test starts with the same reference data.
"""

from __future__ import annotations

import functools

from django.db import transaction

#: The real municipalities the tests use: Zeist and De Bilt (the demo, with the ``regio``
#: account), Utrecht (a neighbouring municipality for isolation tests) and Amsterdam (a
#: postcode of another municipality). Add a code here when a test needs another one.
TEST_MUNICIPALITIES = ("GM0355", "GM0310", "GM0344", "GM0363")


@functools.cache
def _test_reference_data():
    from omzien.core.management.commands.load_reference_data import restrict
    from omzien.core.reference import read_reference_data

    return restrict(read_reference_data(), TEST_MUNICIPALITIES)


def load_test_reference_data() -> None:
    """Load (or complete) the reference data of :data:`TEST_MUNICIPALITIES`.

    The same as ``manage.py load_reference_data --only GM0355,...``, but the files are read
    only once per process.
    """
    from omzien.core.management.commands.load_reference_data import sync_reference_data

    with transaction.atomic():
        sync_reference_data(_test_reference_data())


def has_test_reference_data() -> bool:
    from omzien.core.models import District, Municipality

    return (
        Municipality.objects.filter(code__in=TEST_MUNICIPALITIES).count()
        == len(TEST_MUNICIPALITIES)
        and District.objects.filter(municipality__code=TEST_MUNICIPALITIES[0]).exists()
    )


def keep_only_test_reference_data() -> None:
    """Remove the areas of every municipality outside :data:`TEST_MUNICIPALITIES` (after a
    test module loaded the full reference data) and reload the small set."""
    from omzien.core.models import District, Municipality, Neighbourhood, PostcodeArea

    with transaction.atomic():
        PostcodeArea.objects.exclude(municipality__code__in=TEST_MUNICIPALITIES).delete()
        Neighbourhood.objects.exclude(municipality__code__in=TEST_MUNICIPALITIES).delete()
        District.objects.exclude(municipality__code__in=TEST_MUNICIPALITIES).delete()
        Municipality.objects.exclude(code__in=TEST_MUNICIPALITIES).delete()
    load_test_reference_data()


_SQLITE_GUARD = (
    "CREATE TRIGGER IF NOT EXISTS core_auditevent_no_delete BEFORE DELETE ON core_auditevent "
    "BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END"
)


def lift_audit_delete_guard() -> None:
    """Before a transactional test empties every table: the database refuses DELETE on the
    audit log (migration core/0004). PostgreSQL empties tables with TRUNCATE, which the
    row trigger does not see; SQLite deletes rows, so the test lifts the guard there."""
    from django.db import connection

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DROP TRIGGER IF EXISTS core_auditevent_no_delete")


def restore_audit_delete_guard() -> None:
    """Put the guard back once the tables are empty (see :func:`lift_audit_delete_guard`)."""
    from django.db import connection

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(_SQLITE_GUARD)
