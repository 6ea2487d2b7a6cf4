"""The letters and "niet thuis" cards as PDF (issue 11, item 3): they parse back and hold
each address and its proposed time; the batch holds every planned address once, in postcode
order; "Brieven verstuurd" marks exactly the downloaded letters; every download is audited."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from omzien.core.models import AuditEvent
from omzien.core.roles import Role
from omzien.core.tests.factories import login_verified, member
from omzien.visits.letters import queries
from omzien.visits.models import VisitAddress, VisitSettings
from omzien.visits.tests.factories import address, visit_round, volunteer

pytestmark = [pytest.mark.django_db, pytest.mark.issue(11)]

AT = dt.datetime(2030, 3, 12, 14, 0)  # a Tuesday


def _url(name, town, **kwargs):
    return reverse(f"visits:{name}", kwargs={"municipality_slug": town.slug, **kwargs})


def _pages(response) -> list[str]:
    assert response["Content-Type"] == "application/pdf"
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


@pytest.fixture
def town(small_municipality):
    return small_municipality.municipality


@pytest.fixture
def coordinator(client, town):
    login_verified(client, member(Role.COORDINATOR, town))
    return client


@pytest.fixture
def anna(town):
    found = volunteer(town)
    found.user.first_name = "Anna"
    found.user.save(update_fields=["first_name"])
    return found


def _planned(round, volunteer, **fields):
    values = {"proposed_at": timezone.make_aware(AT), **fields}
    return address(round, volunteer=volunteer, **values)


def test_a_letter_holds_the_address_time_volunteer_contact_and_dutch_characters(
    coordinator, town, anna
):
    VisitSettings.objects.create(
        municipality=town,
        letter_sender="Team Huisbezoeken Proefdorp",
        letter_contact="Bel 0592 123 456 – op werkdagen van 9 tot 12 uur.",
    )
    round = visit_round(town, letter_text="Wij drinken graag een kopje koffie in café De Ëik.")
    one = _planned(
        round, anna, initials="É.", prefix="van", surname="Ëlst", street="Kerkstraat",
        house_number=12, house_letter="a", addition="2", postcode="9920AB", place="Proefdorp",
    )  # fmt: skip
    response = coordinator.get(_url("letters_letter", town, pk=one.pk))
    [text] = _pages(response)
    for expected in (
        "É. van Ëlst",
        "Kerkstraat 12a-2",
        "9920 AB PROEFDORP",
        "dinsdag 12 maart 2030 om 14:00 uur",
        "Anna, vrijwilliger",
        "Bel 0592 123 456 – op werkdagen van 9 tot 12 uur.",
        "Team Huisbezoeken Proefdorp",
        "café De Ëik",
    ):
        assert expected in text
    reader = PdfReader(io.BytesIO(response.content))
    assert reader.metadata.title == "Uitnodiging voor een huisbezoek"
    assert reader.trailer["/Root"]["/Lang"] == "nl-NL"
    assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=0.1)  # A4
    assert response["Cache-Control"] == "no-store"
    assert AuditEvent.objects.filter(action="visit_letter_downloaded", object_id=str(one.pk))


def test_objection_deceased_and_unplanned_addresses_get_no_letter(coordinator, town, anna):
    round = visit_round(town)
    for fields, says in (
        ({"status": VisitAddress.Status.OBJECTION}, "geen brief: bezwaar"),
        ({"status": VisitAddress.Status.DECEASED}, "geen brief: overleden"),
        ({"proposed_at": None}, "Plan de ronde eerst"),
    ):
        refused = _planned(round, anna, **fields)
        response = coordinator.get(_url("letters_letter", town, pk=refused.pk))
        assert response["Content-Type"].startswith("text/html")
        assert says in response.content.decode()
    assert not AuditEvent.objects.filter(action="visit_letter_downloaded").exists()


def test_the_batch_holds_every_planned_address_once_in_postcode_order(coordinator, town, anna):
    round = visit_round(town)
    wanted = [
        _planned(round, anna, postcode=pc, house_number=n, surname=f"Lid{pc}{n}")
        for pc, n in [("9930AA", 1), ("9910AA", 7), ("9920AB", 2), ("9910AA", 3)]
    ]
    _planned(round, anna, surname="Bezwaar", status=VisitAddress.Status.OBJECTION)
    _planned(round, anna, surname="Overleden", status=VisitAddress.Status.DECEASED)
    _planned(round, anna, surname="AlVerstuurd", letter_sent_at=timezone.now())
    address(round, volunteer=anna, surname="Ongepland")
    address(visit_round(town, name="Andere ronde"), volunteer=anna, surname="Anders")
    response = coordinator.get(_url("letters_batch", town, pk=round.pk))
    pages = _pages(response)
    order = sorted(wanted, key=lambda a: (a.postcode, a.house_number))
    assert len(pages) == 4
    for page, expected in zip(pages, order, strict=True):
        assert expected.surname in page
        assert "om 14:00 uur" in page
    everything = "\n".join(pages)
    for absent in ("Bezwaar", "Overleden", "AlVerstuurd", "Ongepland", "Anders"):
        assert absent not in everything
    event = AuditEvent.objects.get(action="visit_letters_downloaded")
    assert event.extra["count"] == 4


def test_brieven_verstuurd_marks_exactly_the_downloaded_part(coordinator, town, anna, monkeypatch):
    monkeypatch.setattr(queries, "LETTERS_PER_PDF", 2)
    round = visit_round(town)
    made = [_planned(round, anna, postcode=f"99{n}0AA") for n in (1, 2, 3)]
    page = coordinator.get(_url("round_detail", town, pk=round.pk)).content.decode()
    assert 'data-testid="letters-ready">3<' in page
    assert "Download deel 2: brief 3 tot en met 3 (PDF)" in page
    first, second = queries.parts_of(round)
    part_two = coordinator.get(
        _url("letters_batch", town, pk=round.pk), {"deel": 2, "versie": second.version}
    )
    assert len(_pages(part_two)) == 1
    done = coordinator.post(
        _url("letters_confirm_sent", town, pk=round.pk), {"versie": first.version}, follow=True
    )
    assert "2 brieven staan als verstuurd." in done.content.decode()
    assert [bool(VisitAddress.objects.get(pk=a.pk).letter_sent_at) for a in made] == [
        True,
        True,
        False,
    ]
    assert 'data-testid="letters-sent">2<' in done.content.decode()
    # The second part kept its letters, so its version still confirms them.
    coordinator.post(_url("letters_confirm_sent", town, pk=round.pk), {"versie": second.version})
    assert VisitAddress.objects.filter(letter_sent_at__isnull=False).count() == 3
    assert AuditEvent.objects.filter(action="visit_letters_sent").count() == 2


def test_a_changed_batch_is_not_confirmed_and_nothing_changes(coordinator, town, anna):
    round = visit_round(town)
    _planned(round, anna)
    [part] = queries.parts_of(round)
    _planned(round, anna)  # planned after the download: not on the printed letters
    stale = coordinator.get(
        _url("letters_batch", town, pk=round.pk), {"deel": 1, "versie": part.version}
    )
    assert stale.status_code == 409
    response = coordinator.post(
        _url("letters_confirm_sent", town, pk=round.pk), {"versie": part.version}, follow=True
    )
    assert "Deze brieven zijn veranderd sinds u ze downloadde" in response.content.decode()
    assert not VisitAddress.objects.filter(letter_sent_at__isnull=False).exists()


def test_no_letters_to_print_says_so(coordinator, town):
    round = visit_round(town)
    response = coordinator.get(_url("letters_batch", town, pk=round.pk))
    assert response.status_code == 200
    assert "Er zijn geen brieven om te printen." in response.content.decode()


def test_the_cards_sheet_holds_the_round_text_the_volunteer_and_the_contact(
    coordinator, town, anna
):
    round = visit_round(town, not_home_text="Jammer, u was er niet. Wij komen terug.")
    address(round, volunteer=anna)
    page = coordinator.get(_url("round_detail", town, pk=round.pk)).content.decode()
    assert "Kaartjes voor Anna (PDF, 1 adres)" in page
    response = coordinator.get(_url("letters_cards", town, pk=anna.pk), {"ronde": round.pk})
    [text] = _pages(response)
    assert text.count("Niet thuis getroffen") == 8
    assert "Jammer, u was er niet. Wij komen terug." in text
    assert "Groet van Anna, vrijwilliger" in text
    assert "Datum:" in text
    assert "Bel 14 0 en vraag naar het team huisbezoeken." in text
    assert AuditEvent.objects.filter(action="visit_cards_downloaded").exists()
    # Without ?ronde= the volunteer's open round is used; an unknown round is 404.
    again = coordinator.get(_url("letters_cards", town, pk=anna.pk))
    assert "Jammer, u was er niet." in _pages(again)[0]
    missing = coordinator.get(_url("letters_cards", town, pk=anna.pk), {"ronde": 999999})
    assert missing.status_code == 404


def test_any_typed_text_prints_long_letters_run_on_and_cards_stay_on_one_sheet():
    from omzien.visits.letters.pdf import CardSheet, Letter, cards_pdf, letters_pdf, printable

    assert printable("De ĳsbaan van Győr – “café”") == "De ijsbaan van Gyor – “café”"
    long_text = "\n\n".join(["Een hele lange alinea met veel woorden. " * 40] * 6)
    letter = Letter(
        municipality="Gemeente Proefdorp", sender="Team", recipient=("A. Ĳzerman", "Dijk 1",
        "9910 AA  PROEFDORP"), salutation="Geachte A. Ĳzerman,", place_and_date="Proefdorp",
        text=long_text, when="maandag 8 maart 2027 om 10:00 uur", who="Anna", contact="Bel ons.",
    )  # fmt: skip
    pages = PdfReader(io.BytesIO(letters_pdf([letter], title="Brief"))).pages
    assert len(pages) > 1
    assert "A. IJzerman" in pages[0].extract_text()
    assert "maandag 8 maart 2027 om 10:00 uur" in pages[-1].extract_text()
    sheet = CardSheet("Gemeente Proefdorp", "Team", "Lange tekst. " * 40, "Anna", "Bel ons.")
    assert len(PdfReader(io.BytesIO(cards_pdf(sheet, title="Kaartjes"))).pages) == 1


@pytest.mark.parametrize(("window", "from_left_mm"), [("left", 22), ("right", 108)])
def test_the_address_sits_in_the_municipality_envelope_window(
    coordinator, town, anna, window, from_left_mm
):
    VisitSettings.objects.create(municipality=town, letter_window=window)
    one = _planned(visit_round(town), anna, surname="Vensterman")
    response = coordinator.get(_url("letters_letter", town, pk=one.pk))
    found = []

    def visitor(text, cm, tm, font, size):
        if "Vensterman" in text:
            found.append((tm[4] * cm[0] + cm[4]) * 25.4 / 72)  # points to mm

    PdfReader(io.BytesIO(response.content)).pages[0].extract_text(visitor_text=visitor)
    assert found and found[0] == pytest.approx(from_left_mm, abs=1)
