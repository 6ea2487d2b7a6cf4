"""The programme figure entry is a service (issue 12, item 4): only the programme team may
enter a figure, in one transaction with its audit event; the same label and year replaces."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from omzien.core.models import AuditEvent
from omzien.core.roles import Role
from omzien.core.tests.factories import UserFactory, member
from omzien.monitoring.models import ProgrammeFigure
from omzien.monitoring.national.services import enter_programme_figure

pytestmark = [pytest.mark.issue(12), pytest.mark.django_db]

FIGURE = {"year": 2026, "label": "Campagnebereik", "value": 1200, "source": "Bureau"}


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.ADMIN, Role.POLICY])
def test_a_municipality_role_is_refused_by_the_service(small_municipality, role):
    actor = member(role, small_municipality.municipality)
    with pytest.raises(PermissionDenied):
        enter_programme_figure(actor, **FIGURE)
    with pytest.raises(PermissionDenied):
        enter_programme_figure(UserFactory(), **FIGURE)
    assert not ProgrammeFigure.objects.exists()
    assert not AuditEvent.objects.filter(action="programme_figure_entered").exists()


def test_the_programme_enters_and_replaces_a_figure_with_an_audit_event():
    actor = member(Role.PROGRAMME)
    figure, created = enter_programme_figure(actor, **FIGURE)
    assert created and figure.key == "campagnebereik" and figure.entered_by == actor
    again, created = enter_programme_figure(actor, **{**FIGURE, "value": 1300})
    assert not created and again.pk == figure.pk
    assert ProgrammeFigure.objects.get().value == 1300
    assert AuditEvent.objects.filter(action="programme_figure_entered").count() == 2
