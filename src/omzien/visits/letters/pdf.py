"""The letters and the "niet thuis" cards as PDF (fpdf2, pure Python: no system packages).

Layout (docs/visits-letters.md): A4 portrait, the recipient in the window of a Dutch window
envelope (EA5/6 or C5/6, window on the left), folded in three. The texts come in as plain
values (``Letter``, ``CardSheet``): this module reads no database and decides nothing.

Fonts: the PDF core font Helvetica in the Windows-1252 encoding, which holds every Dutch
letter (é, ë, ï, ĳ as "ij") and the typographic quotes, dashes and the euro sign; any other
character is replaced by its nearest plain letter, so a typed text can never break a batch.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from fpdf import FPDF, ViewerPreferences

#: Window of the envelope, in mm from the top left of the page: window on the left (the
#: common Dutch envelope) or on the right (``Letter.window``).
WINDOW_LEFT = {"left": 22, "right": 108}
WINDOW_TOP = 50
WINDOW_WIDTH = 85
MARGIN = 22
BODY_SIZE = 12  # larger than usual: most readers are 75 or older
LINE = 5.8
ENCODING = "windows-1252"


@dataclass(frozen=True)
class Letter:
    """One letter: everything printed on it, already worded and formatted."""

    municipality: str
    sender: str
    recipient: tuple[str, ...]  # name, street and number, postcode and place
    salutation: str
    place_and_date: str
    text: str
    when: str  # "dinsdag 15 december 2026 om 10:00 uur"
    who: str  # "Anna, vrijwilliger"
    contact: str
    window: str = "left"


@dataclass(frozen=True)
class CardSheet:
    """One A4 sheet of identical "niet thuis" cards for one volunteer."""

    municipality: str
    sender: str
    text: str
    who: str
    contact: str


def printable(text: str) -> str:
    """``text`` with every character the core font cannot show replaced (ĳ -> ij, ő -> o)."""
    try:
        text.encode(ENCODING)
        return text
    except UnicodeEncodeError:
        pass
    out = []
    for char in text:
        try:
            char.encode(ENCODING)
            out.append(char)
        except UnicodeEncodeError:
            plain = unicodedata.normalize("NFKD", char)
            out.append("".join(c for c in plain if c.encode(ENCODING, "ignore")) or "?")
    return "".join(out)


class _Document(FPDF):
    """An A4 document that writes text lines itself: fpdf2's ``multi_cell`` measures every
    line again for every letter (18 s per 1,000 letters); wrapping each distinct text once
    and placing lines with ``text`` is about 30 times faster."""

    def __init__(self, *, title: str, subject: str, author: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.core_fonts_encoding = ENCODING
        self.set_lang("nl-NL")
        self.set_title(printable(title))
        self.set_subject(printable(subject))
        self.set_author(printable(author))
        self.set_creator("Omzien")
        self.viewer_preferences = ViewerPreferences(display_doc_title=True)
        self.set_auto_page_break(auto=False)
        self._wrapped: dict[tuple, list[str]] = {}
        self.cursor = MARGIN
        self.bottom = self.h - MARGIN  # where a new page starts

    def wrap(self, text: str, width: float, size: float, style: str = "") -> list[str]:
        """``text`` in lines no wider than ``width`` (cached: a round's text is wrapped once)."""
        key = (text, width, size, style)
        if key not in self._wrapped:
            self.set_font("helvetica", style=style, size=size)
            lines: list[str] = []
            for source in printable(text).split("\n"):
                lines.extend(self._wrap_line(source.strip(), width))
            self._wrapped[key] = lines
        return self._wrapped[key]

    def _wrap_line(self, source: str, width: float) -> list[str]:
        lines, current = [], ""
        for word in source.split():
            candidate = f"{current} {word}" if current else word
            if current and self.get_string_width(candidate) > width:
                lines.append(current)
                current = word
            else:
                current = candidate
        return [*lines, current]

    def write_lines(
        self,
        text: str,
        *,
        x: float = MARGIN,
        width: float | None = None,
        size: float = BODY_SIZE,
        style: str = "",
        gap: float = 3,
    ) -> None:
        """Write ``text`` wrapped at the cursor; a new page when the page is full."""
        width = width if width is not None else self.w - x - MARGIN
        height = LINE * size / BODY_SIZE
        lines = self.wrap(text, width, size, style)
        self.set_font("helvetica", style=style, size=size)
        for line in lines:
            if self.cursor + height > self.bottom:
                self.add_page()
                self.cursor = MARGIN
                self.set_font("helvetica", style=style, size=size)
            self.cursor += height
            if line:
                self.text(x, self.cursor - height * 0.25, line)
        self.cursor += gap


def letters_pdf(letters: list[Letter], *, title: str) -> bytes:
    """One PDF with one page per letter (more if a text is very long), in the order given."""
    author = letters[0].sender if letters else "Omzien"
    document = _Document(title=title, subject="Uitnodiging voor een huisbezoek", author=author)
    for number, letter in enumerate(letters, start=1):
        document.add_page()
        document.start_section(f"Brief {number}")
        _letter_page(document, letter)
    return bytes(document.output())


def _letter_page(pdf: _Document, letter: Letter) -> None:
    pdf.cursor = MARGIN - 4
    pdf.write_lines(letter.municipality, size=16, style="B", gap=0)
    pdf.write_lines(letter.sender, size=10, gap=0)
    # The recipient in the envelope window.
    pdf.cursor = WINDOW_TOP
    left = WINDOW_LEFT.get(letter.window, WINDOW_LEFT["left"])
    for line in letter.recipient:
        pdf.write_lines(line, x=left, width=WINDOW_WIDTH, gap=0)
    pdf.cursor = WINDOW_TOP + 40
    pdf.write_lines(letter.place_and_date, gap=4)
    pdf.write_lines("Onderwerp: wij komen graag bij u langs", style="B", gap=5)
    pdf.write_lines(letter.salutation)
    for paragraph in _paragraphs(letter.text):
        pdf.write_lines(paragraph)
    _appointment(pdf, letter)
    pdf.write_lines("Met vriendelijke groet,", gap=1)
    pdf.write_lines(letter.sender)


def _appointment(pdf: _Document, letter: Letter) -> None:
    """The proposed visit in a framed block, the part a reader looks for first; on the next
    page as a whole if it does not fit on this one."""
    inner = MARGIN + 4
    width = pdf.w - 2 * MARGIN - 8
    rows = (
        ("Wanneer", letter.when),
        ("Wie komt er", letter.who),
        ("Past het niet of wilt u geen bezoek?", letter.contact),
    )
    lines = sum(len(pdf.wrap(v, width, BODY_SIZE)) + len(pdf.wrap(k, width, BODY_SIZE, "B"))
                for k, v in rows)  # fmt: skip
    if pdf.cursor + lines * LINE + 3 * 1.5 + 4 > pdf.h - MARGIN:
        pdf.add_page()
        pdf.cursor = MARGIN
    top = pdf.cursor
    pdf.cursor += 2
    for label, value in rows:
        pdf.write_lines(label, x=inner, width=width, style="B", gap=0)
        pdf.write_lines(value, x=inner, width=width, gap=1.5)
    bottom = pdf.cursor + 1
    pdf.rect(MARGIN, top, pdf.w - 2 * MARGIN, bottom - top)
    pdf.cursor = bottom + 6


def _paragraphs(text: str) -> list[str]:
    """A typed text split on empty lines; single line breaks stay."""
    blocks = [block.strip() for block in text.replace("\r\n", "\n").split("\n\n")]
    return [block for block in blocks if block]


#: Cards on one A4 sheet: 2 columns, 4 rows (A7 landscape, 105 x 74 mm each).
CARD_COLUMNS, CARD_ROWS = 2, 4
CARD_WIDTH, CARD_HEIGHT = 105, 297 / 4
CARD_PAD = 7


def cards_pdf(sheet: CardSheet, *, title: str, sheets: int = 1) -> bytes:
    """``sheets`` A4 pages of eight cards each, with dashed cutting lines."""
    document = _Document(title=title, subject="Niet thuis getroffen", author=sheet.sender)
    document.bottom = document.h  # the cards fill the sheet; each fits its own box
    for _ in range(max(1, sheets)):
        document.add_page()
        _cut_lines(document)
        for row in range(CARD_ROWS):
            for column in range(CARD_COLUMNS):
                _card(document, sheet, column * CARD_WIDTH, row * CARD_HEIGHT)
    return bytes(document.output())


def _cut_lines(pdf: _Document) -> None:
    pdf.set_draw_color(150)
    pdf.set_dash_pattern(dash=2, gap=2)
    pdf.line(CARD_WIDTH, 0, CARD_WIDTH, 297)
    for row in range(1, CARD_ROWS):
        pdf.line(0, row * CARD_HEIGHT, 210, row * CARD_HEIGHT)
    pdf.set_dash_pattern()
    pdf.set_draw_color(0)


def _card(pdf: _Document, sheet: CardSheet, left: float, top: float) -> None:
    """One card; the round's text in the largest size (11 down to 7 pt) that fits."""
    x, width = left + CARD_PAD, CARD_WIDTH - 2 * CARD_PAD
    fixed = 7.5 + 9 + 6 + 4 + len(pdf.wrap(sheet.contact, width, 10)) * LINE * 10 / BODY_SIZE
    room = CARD_HEIGHT - 2 * CARD_PAD - fixed
    size = next(
        (s for s in (11, 10, 9, 8) if len(pdf.wrap(sheet.text, width, s)) * LINE * s / BODY_SIZE
         <= room),
        7,
    )  # fmt: skip
    pdf.cursor = top + CARD_PAD - 2
    pdf.write_lines("Niet thuis getroffen", x=x, width=width, size=14, style="B", gap=1)
    pdf.write_lines(sheet.text, x=x, width=width, size=size, gap=3)
    pdf.write_lines("Datum: ................................", x=x, width=width, size=12, gap=2)
    pdf.write_lines(f"Groet van {sheet.who}", x=x, width=width, size=11, gap=1)
    pdf.write_lines(sheet.contact, x=x, width=width, size=10, gap=1)
    pdf.write_lines(f"{sheet.municipality}, {sheet.sender}", x=x, width=width, size=8, style="I")
