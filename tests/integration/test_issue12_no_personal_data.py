"""Issue 12 across the apps: a policy user (and the programme team) sees no personal data
anywhere. With the demo loaded, the demo accounts ``beleid`` and ``programma`` open every GET
route under /g/zeist/ and /landelijk/ that the URL resolver has (routes that take an object:
with the demo's objects of that model), the exports as CSV and as Excel (read back with
openpyxl) and the factsheet PDF (read back with pypdf). No page or file they get may hold a
resident's name, street and house number, postcode and house number, date of birth, phone or
e-mail, the text of a signal's concern, a reporter's name or contact details, a visit address
or a volunteer's note, as found in the demo database."""

from __future__ import annotations

import html
import io
import re

import pytest
from django.db.models import Q
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from omzien.benchmark.models import (
    CoalitionMember,
    JointActivity,
    LocalParticipation,
    NationalPartnership,
)
from omzien.core.demo import load_demo
from omzien.core.models import (
    District,
    Invitation,
    Membership,
    Municipality,
    Resident,
    Team,
    User,
)
from omzien.core.monitoring_figures import MONTHS
from omzien.core.tests.factories import login_verified
from omzien.monitoring.models import Approach, SupportRequest
from omzien.riskmap.models import FigureImportJob
from omzien.signalling.models import ApiKey, Case, CaseEvent, PartnerLink, Referral, Signal
from omzien.socialmap.models import ImportJob, Initiative
from omzien.visits.models import (
    AddressImport,
    VisitAddress,
    VisitReport,
    VisitRound,
    Volunteer,
)

pytestmark = [pytest.mark.django_db, pytest.mark.issue(12)]

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: The model a route's object id belongs to, by the segment before the id.
ROUTE_MODELS = {
    "inwoners": Resident,
    "gebruikers": Membership,
    "rollen": Invitation,
    "teams": Team,
    "import": ImportJob,
    "sleutels": ApiKey,
    "links": PartnerLink,
    "huisbezoek-imports": AddressImport,
    "inlezen": FigureImportJob,
    "sociale-kaart": Initiative,
    "meldingen": Case,
    "verwijzingen": Referral,
    "huisbezoeken": VisitRound,
    "huisbezoek-adressen": VisitAddress,
    "vrijwilligers": Volunteer,
    "coalitie": CoalitionMember,
    "coalitie-activiteiten": JointActivity,
    "samenwerkingen": LocalParticipation,
    "partnerschappen": NationalPartnership,
    "aanpakken": Approach,
    "ondersteuning": SupportRequest,
}
KWARG = re.compile(r"<(?:[^>:]+:)?(?P<name>[^>]+)>")
SEGMENT_AND_PK = re.compile(r"([^/<>]+)/<int:pk>")
#: Extra queries for routes that answer in another format with a parameter.
FORMATS = {"formaat": ("csv", "xlsx")}
#: Other objects a route may take: an assessment, an event, a step; none is an aggregate.
UNTRIED_KWARGS = {"assessment_pk", "event_pk", "action"}
#: Objects tried per model: a few of each, of the demo municipality and of others.
PER_MODEL = 6


def walk(patterns=None, prefix=""):
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            yield from walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


def _ids(model, zeist) -> list[int]:
    if not any(f.name == "municipality" for f in model._meta.get_fields()):
        return list(model.objects.order_by("pk").values_list("pk", flat=True)[:PER_MODEL])
    own = model.objects.filter(municipality=zeist).order_by("pk")
    other = model.objects.exclude(municipality=zeist).order_by("pk")
    return [
        *own.values_list("pk", flat=True)[:PER_MODEL],
        *other.values_list("pk", flat=True)[: PER_MODEL // 2],
    ]


def urls(zeist) -> list[str]:
    """Every GET URL to try under /g/zeist/ and /landelijk/."""
    found = []
    codes = list(District.objects.filter(municipality=zeist).values_list("code", flat=True)[:3])
    for route in walk():
        if not route.startswith(("g/<slug:municipality_slug>/", "landelijk/")):
            continue
        names = {m.group("name") for m in KWARG.finditer(route)}
        if names & UNTRIED_KWARGS:
            continue
        choices = [{"municipality_slug": zeist.slug, "code": zeist.code}]
        if "pk" in names:
            segment = SEGMENT_AND_PK.search(route).group(1)
            model = ROUTE_MODELS.get(segment)
            assert model is not None, f"add the model of {route} to ROUTE_MODELS"
            choices = [{**choices[0], "pk": pk} for pk in _ids(model, zeist)]
        if "district_code" in names:
            choices = [{**choices[0], "district_code": code} for code in codes]
        for values in choices:
            found.append("/" + KWARG.sub(lambda m, v=values: str(v[m.group("name")]), route))
    return found


def text_of(response) -> str:
    """The text a user gets: a page or CSV as text, an Excel file's cells, a PDF's text."""
    kind = response.get("Content-Type", "")
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if kind.startswith("application/pdf"):
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(content))
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    if kind.startswith(XLSX):
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(content), read_only=True)
        cells = []
        for sheet in book.worksheets:
            for row in sheet.iter_rows(values_only=True):
                cells.extend("" if value is None else str(value) for value in row)
        return "\n".join(cells)
    return html.unescape(content.decode("utf-8", errors="replace"))


