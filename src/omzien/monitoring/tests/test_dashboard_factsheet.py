"""The factsheet's monitoring section (issue 12, item 7): the registered figures of the last
12 months, suppressed."""

from __future__ import annotations

import pytest

from omzien.core import extensions
from omzien.core.figure_records import MunicipalityFigure
from omzien.core.roles import Role
from omzien.core.tests.factories import member

pytestmark = [pytest.mark.issue(12), pytest.mark.django_db]


def fixed(values: dict):
    def compute(municipality_ids, since, until):
        return {
            pk: v for pk, v in values.items() if municipality_ids is None or pk in municipality_ids
        }

    return compute


@pytest.fixture
def figures(monkeypatch, small_municipality):
    pk = small_municipality.municipality.pk
    items = [
        MunicipalityFigure("signals", "Meldingen", fixed({pk: 12})),
        MunicipalityFigure("referrals_started", "Doorverwijzingen", fixed({pk: 3})),
        MunicipalityFigure(
            "contact_within_norm", "Binnen de norm", fixed({pk: 75.0}), kind="share",
            base=fixed({pk: 4}),
        ),
        MunicipalityFigure(
            "home_visit_reach", "Bereik huisbezoeken", fixed({pk: 40.0}), kind="share",
            base=fixed({pk: 50}),
        ),
        MunicipalityFigure("other", "Iets anders", fixed({pk: 99})),
    ]  # fmt: skip
    monkeypatch.setattr(extensions.municipality_figures, "_items", items)
    return items


def test_the_section_shows_the_key_figures_suppressed(figures, small_municipality):
    m = small_municipality.municipality
    section = next(s for s in extensions.factsheet_sections if s.key == "monitoring")
    assert section.order == 30
    part = section.build(member(Role.POLICY, m), m)
    assert part.title == "Monitoring"
    assert dict(part.rows) == {
        "Meldingen": "12",
        "Doorverwijzingen": "<5",
        "Binnen de norm": "te weinig",
        "Bereik huisbezoeken": "40,0%",
    }


def test_without_figures_there_is_no_section(monkeypatch, small_municipality):
    monkeypatch.setattr(extensions.municipality_figures, "_items", [])
    m = small_municipality.municipality
    section = next(s for s in extensions.factsheet_sections if s.key == "monitoring")
    assert section.build(member(Role.POLICY, m), m) is None
