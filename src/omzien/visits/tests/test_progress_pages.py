"""Progress of a round per district (issue 11, item 6): the counts on constructed data, exact
for the coordinator and "<5" for policy staff, the same in the CSV, a fixed number of
queries, the block on the round page, and who may open the pages."""

from __future__ import annotations

import csv
import io
import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from omzien.core.models import AuditEvent
from omzien.core.roles import Role
from omzien.core.tests.factories import MunicipalityFactory, login_verified, member
from omzien.visits.models import VisitAddress, VisitReport
from omzien.visits.progress import tables
from omzien.visits.tests.factories import address, attempt, visit_round, volunteer

pytestmark = [pytest.mark.django_db, pytest.mark.issue(11)]

KEYS = [key for key, _label in tables.COLUMNS]


def _url(name, municipality, **kwargs):
    return reverse(f"visits:{name}", kwargs={"municipality_slug": municipality.slug, **kwargs})


def visit(addr, follow_up="none", consent=False):
    done = attempt(addr, "visited")
    VisitReport.objects.create(
        attempt=done, municipality=addr.municipality, follow_up=follow_up, consent=consent
    )
    return done


@pytest.fixture
def world(small_municipality):
    """Noord: 7 addresses (1 objection, 1 deceased), 3 visited, 1 declined, 1 still not home;
    Midden: 6 addresses, 5 visited, 1 moved. Every letter sent."""
    town = small_municipality.municipality
    noord, midden, _zuid = small_municipality.districts
    running = visit_round(town)
    sent = {"letter_sent_at": timezone.now()}
    n = [address(running, district=noord, surname=f"Noordman{i}", **sent) for i in range(5)]
    address(running, district=noord, status=VisitAddress.Status.OBJECTION, **sent)
    address(running, district=noord, status=VisitAddress.Status.DECEASED, **sent)
    visit(n[0])
    visit(n[1], "conversation")
    attempt(n[2], "declined")
    attempt(n[3], "not_home")
    attempt(n[3], "not_home")
    attempt(n[4], "not_home")
    visit(n[4], "help", consent=True)
    m = [address(running, district=midden, **sent) for _ in range(6)]
    for addr, follow in zip(m, ("activity", "activity", "help", "none", "none"), strict=False):
        visit(addr, follow)
    attempt(m[5], "moved")
    return small_municipality, running


def rows_of(html: str) -> dict[str, dict[str, str]]:
    """{district name: {column key: text}} from the progress table."""
    body = html.split('data-testid="progress-table"', 1)[1].split("</table>", 1)[0]
    result = {}
    for row in re.findall(r"<tr[^>]*data-district=[^>]*>(.*?)</tr>", body, re.S):
        cells = [unescape(re.sub(r"<[^>]+>", "", c)).strip()
                 for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]  # fmt: skip
        result[cells[0]] = dict(zip(KEYS, cells[1:], strict=True))
    return result


def test_progress_counts_per_district(world):
    _town, running = world
    result = tables.progress(running, exact=True)
    rows = {row.name: row.counts for row in result.rows}
    noord, midden = rows["Noord"], rows["Midden"]
    assert {k: noord[k] for k in tables.ADDRESS_KEYS} == {
        "addresses": 7, "objections": 1, "deceased": 1, "letters_sent": 7, "reached": 4,
        "not_home": 1,
    }  # fmt: skip
    assert (noord["visited"], noord["declined"], noord["moved_or_deceased"]) == (3, 1, 0)
    assert (noord["follow_none"], noord["follow_conversation"], noord["help_consent"]) == (1, 1, 1)
    assert (midden["addresses"], midden["reached"], midden["visited"]) == (6, 5, 5)
    assert (midden["moved_or_deceased"], midden["follow_activity"]) == (1, 2)
    assert midden["help_no_consent"] == 1 and midden["help_consent"] == 0
    assert result.total.count("visited") == 8 and result.total.count("addresses") == 13
    # Zuid has nothing yet but belongs to the round (the whole municipality).
    assert rows["Zuid"] == {}
    midden_row = next(row for row in result.rows if row.name == "Midden")
    assert midden_row.cell("rate_letters", exact=True) == "83,3%"


def test_progress_reads_with_a_fixed_number_of_queries(world):
    small, running = world
    with CaptureQueriesContext(connection) as few:
        tables.progress(running, exact=True)
    for _ in range(20):
        visit(address(running, district=small.districts[2]))
    with CaptureQueriesContext(connection) as many:
        tables.progress(running, exact=True)
    assert len(many) == len(few) <= 6


