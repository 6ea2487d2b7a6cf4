"""A caseworker who takes a phone signal for an address outside their team learns nothing
about an open case there (issue 8, item 18)."""

from __future__ import annotations

import re

import pytest
from django.contrib.messages import get_messages

from omzien.core.models import District
from omzien.core.roles import Role
from omzien.core.tests.factories import OrganisationFactory, TeamFactory, login_verified, member
from omzien.signalling.tests.factories import file_signal, zeist

pytestmark = [pytest.mark.django_db, pytest.mark.issue(8)]


def phone(client, number: str):
    return client.post(
        "/g/zeist/meldingen/nieuw/",
        {
            "channel": "phone",
            "postcode": "3701 AB",
            "house_number": number,
            "concern": "Buurman belt: meneer is al dagen niet buiten geweest.",
            "person_aware": "unknown",
        },
    )


def test_the_answer_is_the_same_with_or_without_a_case_of_another_team(client):
    municipality = zeist()
    org = OrganisationFactory(municipality=municipality)
    centrum = TeamFactory(municipality=municipality, organisation=org)
    centrum.districts.add(District.objects.get(code="WK035501"))  # postcode 3701
    oost = TeamFactory(municipality=municipality, organisation=org)
    outsider = member(Role.CASEWORKER, municipality, team=oost)
    file_signal(postcode="3701 AB", house_number="5")  # Centrum already has a case at no. 5
    login_verified(client, outsider)

    answers = []
    for number in ("5", "6"):  # an open case of another team / no case at all
        response = phone(client, number)
        assert response.status_code == 302, response.content.decode()[:2000]
        texts = [str(m) for m in get_messages(response.wsgi_request)]
        client.get(response["Location"])  # the page shows the messages, and uses them up
        answers.append(([re.sub(r"[A-Z0-9]{4}-[A-Z0-9]{4}", "CODE", t) for t in texts],
                        response["Location"]))  # fmt: skip
    assert answers[0] == answers[1]
    assert "toegevoegd aan het lopende traject" not in " ".join(answers[0][0])
