"""The factsheet as a PDF (issue 12, item 7): it parses back with its figures, shows the same
rows as the page, "<5" where a count is below 5, is made on demand with a dated file name, and
its download is in the audit log without personal data."""

from __future__ import annotations

import pytest
import time_machine
from django.utils import timezone

from omzien.core.extensions import FactsheetSection
from omzien.core.models import AuditEvent
from omzien.core.roles import Role
from omzien.monitoring.tests.factories_factsheet import (
    KNOWN,
    flat,
    known_section,
    page_tables,
    page_url,
    pdf_text,
    pdf_url,
    use_sections,
)
from omzien.signalling.models import Case
from omzien.signalling.tests.factories import file_signal, go_live

pytestmark = [pytest.mark.issue(12), pytest.mark.django_db]

NOTE = "Alleen totalen; aantallen onder de 5 tonen we niet."


@time_machine.travel("2026-12-02 10:00 +0100", tick=False)
def test_the_pdf_parses_back_with_its_figures(client_as, small_municipality, monkeypatch):
    use_sections(monkeypatch, FactsheetSection("known", known_section, order=5))
    municipality = small_municipality.municipality
    response = client_as(Role.POLICY, municipality).get(pdf_url(municipality))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="factsheet-proefdorp-2026-12-02.pdf"'
    )
    text = pdf_text(response.content)
    assert "Factsheet Proefdorp" in text
    assert "Inwoners: 6.000" in text  # Noord, Midden and Zuid: 1,000 + 2,000 + 3,000
    assert "Gemaakt op: 2 december 2026" in text
    assert NOTE in text
    assert "pagina 1 van 1" in text
    assert KNOWN.title in text and KNOWN.paragraphs[0] in text
    for row in (KNOWN.header, *KNOWN.rows):
        assert " ".join(row) in text, row
    assert "februari <5 66,7%" in text  # 3 signals: suppressed


def test_the_page_and_the_pdf_show_the_same_sections_and_rows(
    client_as, small_municipality, monkeypatch
):
    """Every registered section (the risk map's, with signals reached in two districts) and
    the known one, in the same order with the same rows on the page and in the PDF."""
    use_sections(monkeypatch, FactsheetSection("known", known_section, order=15))
    municipality = small_municipality.municipality
    go_live(municipality)
    noord, midden = (small_municipality.postcode_in(d) for d in small_municipality.districts[:2])
    for number in range(1, 7):
        file_signal(municipality, house_number=str(number), postcode=midden)
    file_signal(municipality, house_number="99", postcode=noord)
    Case.objects.update(first_contact_at=timezone.now())
    client = client_as(Role.COORDINATOR, municipality)
    page = client.get(page_url(municipality))
    parts = page.context["factsheet"].parts
    assert KNOWN in parts and len(parts) >= 2
    tables = page_tables(page.content.decode())
    assert tables == [[p.header, *p.rows] for p in parts if p.rows]
    text = pdf_text(client.get(pdf_url(municipality)).content)
    positions = [text.index(flat(p.title)) for p in parts]
    assert positions == sorted(positions)  # the same order
    for part in parts:
        for paragraph in part.paragraphs:
            assert flat(paragraph) in text
        for row in part.rows:
            for cell in row:
                assert flat(cell) in text, (part.title, cell)
    # The risk map's section: one district with one reached resident, shown "<5" on both.
    riskmap = next(p for p in parts if p.title.startswith("Risicokaart"))
    assert any("<5" in row for row in riskmap.rows)
    assert "&lt;5" in page.content.decode()


def test_the_download_is_audited_without_personal_data(client_as, small_municipality):
    municipality = small_municipality.municipality
    client = client_as(Role.POLICY, municipality)
    client.get(page_url(municipality))
    assert not AuditEvent.objects.filter(action="factsheet_downloaded").exists()
    client.get(pdf_url(municipality))
    event = AuditEvent.objects.get(action="factsheet_downloaded")
    assert event.actor == client.user and event.municipality == municipality
    assert event.resident_id_ref is None and event.object_id == ""
    assert set(event.extra) == {"sections"}


def test_each_download_is_made_again(client_as, small_municipality, monkeypatch):
    """Generated on demand: a figure that changed shows in the next download."""
    figures = {"n": "12"}

    def changing(user, municipality):
        return KNOWN.__class__("Wisselend", header=("Wat", "Aantal"),
                               rows=(("meldingen", figures["n"]),))  # fmt: skip

    use_sections(monkeypatch, FactsheetSection("changing", changing), only=True)
    municipality = small_municipality.municipality
    client = client_as(Role.POLICY, municipality)
    assert "meldingen 12" in pdf_text(client.get(pdf_url(municipality)).content)
    figures["n"] = "15"
    assert "meldingen 15" in pdf_text(client.get(pdf_url(municipality)).content)
