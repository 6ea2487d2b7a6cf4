"""The public activity finder (issue 9): only published initiatives of the municipality in the
URL, Dutch full-text search, distance from a postcode, the filters, the agenda with the Week
tegen Eenzaamheid, the initiative page, "Voel je je eenzaam?", and no cookies anywhere."""

from __future__ import annotations

import datetime as dt

import pytest

from omzien.core.models import HelpLine, Municipality, PostcodeArea
from omzien.core.roles import Role
from omzien.core.tests.factories import OrganisationFactory, login_verified, member
from omzien.socialmap import agenda, services
from omzien.socialmap.choices import Status, Where
from omzien.socialmap.finder import fulltext, nearby, views
from omzien.socialmap.tests.factories import initiative

pytestmark = [pytest.mark.django_db, pytest.mark.issue(9)]
TZ = agenda.TZ
FINDER = "/activiteiten/zeist/"


@pytest.fixture
def zeist():
    municipality = Municipality.objects.get(code="GM0355")
    return OrganisationFactory(municipality=municipality, name="Buurtwerk Zeist")


def published(organisation, postcode="3701 AB", **fields):
    """A published initiative at the centre of its PC4 area (as the service places it)."""
    area = PostcodeArea.objects.filter(pc4=postcode[:4]).first()
    values = {"status": Status.PUBLISHED, "postcode": postcode,
              "latitude": area and area.latitude, "longitude": area and area.longitude,
              **fields}  # fmt: skip
    return initiative(organisation, **values)


def names(response) -> list[str]:
    return [row.name for row in response.context["rows"]]


def test_the_finder_shows_only_published_initiatives_of_its_municipality(client, zeist):
    published(zeist, name="Koffie in Zeist")
    initiative(zeist, name="Concept in Zeist")
    initiative(zeist, name="Ingediend in Zeist", status=Status.SUBMITTED)
    initiative(zeist, name="Gearchiveerd in Zeist", status=Status.ARCHIVED)
    de_bilt = OrganisationFactory(municipality=Municipality.objects.get(code="GM0310"))
    published(de_bilt, postcode="3731 AA", name="Koffie in De Bilt")
    page = client.get(FINDER)
    assert page.status_code == 200
    assert names(page) == ["Koffie in Zeist"]
    body = page.content.decode()
    assert "Concept in Zeist" not in body and "Koffie in De Bilt" not in body


def test_an_initiative_page_of_a_draft_or_another_municipality_is_not_found(client, zeist):
    draft = initiative(zeist, name="Concept")
    de_bilt = OrganisationFactory(municipality=Municipality.objects.get(code="GM0310"))
    elsewhere = published(de_bilt, postcode="3731 AA")
    assert client.get(f"{FINDER}{draft.pk}/").status_code == 404
    assert client.get(f"{FINDER}{elsewhere.pk}/").status_code == 404
    missing = client.get("/activiteiten/bestaat-niet/")
    assert missing.status_code == 404 and "Deze pagina bestaat niet" in missing.content.decode()


@pytest.mark.parametrize("typed", ["wandelen", "Wandeling", "wandel"])
def test_word_search_uses_dutch_stemming(client, zeist, typed):
    published(zeist, name="Wandelgroep De Heuvelrug", description="Elke week samen op pad.")
    published(zeist, name="Buitenlucht", description="Een rustige wandeling door het bos.")
    published(zeist, name="Kaartclub", description="Klaverjassen en koffie.")
    found = names(client.get(FINDER, {"q": typed}))
    assert found == ["Buitenlucht", "Wandelgroep De Heuvelrug"]


def test_every_word_must_match_and_stopwords_are_ignored(client, zeist):
    published(zeist, name="Samen koken", description="Koken en eten met buren.")
    published(zeist, name="Samen wandelen", description="Wandelen met buren.")
    assert names(client.get(FINDER, {"q": "de buren die koken"})) == ["Samen koken"]
    assert names(client.get(FINDER, {"q": "een"})) == ["Samen koken", "Samen wandelen"]


def test_typed_query_syntax_is_just_text(client, zeist):
    published(zeist, name="Koffie", description="Koffie drinken.")
    for typed in ['koffie" OR *', "koffie & !thee:*", "NEAR(koffie)", "'); DROP TABLE x; --"]:
        page = client.get(FINDER, {"q": typed})
        assert page.status_code == 200


def test_the_stemmer_gives_the_root_postgresql_uses_too():
    assert fulltext.stem("wandelen") == fulltext.stem("wandeling") == "wandel"
    assert fulltext.words("De wandeling, en het KOFFIE-uurtje") == ["wandeling", "koffie", "uurtje"]


