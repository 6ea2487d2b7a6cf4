"""The district report for the neighbourhood network (issue 11, item 6): the needs heard in
one district, every count below 5 shown as "<5" to everyone, and no figures at all for a
district with fewer than 5 visits."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.urls import reverse

from omzien.core.models import AuditEvent
from omzien.core.roles import Role
from omzien.core.tests.factories import login_verified, member
from omzien.visits.models import VisitReport
from omzien.visits.tests.factories import address, attempt, visit_round

pytestmark = [pytest.mark.django_db, pytest.mark.issue(11)]

#: Eight visits in Midden: (more contact, someone to talk to, mark, lonely, barriers,
#: activities wished, follow-up).
MIDDEN = [
    ("yes", "yes", 4, True, ["mobility"], ["meeting"], "none"),
    ("yes", "yes", 5, True, ["mobility"], ["meeting"], "none"),
    ("yes", "yes", 5, True, ["mobility", "hearing"], ["meeting"], "none"),
    ("yes", "yes", 5, True, ["mobility"], ["meeting"], "none"),
    ("yes", "yes", 5, True, ["mobility"], ["meeting", "meaningful_role"], "none"),
    ("yes", "yes", 7, False, [], ["meeting"], "activity"),
    ("no", "no", 8, False, [], [], "conversation"),
    ("no", "no", 9, None, [], [], "help"),
]


def _url(name, municipality, **kwargs):
    return reverse(f"visits:{name}", kwargs={"municipality_slug": municipality.slug, **kwargs})


def visited(round, district, **answers):
    done = attempt(address(round, district=district, surname="Geheimnaam"), "visited")
    return VisitReport.objects.create(
        attempt=done, municipality=round.municipality, contact_phone="0612345678", **answers
    )


@pytest.fixture
def world(small_municipality):
    town = small_municipality.municipality
    noord, midden, _zuid = small_municipality.districts
    running = visit_round(town)
    for more, talk, mark, lonely, barriers, wishes, follow in MIDDEN:
        visited(running, midden, wants_more_contact=more, someone_to_talk=talk,
                life_satisfaction=mark, is_lonely=lonely, barriers=barriers,
                wants_activities=wishes, follow_up=follow)  # fmt: skip
    for _ in range(4):
        visited(running, noord, wants_more_contact="yes", life_satisfaction=3)
    # Another round's visits in Midden do not count in this round's report.
    other = visit_round(town, name="Vorige ronde")
    for _ in range(5):
        visited(other, midden, wants_more_contact="no")
    return small_municipality, running


def lines_of(html: str, testid: str) -> dict[str, tuple[str, str]]:
    body = html.split(f'data-testid="{testid}"', 1)[1].split("</table>", 1)[0]
    result = {}
    for row in re.findall(r"<tr><th scope=\"row\">(.*?)</tr>", body, re.S):
        cells = [unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.split(r"</t[hd]>", row)]
        result[cells[0]] = (cells[1], cells[2])
    return result


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.POLICY])
def test_the_report_aggregates_and_suppresses_below_5_for_everyone(client, world, role):
    small, running = world
    town, midden = small.municipality, small.districts[1]
    login_verified(client, member(role, town))
    url = _url("district_report", town, pk=running.pk)
    response = client.get(url, {"wijk": midden.pk})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Dit verslag is gebaseerd op 8 bezoeken." in page
    contacts = lines_of(page, "report-contacts")
    assert contacts["Wil meer contact"] == ("6", "75,0%")
    assert contacts["Heeft niemand om mee te praten"] == ("<5", "–")
    assert lines_of(page, "report-barriers")["Slecht ter been, rolstoel"] == ("5", "62,5%")
    assert lines_of(page, "report-barriers")["Slecht horend"] == ("<5", "–")
    wishes = lines_of(page, "report-wishes")
    assert wishes["Ontmoeting"] == ("6", "75,0%") and wishes["Betekenisvolle rol"][0] == "<5"
    wellbeing = lines_of(page, "report-wellbeing")
    assert wellbeing["Mediaan rapportcijfer"][0] == "5"
    assert wellbeing["Rapportcijfer onder de 6"] == ("5", "62,5%")
    assert wellbeing["Eenzaam volgens de 6 vragen van De Jong Gierveld"] == ("5", "71,4%")
    follow = lines_of(page, "report-follow-ups")
    assert follow["Niets nodig: het blijft bij dit gesprek"] == ("5", "62,5%")
    assert follow["Hulp nodig: naar een welzijnswerker"][0] == "<5"
    assert "Geheimnaam" not in page and "0612345678" not in page and "Teststraat" not in page
    event = AuditEvent.objects.get(action="visit_district_report_viewed")
    assert event.extra == {"district": midden.pk}


def test_a_district_with_fewer_than_5_visits_gets_only_that_sentence(client, world):
    small, running = world
    town, noord = small.municipality, small.districts[0]
    login_verified(client, member(Role.COORDINATOR, town))
    page = client.get(_url("district_report", town, pk=running.pk), {"wijk": noord.pk})
    body = page.content.decode()
    assert "Dit verslag is gebaseerd op minder dan 5 bezoeken." in body
    assert 'data-testid="report-contacts"' not in body
    assert "Wil meer contact" not in body


def test_the_report_page_lets_you_choose_a_district_and_refuses_an_unknown_one(client, world):
    small, running = world
    town = small.municipality
    login_verified(client, member(Role.POLICY, town))
    url = _url("district_report", town, pk=running.pk)
    chooser = client.get(url)
    assert chooser.status_code == 200
    assert all(f'<option value="{d.pk}"' in chooser.content.decode() for d in small.districts)
    wrong = client.get(url, {"wijk": "999999"})
    assert wrong.status_code == 400
    assert "Kies een wijk uit de lijst." in wrong.content.decode()
    assert not AuditEvent.objects.filter(action="visit_district_report_viewed").exists()