def collect(client, zeist) -> dict[str, str]:
    """{url: text} of every response with status 200, also in every export format."""
    bodies = {}
    for url in urls(zeist):
        response = client.get(url)
        if response.status_code != 200:
            continue
        bodies[url] = text_of(response)
        if url.endswith("/export/"):
            for key, formats in FORMATS.items():
                for chosen in formats:
                    again = client.get(url, {key: chosen})
                    if again.status_code == 200:
                        bodies[f"{url}?{key}={chosen}"] = text_of(again)
    return bodies


def _dates(day) -> list[str]:
    return [
        day.strftime("%d-%m-%Y"),
        day.isoformat(),
        f"{day.day} {MONTHS[day.month - 1]} {day.year}",
    ]


def _address(street, number) -> re.Pattern | None:
    if not street or not number:
        return None
    return re.compile(rf"\b{re.escape(street)}\s+{re.escape(str(number))}\b", re.IGNORECASE)


def _postcode(postcode, number) -> re.Pattern | None:
    code = (postcode or "").replace(" ", "")
    if len(code) != 6 or not number:
        return None
    return re.compile(
        rf"\b{code[:4]}\s?{code[4:]}\W{{0,3}}{re.escape(str(number))}\b", re.IGNORECASE
    )


def personal_data() -> tuple[set[str], list[re.Pattern]]:
    """(texts, patterns) of the personal data in the demo database."""
    texts: set[str] = set()
    patterns: list[re.Pattern | None] = []
    for r in Resident.objects.all():
        texts.update([r.name, r.phone, r.email])
        if r.birth_date:
            texts.update(_dates(r.birth_date))
        patterns += [_address(r.street, r.house_number), _postcode(r.postcode, r.house_number)]
    for s in Signal.objects.all():
        texts.update([s.concern, s.person_name, s.reporter_name, s.reporter_email])
        texts.add(s.reporter_phone)
        patterns.append(_postcode(s.postcode, s.house_number))
    for a in VisitAddress.objects.all():
        full = " ".join(p for p in (a.first_name, a.prefix, a.surname) if p)
        texts.update([full, f"{a.initials} {a.surname}".strip()])
        texts.update(_dates(a.date_of_birth))
        patterns += [_address(a.street, a.house_number), _postcode(a.postcode, a.house_number)]
    for v in Volunteer.objects.all():
        texts.update([v.phone, v.availability])
    texts.update(VisitReport.objects.values_list("contact_phone", flat=True))
    notes = CaseEvent.objects.filter(~Q(text=""))
    texts.update(notes.values_list("text", flat=True))
    # Short or empty values (an empty phone, "J. ") would match anything.
    return {t.strip() for t in texts if t and len(t.strip()) >= 6}, [p for p in patterns if p]


def leaks(bodies: dict[str, str]) -> list[str]:
    texts, patterns = personal_data()
    assert len(texts) > 100 and len(patterns) > 100, "the demo has personal data to look for"
    found = []
    for url, body in bodies.items():
        for text in texts:
            if text in body:
                found.append(f"{url}: {text[:60]!r}")
        for pattern in patterns:
            hit = pattern.search(body)
            if hit:
                found.append(f"{url}: {hit.group(0)!r}")
    return found


@pytest.fixture
def demo():
    load_demo()
    return Municipality.objects.get(code="GM0355")


@pytest.mark.parametrize("username", ["beleid", "programma"])
def test_policy_and_programme_users_get_no_personal_data_anywhere(demo, username):
    client = Client()
    login_verified(client, User.objects.get(username=username))
    bodies = collect(client, demo)
    # The pages of issue 12 were opened and read, in every form.
    opened = "\n".join(bodies)
    for part in ("benchmark/", "monitoring/", "factsheet/pdf/", "aanpakken/", "risicokaart/"):
        assert part in opened, f"{username} opened no page of {part}"
    if username == "beleid":
        assert "/g/zeist/monitoring/export/?formaat=xlsx" in bodies
        assert "/g/zeist/coalitie/" in bodies and "/g/zeist/ondersteuning/" in bodies
    else:
        assert "/landelijk/monitoring/export/?formaat=xlsx" in bodies
        assert "/landelijk/benchmark/resultaten/export.xlsx" in bodies
    assert leaks(bodies) == []


def test_the_search_finds_personal_data_where_it_is_shown(demo):
    """The control: a coordinator's page of a resident and of a case is found to hold it."""
    client = Client()
    login_verified(client, User.objects.get(username="kartrekker"))
    resident = Resident.objects.filter(municipality=demo).exclude(name="").first()
    case = Case.objects.filter(municipality=demo, signals__isnull=False).first()
    bodies = {}
    for url in (f"/g/zeist/inwoners/{resident.pk}/", f"/g/zeist/meldingen/{case.pk}/"):
        response = client.get(url)
        assert response.status_code == 200
        bodies[url] = text_of(response)
    found = leaks(bodies)
    assert any(resident.name in hit for hit in found)
    assert any(hit.startswith("/g/zeist/meldingen/") for hit in found)