@pytest.mark.parametrize("small", [2000, 1], ids=["read-at-once", "read-per-page"])
def test_postcode_and_distance_order_and_filter(client, zeist, monkeypatch, small):
    monkeypatch.setattr(nearby, "SMALL", small)
    # From the centre of PC4 3701: 3705 is 1.7 km, 3712 3.7 km, 3511 (Utrecht) 9 km away.
    near = published(zeist, postcode="3701 AB", name="Z Dichtbij")
    middle = published(zeist, postcode="3705 AA", name="A Iets verder")
    further = published(zeist, postcode="3712 AA", name="B Nog verder")
    far = published(zeist, postcode="3511 AA", name="Ver weg", place="Utrecht")
    online = published(zeist, where=Where.ONLINE, postcode="", latitude=None, longitude=None,
                       name="Online praatgroep")  # fmt: skip
    page = client.get(FINDER, {"postcode": "3701", "afstand": "5"})
    assert names(page) == [near.name, middle.name, further.name, online.name]
    rows = page.context["rows"]
    assert rows[0].km < rows[1].km < rows[2].km < 5 and rows[3].km is None
    assert far.name not in page.content.decode()
    assert names(client.get(FINDER, {"postcode": "3701", "afstand": "2"})) == [
        near.name, middle.name, online.name]  # fmt: skip
    assert far.name in names(client.get(FINDER, {"postcode": "3701 AB", "afstand": "25"}))
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    second = client.get(FINDER, {"postcode": "3701", "afstand": "5", "pagina": "2"})
    assert names(second) == [further.name, online.name]


def test_a_bad_or_unknown_postcode_is_refused_and_kept(client, zeist):
    published(zeist)
    for typed, message in (("37", "4 cijfers"), ("9999", "kennen we niet")):
        page = client.get(FINDER, {"postcode": typed, "q": "koffie"})
        assert page.status_code == 422
        body = page.content.decode()
        assert message in body and f'value="{typed}"' in body and 'value="koffie"' in body


def test_the_filters(client, zeist):
    coordinator = member(Role.COORDINATOR, zeist.municipality)
    maatje = published(zeist, name="Maatje", kinds=["meaningful_contact"], free=False,
                       cost="5 euro", wheelchair=True, target_groups=["widowhood"])  # fmt: skip
    koffie = published(zeist, name="Koffie", kinds=["meeting"], hearing_loop=True,
                       target_groups=["carers", "newcomers"])  # fmt: skip
    # Maatje meets on Tuesday mornings, Koffie on Thursday evenings (weekly).
    services.add_event(actor=coordinator, initiative=maatje, rrule="FREQ=WEEKLY",
                       starts_at=dt.datetime(2026, 1, 6, 10, 0, tzinfo=TZ))  # fmt: skip
    services.add_event(actor=coordinator, initiative=koffie, rrule="FREQ=WEEKLY",
                       starts_at=dt.datetime(2026, 1, 8, 19, 30, tzinfo=TZ))  # fmt: skip
    cases = [
        ({"soort": "meaningful_contact"}, ["Maatje"]),
        ({"soort": ["meeting", "meaningful_contact"]}, ["Koffie", "Maatje"]),
        ({"kosten": "gratis"}, ["Koffie"]),
        ({"kosten": "betaald"}, ["Maatje"]),
        ({"toegankelijk": "rolstoel"}, ["Maatje"]),
        ({"toegankelijk": ["rolstoel", "ringleiding"]}, []),
        ({"voor": "newcomers"}, ["Koffie"]),
        ({"dag": "2"}, ["Maatje"]),
        ({"dag": "4", "dagdeel": "avond"}, ["Koffie"]),
        ({"dag": "4", "dagdeel": "ochtend"}, []),
        ({"dagdeel": ["ochtend", "avond"]}, ["Koffie", "Maatje"]),
    ]
    for query, expected in cases:
        assert names(client.get(FINDER, query)) == expected, query
    kept = client.get(FINDER, {"soort": "meeting", "kosten": "gratis"}).content.decode()
    assert 'value="meeting" id="id_soort_1" checked' in kept
    assert 'value="gratis" id="id_kosten_1" checked' in kept
    assert client.get(FINDER, {"soort": "onzin"}).status_code == 422


