"""The measured effect of an approach from "what works" (issue 12, item 5): the linked
initiative's row as its municipality sees it, suppressed below 5, with its source."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from omzien.assessment.models import Assessment
from omzien.core.roles import Role
from omzien.core.tests.factories import (
    MunicipalityFactory,
    OrganisationFactory,
    ResidentFactory,
    login_verified,
    member,
)
from omzien.monitoring.knowledge import services
from omzien.signalling.models import Case, Referral
from omzien.socialmap.tests.factories import initiative

pytestmark = [pytest.mark.django_db, pytest.mark.issue(12)]

PROPOSED = dt.date(2026, 3, 1)


def referral(to, before: int, after: int) -> None:
    resident = ResidentFactory(municipality=to.municipality)
    for day, total in (
        (PROPOSED - dt.timedelta(days=7), before),
        (PROPOSED + dt.timedelta(days=50), after),
    ):
        Assessment.objects.create(
            municipality=resident.municipality, resident=resident, instrument="djg11",
            answers={}, total=total, kind="unknown", taken_on=day,
        )  # fmt: skip
    case = Case.objects.create(
        municipality=resident.municipality, resident=resident, contact_deadline=timezone.now()
    )
    Referral.objects.create(
        case=case, municipality=resident.municipality, initiative=to, proposed_on=PROPOSED,
        follow_up_on=PROPOSED + dt.timedelta(days=42), started_on=PROPOSED,
    )  # fmt: skip


def share(author, offer):
    approach = services.new_approach(author, offer.municipality)
    values = {
        "title": "Maatjes",
        "summary": "Een maatje.",
        "loneliness_kinds": ["emotional"],
        "cost_per_year": 1000,
        "initiative": offer,
    }
    return services.save_approach(actor=author, approach=approach, values=values)


def test_the_effect_comes_from_what_works_with_its_source(client):
    town = MunicipalityFactory(name="Maatjesdorp")
    offer = initiative(
        OrganisationFactory(municipality=town), name="Maatje", kinds=["meaningful_contact"]
    )
    for before, after in [(8, 5), (7, 6), (9, 6), (6, 6), (8, 4)]:
        referral(offer, before, after)
    approach = share(member(Role.COORDINATOR, town), offer)
    cells = approach.effect_figures["cells"]
    assert cells["referrals"] == "5"
    assert cells["pairs"] == "5"
    assert cells["mean"] == "-2,2"  # (-3 - 1 - 3 + 0 - 4) / 5

    services.move_approach(actor=member(Role.POLICY, town), approach=approach, action="submit")
    services.move_approach(actor=member(Role.PROGRAMME), approach=approach, action="publish")
    other = MunicipalityFactory()
    login_verified(client, member(Role.POLICY, other))
    page = client.get(reverse("monitoring:approach_detail", args=[other.slug, approach.pk]))
    text = page.content.decode()
    assert "-2,2" in text
    assert "Bron: 'Wat werkt' in Omzien, gemeente Maatjesdorp, berekend op" in text
    assert "Aantallen onder 5 staan er als &lt;5" in text


def test_fewer_than_five_is_shown_as_such_and_gives_no_average():
    town = MunicipalityFactory()
    offer = initiative(OrganisationFactory(municipality=town), name="Koffie", kinds=["meeting"])
    for before, after in [(8, 5), (7, 6)]:
        referral(offer, before, after)
    cells = share(member(Role.POLICY, town), offer).effect_figures["cells"]
    assert cells["referrals"] == "<5"
    assert cells["pairs"] == "<5"
    assert cells["mean"] == ""


def test_an_initiative_without_referrals_has_no_figures():
    town = MunicipalityFactory()
    offer = initiative(OrganisationFactory(municipality=town), name="Wandelen", kinds=["meeting"])
    figures = share(member(Role.POLICY, town), offer).effect_figures
    assert figures["initiative"] == "Wandelen"
    assert "cells" not in figures
