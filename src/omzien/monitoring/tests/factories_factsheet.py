"""Test helpers of the factsheet (issue 12, item 7): a section with known figures, a way to
put sections in the registry for one test only, the text of a PDF and the tables of the page."""

from __future__ import annotations

import io
import re
from html import unescape

from django.urls import reverse
from pypdf import PdfReader

from omzien.core import extensions
from omzien.core.extensions import FactsheetPart, FactsheetSection, Registry
from omzien.core.suppression import shown_count

#: A section with known figures: a count of 3 is shown "<5" (core/suppression.py).
KNOWN = FactsheetPart(
    title="Testcijfers van de aanpak",
    paragraphs=("In het testjaar kwamen 1.234 meldingen binnen, 87,5% kreeg contact op tijd.",),
    header=("Maand", "Meldingen", "Binnen de norm"),
    rows=(
        ("januari", shown_count(617), "88,1%"),
        ("februari", shown_count(3), "66,7%"),
        ("maart", shown_count(614), "86,9%"),
    ),
)


def known_section(user, municipality) -> FactsheetPart:
    return KNOWN


def use_sections(monkeypatch, *sections: FactsheetSection, only: bool = False) -> Registry:
    """Put ``sections`` in the registry for this test (``monkeypatch`` undoes it), next to
    the registered ones (``only=True``: instead of them)."""
    registry = Registry("factsheet_sections")
    for section in () if only else extensions.factsheet_sections:
        registry.register(section)
    for section in sections:
        registry.register(section)
    monkeypatch.setattr(extensions, "factsheet_sections", registry)
    return registry


def page_url(municipality) -> str:
    return reverse("monitoring:factsheet", args=[municipality.slug])


def pdf_url(municipality) -> str:
    return reverse("monitoring:factsheet_pdf", args=[municipality.slug])


def flat(text: str) -> str:
    """Text with every run of white space as one space (a PDF wraps where a page does not)."""
    return re.sub(r"\s+", " ", text).strip()


def pdf_text(content: bytes) -> str:
    return flat(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages))


def page_tables(html: str) -> list[list[tuple[str, ...]]]:
    """Per table of the factsheet page: its rows (the header first) as shown text."""
    tables = []
    for body in re.findall(r'data-testid="factsheet-table">(.*?)</table>', html, re.S):
        rows = []
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S):
            cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
            rows.append(tuple(unescape(flat(cell)) for cell in cells))
        tables.append(rows)
    return tables
