"""Fixtures shared by the whole suite."""

from __future__ import annotations

import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the real reference data (342 municipalities, districts, PC4) once per session."""
    with django_db_blocker.unblock():
        call_command("load_reference_data", verbosity=0)


@pytest.fixture
def demo(db):
    """The demo municipality Zeist with one account per role."""
    from omzien.core.demo import load_demo
    from omzien.core.models import Municipality

    load_demo()
    return Municipality.objects.get(code="GM0355")


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