def test_no_finder_page_sets_a_cookie(client, zeist):
    koffie = published(zeist)
    urls = [FINDER, f"{FINDER}?q=koffie&postcode=3701", f"{FINDER}?postcode=9999",
            f"{FINDER}{koffie.pk}/", f"{FINDER}agenda/", f"{FINDER}voel-je-je-eenzaam/",
            f"{FINDER}wijken.geojson"]  # fmt: skip
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 422), url
        assert not response.cookies, url
        assert "Set-Cookie" not in response.headers, url


def test_the_lonely_page_shows_the_numbers_from_the_table(client, zeist):
    page = client.get(f"{FINDER}voel-je-je-eenzaam/").content.decode()
    assert "De Luisterlijn" in page and "088 0767 000" in page and "113" in page
    assert page.index("De Luisterlijn") < page.index("Alarmnummer")  # a listening ear first
    assert 'action="/activiteiten/zeist/"' in page and 'name="postcode"' in page
    HelpLine.objects.filter(name="De Luisterlijn").update(phone="088 1234 567")
    page = client.get(f"{FINDER}voel-je-je-eenzaam/").content.decode()
    assert "088 1234 567" in page and "088 0767 000" not in page
    assert "<form" in page and 'method="post"' not in page


def test_a_municipality_without_activities_says_so_and_gives_the_national_lines(client, zeist):
    initiative(zeist, name="Nog een concept")
    page = client.get(FINDER)
    body = page.content.decode()
    assert page.status_code == 200 and 'data-testid="finder-empty"' in body
    assert "nog geen activiteiten" in body and "De Luisterlijn" in body and "113" in body


def test_the_initiative_page_is_readable_and_links_its_calendar(client, zeist):
    koffie = published(zeist, name="Koffieochtend", street="Slotlaan 1", free=False,
                       cost="1 euro", wheelchair=True, contact_phone="030 123 4567",
                       contact_name="Anna", schedule="Elke dinsdag 10-12 uur")  # fmt: skip
    page = client.get(f"{FINDER}{koffie.pk}/").content.decode()
    assert "<h1>Koffieochtend</h1>" in page and "<dl" in page
    for text in (
        "Slotlaan 1",
        "1 euro",
        "rolstoeltoegankelijk",
        "030 123 4567",
        "Elke dinsdag 10-12 uur",
        f"/activiteiten/zeist/{koffie.pk}/agenda.ics",
    ):
        assert text in page, text
    assert "finder.css" in page  # the print style sheet lives there


@pytest.mark.usefixtures("zeist")
def test_the_agenda_marks_the_week_tegen_eenzaamheid(client, zeist, time_machine):
    time_machine.move_to(dt.datetime(2026, 9, 14, 9, 0, tzinfo=TZ))
    coordinator = member(Role.COORDINATOR, zeist.municipality)
    koffie = published(zeist, name="Koffieochtend")
    services.add_event(actor=coordinator, initiative=koffie, rrule="FREQ=WEEKLY;COUNT=4",
                       starts_at=dt.datetime(2026, 9, 15, 10, 0, tzinfo=TZ))  # fmt: skip
    page = client.get(f"{FINDER}agenda/")
    days = page.context["days"]
    assert [d.date for d in days] == [dt.date(2026, 9, d) for d in (15, 22, 29)] + [
        dt.date(2026, 10, 6)]  # fmt: skip
    marked = [d.date for d in days if d.items[0].week is not None]
    assert marked == [dt.date(2026, 9, 29)]  # 24 September - 3 October 2026
    body = page.content.decode()
    assert 'data-testid="campaign-week"' in body and "Week tegen Eenzaamheid" in body


def test_the_search_index_comes_back_after_a_table_rebuild(client, zeist):
    """SQLite drops a table's triggers when Django rebuilds it; the post_migrate check puts
    them back and re-indexes (PostgreSQL: the index is recreated if missing)."""
    from django.db import connection

    from omzien.socialmap.finder import index

    published(zeist, name="Zanggroep", description="Samen zingen.")
    if connection.vendor == "postgresql":  # no DDL while foreign-key checks are pending
        connection.cursor().execute("SET CONSTRAINTS ALL IMMEDIATE")
    index.drop(connection)
    published(zeist, name="Zangles", description="Zingen leren.")
    index.after_migrate(None, using="default")
    assert names(client.get(FINDER, {"q": "zingen"})) == ["Zanggroep", "Zangles"]
    assert index.ensure(connection) is False  # complete: nothing to make


def test_the_start_page_links_staff_to_the_finder_to_share(client, zeist):
    login_verified(client, member(Role.CASEWORKER, zeist.municipality))
    page = client.get("/g/zeist/").content.decode()
    assert 'href="/activiteiten/zeist/"' in page and "Naar de activiteitenzoeker" in page