def test_the_coordinator_sees_exact_counts_and_policy_sees_less_than_5(client, world):
    small, running = world
    town = small.municipality
    login_verified(client, member(Role.COORDINATOR, town))
    exact = rows_of(client.get(_url("round_progress", town, pk=running.pk)).content.decode())
    assert exact["Noord"]["visited"] == "3" and exact["Noord"]["rate_letters"] == "42,9%"
    assert exact["Totaal"]["visited"] == "8"
    login_verified(client, member(Role.POLICY, town))
    page = client.get(_url("round_progress", town, pk=running.pk)).content.decode()
    shown = rows_of(page)
    assert shown["Noord"]["visited"] == "<5" and shown["Noord"]["addresses"] == "7"
    assert shown["Noord"]["rate_letters"] == "–"  # no rate of a hidden count
    assert shown["Midden"]["visited"] == "5" and shown["Midden"]["rate_letters"] == "83,3%"
    assert shown["Zuid"]["addresses"] == "<5"
    assert "Noordman" not in page and "Teststraat" not in page  # no names, no addresses
    assert AuditEvent.objects.filter(action="visit_progress_viewed", object_id=str(running.pk))


def test_the_csv_has_the_same_table_and_suppression(client, world):
    small, running = world
    town = small.municipality
    login_verified(client, member(Role.POLICY, town))
    response = client.get(_url("round_progress_csv", town, pk=running.pk))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="voortgang-')
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    header, body = lines[0], lines[1:]
    assert header[0] == "Wijk" and header[1:] == [str(label) for _k, label in tables.COLUMNS]
    by_name = {line[0]: dict(zip(KEYS, line[1:], strict=True)) for line in body}
    assert by_name["Noord"]["visited"] == "<5" and by_name["Midden"]["visited"] == "5"
    assert AuditEvent.objects.filter(action="visit_progress_exported").count() == 1
    login_verified(client, member(Role.COORDINATOR, town))
    text = client.get(_url("round_progress_csv", town, pk=running.pk)).content.decode("utf-8-sig")
    assert "Noord;7;1;1;7;4;3;1;1;0;42,9%" in text


def test_the_round_page_shows_the_headline_and_links(client, world):
    small, running = world
    town = small.municipality
    login_verified(client, member(Role.COORDINATOR, town))
    page = client.get(_url("round_detail", town, pk=running.pk)).content.decode()
    block = page.split('data-testid="progress-part"', 1)[1].split("</section>", 1)[0]
    assert "<dt>Bezocht</dt><dd>8</dd>" in block
    assert _url("round_progress", town, pk=running.pk) in block
    assert _url("district_report", town, pk=running.pk) in block
    login_verified(client, member(Role.POLICY, town))
    page = client.get(_url("round_detail", town, pk=running.pk)).content.decode()
    # Zuid has no addresses ("<5"), so the total (13 = 7 + 6 + Zuid) is not shown to policy.
    assert "<dt>Adressen</dt><dd>–</dd>" in page


@pytest.mark.parametrize("name", ["round_progress", "round_progress_csv", "district_report"])
def test_a_volunteer_or_another_municipality_cannot_open_the_pages(client, world, name):
    small, running = world
    town = small.municipality
    login_verified(client, volunteer(town).user)
    assert client.get(_url(name, town, pk=running.pk)).status_code == 403
    login_verified(client, member(Role.CASEWORKER, town))
    assert client.get(_url(name, town, pk=running.pk)).status_code == 403
    other = MunicipalityFactory()
    login_verified(client, member(Role.COORDINATOR, other))
    assert client.get(_url(name, other, pk=running.pk)).status_code == 404
    assert client.get(_url(name, town, pk=running.pk)).status_code in (403, 404)


def test_policy_cannot_work_out_a_hidden_count_from_the_total(client, world):
    """Noord's 3 visits show as "<5"; a total of 8 next to Midden's 5 would give them away,
    so the total of such a column is not shown to policy staff (review of issue 11)."""
    small, running = world
    town = small.municipality
    login_verified(client, member(Role.POLICY, town))
    shown = rows_of(client.get(_url("round_progress", town, pk=running.pk)).content.decode())
    assert shown["Midden"]["visited"] == "5" and shown["Noord"]["visited"] == "<5"
    assert shown["Totaal"]["visited"] == "–"
    assert shown["Totaal"]["rate_letters"] == "–"


def test_an_address_done_after_the_last_not_home_is_no_longer_open(world):
    small, running = world
    noord = small.districts[0]
    done = address(running, district=noord, status=VisitAddress.Status.DONE)
    for _ in range(3):
        attempt(done, "not_home")
    progress = tables.progress(running, exact=True)
    row = next(r for r in progress.rows if r.district_id == noord.pk)
    assert row.count("not_home") == 1  # only n[3]: n[4] was visited later, "done" is not open
