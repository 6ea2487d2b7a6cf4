"""Fixtures shared by the whole suite."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the reference data of the few real municipalities the tests use (Zeist, De Bilt,
    Utrecht, Amsterdam: ``omzien.core.tests.fixtures.TEST_MUNICIPALITIES``) once per session,
    that is once per xdist worker, each with its own test database. Tests of the reference
    data itself load the full set in their own fixture."""
    from omzien.core.tests.fixtures import load_test_reference_data

    with django_db_blocker.unblock():
        load_test_reference_data()


_TRANSACTIONAL = pytest.StashKey[object]()


@pytest.fixture(autouse=True)
def _note_transactional_test(request):
    """Remember the database blocker of a transactional test (``transactional_db``,
    ``live_server``, ``django_db(transaction=True)``): see pytest_runtest_teardown."""
    marker = request.node.get_closest_marker("django_db")
    if bool(marker and marker.kwargs.get("transaction")) or any(
        name in request.fixturenames for name in ("transactional_db", "live_server")
    ):
        request.node.stash[_TRANSACTIONAL] = request.getfixturevalue("django_db_blocker")
        # Set up the database helper from here, so that this fixture's teardown runs before
        # the helper empties every table: the audit log's DELETE guard is lifted first.
        request.getfixturevalue("_django_db_helper")
        yield
        from omzien.core.tests.fixtures import lift_audit_delete_guard

        lift_audit_delete_guard()
        return
    yield


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test empties every table at its end. Once all its fixtures are torn
    down, put the suite's reference data back, so the next test in this worker starts with
    it, whatever the order (xdist) the tests run in."""
    try:
        return (yield)
    finally:
        blocker = item.stash.get(_TRANSACTIONAL, None)
        # After the last test the session's teardown has dropped the test database.
        if blocker is not None and nextitem is not None:
            from omzien.core.tests.fixtures import (
                has_test_reference_data,
                load_test_reference_data,
                restore_audit_delete_guard,
            )

            with blocker.unblock():
                restore_audit_delete_guard()
                if not has_test_reference_data():
                    load_test_reference_data()
                _restore_seed_rows()


#: Rows that data migrations put in (the national help lines, the Week tegen Eenzaamheid
#: dates, the national prevalence tables of the risk map): a transactional test's flush empties
#: them too, so put them back the same way.
SEED_ROWS = (
    ("omzien.core.migrations.0007_helplines", "add_lines"),
    ("omzien.socialmap.migrations.0003_keys_points_settings", "add_weeks"),
    ("omzien.riskmap.migrations.0002_prevalence", "add_tables"),
)


def _restore_seed_rows() -> None:
    from importlib import import_module

    from django.apps import apps

    for module, function in SEED_ROWS:
        getattr(import_module(module), function)(apps, None)


@pytest.fixture
def demo(db):
    """The demo municipality Zeist with one account per role."""
    from omzien.core.demo import load_demo
    from omzien.core.models import Municipality

    load_demo()
    return Municipality.objects.get(code="GM0355")


@pytest.fixture
def small_municipality(db):
    """A small fictitious municipality (Proefdorp, GM9901: three districts with square
    boundaries, four PC4 areas, a welfare organisation with a team per district). See
    ``omzien.core.tests.factories.make_small_municipality``."""
    from omzien.core.tests.factories import make_small_municipality

    return make_small_municipality()


@pytest.fixture
def client_as(client, db):
    """A test client logged in (with a verified second factor) as a member with one role.

    ``client_as("coordinator", municipality)`` creates a user with that role there.
    """
    from omzien.core.tests.factories import login_verified, member

    def make(role: str, municipality=None, **kwargs):
        user = member(role, municipality, **kwargs)
        login_verified(client, user)
        client.user = user
        return client

    return make
