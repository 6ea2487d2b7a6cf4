"""The factsheet as a PDF (fpdf2, pure Python), made on demand from ``content.Factsheet``:
the same title, sections, paragraphs and tables as the page, with the date and page numbers
in the footer. This module reads no database and decides nothing.

Font: fpdf2 ships no TrueType font, and a system font (DejaVu) may be missing on a server, so
as the visits letters do (visits/letters/pdf.py) the PDF uses the core font Helvetica in the
Windows-1252 encoding, which holds every Dutch letter; any other character is replaced by its
nearest plain letter (``printable``), so no text can break the PDF.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from fpdf import FPDF, FontFace, ViewerPreferences

from omzien.core.extensions import FactsheetPart
from omzien.monitoring.factsheet.content import NOTE, Factsheet, figure_columns
from omzien.visits.letters.pdf import ENCODING, printable

MARGIN = 18
BODY_SIZE = 10
TABLE_SIZE = 8.5
LINE = 5.2
FONT = "helvetica"
#: Bounds of a column's share of the width, in characters of its longest text.
MIN_WEIGHT, MAX_WEIGHT = 6, 28


class _Document(FPDF):
    def __init__(self, factsheet: Factsheet) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.factsheet = factsheet
        self.core_fonts_encoding = ENCODING
        self.set_lang("nl-NL")
        self.set_title(printable(factsheet.title))
        self.set_subject(printable(str(NOTE)))
        self.set_author("Omzien")
        self.set_creator("Omzien")
        self.viewer_preferences = ViewerPreferences(display_doc_title=True)
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(auto=True, margin=MARGIN)

    def footer(self) -> None:
        self.set_y(-MARGIN + 6)
        self.set_font(FONT, size=8)
        self.set_text_color(80)
        text = _("%(title)s, %(date)s, pagina %(page)d van %(pages)s") % {
            "title": self.factsheet.title,
            "date": self.factsheet.date_text,
            "page": self.page_no(),
            "pages": self.str_alias_nb_pages,
        }
        self.cell(0, 4, printable(text), align="C")
        self.set_text_color(0)

    def paragraph(self, text: str, *, size: float = BODY_SIZE, style: str = "") -> None:
        self.set_font(FONT, style=style, size=size)
        self.multi_cell(0, LINE * size / BODY_SIZE, printable(text), new_x="LMARGIN", new_y="NEXT")
        self.ln(1.5)


def _weights(part: FactsheetPart) -> tuple[int, ...]:
    """Column widths in proportion to their longest cell; a heading counts half (it wraps),
    but at least its longest word (a word is never broken)."""
    columns = len(figure_columns(part))
    weights = []
    for index in range(columns):
        cells = [row[index] for row in part.rows if index < len(row)]
        heading = part.header[index] if index < len(part.header) else ""
        words = [len(word) + 1 for word in heading.split()]
        longest = max([len(c) for c in cells] + [len(heading) // 2] + words)
        weights.append(max(MIN_WEIGHT, min(MAX_WEIGHT, longest)))
    return tuple(weights)


def _table(pdf: _Document, part: FactsheetPart) -> None:
    pdf.set_font(FONT, size=TABLE_SIZE)
    figures = figure_columns(part)
    columns = len(figures)
    align = tuple("RIGHT" if figure else "LEFT" for figure in figures)
    with pdf.table(
        col_widths=_weights(part),
        text_align=align,
        line_height=LINE * TABLE_SIZE / BODY_SIZE,
        first_row_as_headings=bool(part.header),
        headings_style=FontFace(emphasis="BOLD", fill_color=(235, 235, 235)),
        borders_layout="SINGLE_TOP_LINE",
        padding=1,
    ) as table:
        for cells in ((part.header,) if part.header else ()) + tuple(part.rows):
            row = table.row()
            for index in range(columns):
                row.cell(printable(cells[index]) if index < len(cells) else "")
    pdf.ln(4)


def _header(pdf: _Document, factsheet: Factsheet) -> None:
    pdf.paragraph(factsheet.title, size=20, style="B")
    pdf.paragraph(". ".join(f"{label}: {value}" for label, value in factsheet.facts) + ".")
    pdf.paragraph(str(NOTE), style="I")
    pdf.ln(2)


def factsheet_pdf(factsheet: Factsheet) -> bytes:
    """The factsheet as the bytes of a PDF."""
    pdf = _Document(factsheet)
    pdf.add_page()
    _header(pdf, factsheet)
    for part in factsheet.parts:
        pdf.start_section(printable(part.title))
        pdf.paragraph(part.title, size=14, style="B")
        for text in part.paragraphs:
            pdf.paragraph(text)
        if part.rows:
            _table(pdf, part)
        pdf.ln(2)
    return bytes(pdf.output())
