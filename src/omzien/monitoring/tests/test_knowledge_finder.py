"""Finding approaches (issue 12, item 5): by kind of loneliness, target group, size of the
municipality and words; the size class follows the benchmark's classes."""

from __future__ import annotations

import pytest
from django.urls import reverse

from omzien.core.roles import Role
from omzien.core.tests.factories import MunicipalityFactory, login_verified, member
from omzien.monitoring.knowledge import services
from omzien.monitoring.models import SizeClass
from omzien.monitoring.models.knowledge import size_class_of
from omzien.monitoring.tests.factories_knowledge import ApproachFactory, published

pytestmark = [pytest.mark.django_db, pytest.mark.issue(12)]


@pytest.mark.parametrize(
    ("inhabitants", "size"),
    [
        (972, SizeClass.SMALL),
        (19_999, SizeClass.SMALL),
        (20_000, SizeClass.MEDIUM),
        (49_999, SizeClass.MEDIUM),
        (50_000, SizeClass.LARGE),
        (100_000, SizeClass.CITY),
        (None, ""),
        ("onbekend", ""),
    ],
)
def test_size_classes(inhabitants, size):
    assert size_class_of(inhabitants) == size


@pytest.fixture
def shelf():
    small = MunicipalityFactory(name="Dorp", key_figures={"aantal_inwoners": 9_000})
    city = MunicipalityFactory(name="Stad", key_figures={"aantal_inwoners": 250_000})
    return {
        "buddy": published(
            small, title="Maatjes", loneliness_kinds=["emotional"], target_groups=["widowhood"],
            size_class=SizeClass.SMALL,
        ),
        "room": published(
            city, title="Buurtkamer", loneliness_kinds=["social"],
            target_groups=["older", "moved"], size_class=SizeClass.CITY,
            summary="Een huiskamer in de wijk met koffie.",
        ),
        "role": published(
            city, title="Vrijwilligerswerk", loneliness_kinds=["existential", "social"],
            target_groups=["retirement"], size_class=SizeClass.CITY,
        ),
        "draft": ApproachFactory(
            municipality=city, title="Concept", loneliness_kinds=["social"],
            size_class=SizeClass.CITY,
        ),
    }  # fmt: skip


def found(client, municipality, **params) -> list[str]:
    page = client.get(reverse("monitoring:approach_list", args=[municipality.slug]), params)
    assert page.status_code == 200
    return sorted(a.title for a in page.context["page"])


def test_filters(client, shelf):
    viewer = MunicipalityFactory()
    login_verified(client, member(Role.POLICY, viewer))
    assert found(client, viewer) == ["Buurtkamer", "Maatjes", "Vrijwilligerswerk"]
    assert found(client, viewer, soort="social") == ["Buurtkamer", "Vrijwilligerswerk"]
    assert found(client, viewer, soort="emotional") == ["Maatjes"]
    assert found(client, viewer, voor="older") == ["Buurtkamer"]
    assert found(client, viewer, voor="widowhood") == ["Maatjes"]
    assert found(client, viewer, grootte="lt20k") == ["Maatjes"]
    assert found(client, viewer, grootte="100k+", soort="existential") == ["Vrijwilligerswerk"]
    assert found(client, viewer, q="koffie") == ["Buurtkamer"]
    assert found(client, viewer, q="dorp") == ["Maatjes"]  # the municipality's name
    assert found(client, viewer, grootte="50k-100k") == []


def test_an_unknown_filter_value_shows_everything_published(client, shelf):
    viewer = MunicipalityFactory()
    login_verified(client, member(Role.CASEWORKER, viewer))
    assert len(found(client, viewer, soort="verzonnen")) == 3


def test_saving_computes_the_size_class_from_the_inhabitants():
    town = MunicipalityFactory(key_figures={"aantal_inwoners": 43_718})
    author = member(Role.POLICY, town)
    approach = services.new_approach(author, town)
    values = {
        "title": "Huisbezoeken",
        "summary": "Bezoek aan 75-jarigen.",
        "loneliness_kinds": ["social"],
        "cost_per_year": 30000,
    }
    saved = services.save_approach(actor=author, approach=approach, values=values)
    assert saved.size_class == SizeClass.MEDIUM
    assert saved.contact_email == author.email


def test_costs_are_shown_the_dutch_way(client, shelf):
    viewer = MunicipalityFactory()
    login_verified(client, member(Role.POLICY, viewer))
    room = shelf["room"]
    room.cost_per_year = 240000
    room.save()
    url = reverse("monitoring:approach_detail", args=[viewer.slug, room.pk])
    assert "€ 240.000 per jaar" in client.get(url).content.decode()
    assert (
        "€ 240.000"
        in client.get(reverse("monitoring:approach_list", args=[viewer.slug])).content.decode()
    )
