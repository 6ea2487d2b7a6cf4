"""Checking every row of an extract before anything is stored (docs/visits-import.md).

A good row is written at once as one line of PostgreSQL's COPY text format to a temporary
file (``storing`` reads it back); a bad row becomes a problem with its line, its column and
the reason in Dutch, never the value itself (problems are kept with the import, the values
are personal data). No query per row: the municipality's postcode areas are read once.

Speed matters (1,500,000 rows within the 60 s of the whole import): dates of birth repeat a
lot, so their check is cached per text; whitespace is collapsed once per cell, which also
takes out the tabs and line ends the COPY format would need escaped."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from operator import gt, itemgetter

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from omzien.core.geo import InvalidPostcode, normalise_postcode
from omzien.visits.imports.columns import FIELDS, LONGEST, NAMES

#: The problems kept with an import (a wholly wrong file could give one per row); the rest
#: are counted.
KEPT_PROBLEMS = 1000
EARLIEST_BIRTH = dt.date(1880, 1, 1)
#: A register extract has about three residents of 75+ per postcode; the cache of judged
#: postcodes is emptied when it holds this many.
CACHED_POSTCODES = 100_000
LIMITS = tuple(LONGEST[name] for name in FIELDS)
NULL = "\\N"


def _copy_line(fields: tuple[str, ...]) -> str:
    """A COPY text line of fields that hold tabs, line ends or backslashes (rare): the
    whitespace collapsed to single spaces, the backslashes doubled."""
    return "\t".join(" ".join(f.split()).replace("\\", "\\\\") for f in fields)


@dataclass
class Target:
    """What the round takes: the municipality, the age on the reference date, its districts
    (None: the whole municipality), and whether a row outside them is skipped (counted) or
    refused (a problem)."""

    kind: str
    municipality_id: int
    municipality_name: str
    reference_date: dt.date
    min_age: int
    max_age: int | None
    districts: frozenset[int] | None
    #: pc4 -> (municipality id, district id) of every known PC4 area, read once.
    pc4: dict[str, tuple[int | None, int | None]]
    skip_outside: bool = True
    target_label: str = ""


def register_key(dob_iso: str, postcode: str, number: str, letter: str, addition: str,
                 surname: str) -> bytes:  # fmt: skip
    """The person's key within a round: a SHA-256 of date of birth, postcode, house number,
    letter, addition and surname (case and spaces ignored). Stable across extracts, so a
    re-import finds the same row; as digest bytes (``.hex()`` is what is stored)."""
    text = f"{dob_iso}|{postcode}|{number}|{letter}|{addition}|{surname.lower()}"
    return hashlib.sha256(text.encode()).digest()


def parse_date(text: str) -> dt.date | None:
    """DD-MM-JJJJ or JJJJ-MM-DD (also with ``/``), else None."""
    parts = text.replace("/", "-").split("-")
    if len(parts) != 3:
        return None
    first, middle, last = parts
    try:
        if len(first) == 4 and len(last) <= 2:
            return dt.date(int(first), int(middle), int(last))
        if len(last) == 4 and len(first) <= 2:
            return dt.date(int(last), int(middle), int(first))
    except ValueError:
        return None
    return None


def age_on(born: dt.date, day: dt.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


@dataclass
class Checker:
    """Checks rows one by one; ``out`` receives the COPY lines of the good rows."""

    target: Target
    positions: dict[str, int]
    out: object
    problems: list[dict] = field(default_factory=list)
    problem_count: int = 0
    rows: int = 0
    good: int = 0
    skipped_age: int = 0
    skipped_district: int = 0
    _seen: dict[bytes, int] = field(default_factory=dict)
    _dates: dict[str, tuple] = field(default_factory=dict)

    def __post_init__(self):
        # A column the file lacks reads the empty cell appended to every row.
        self._cells = itemgetter(*[self.positions.get(name, -1) for name in FIELDS])
        self._width = max(self.positions.values()) + 1
        self._lists = self.target.kind != "addresses"
        self._write = self.out.write
        self._postcodes: dict[str, tuple] = {}
        self._areas: dict[str, tuple] = {}

    def problem(self, line: int, column: str, message: str) -> None:
        self.problem_count += 1
        if len(self.problems) < KEPT_PROBLEMS:
            self.problems.append({"line": line, "column": column, "message": message})

    def check(self, line: int, cells: list[str]) -> None:
        """Check one row of the file (an empty row is passed over)."""
        if len(cells) < self._width:
            cells = cells + [""] * (self._width - len(cells))
        cells.append("")
        values = list(map(str.strip, self._cells(cells)))
        if not any(values):
            return
        self.rows += 1
        before = self.problem_count
        if any(map(gt, map(len, values), LIMITS)):
            self._too_long(line, values)
        dob_iso, in_age, pc, district, number, letter = self._identity(line, values)
        if self.problem_count > before:
            return
        surname, addition = values[3], values[8].upper()
        key = register_key(dob_iso, pc, number, letter, addition, " ".join(surname.split()))
        first = self._seen.setdefault(key, line)
        if first != line:
            message = _("Dezelfde persoon staat al op regel %(line)s (zelfde geboortedatum, "
                        "adres en achternaam).")  # fmt: skip
            self.problem(line, "", message % {"line": first})
        elif self._lists:
            self._write(key.hex() + "\n")
            self.good += 1
        elif (
            in_age and (self.target.districts is None or district in self.target.districts)
        ) or self._inside(line, in_age, district):
            fields = (key.hex(), values[0], values[1], values[2], surname, dob_iso, values[5],
                      number, letter, addition, pc, values[10], values[11])  # fmt: skip
            body = "\t".join(fields)
            if body.count("\t") != 12 or "\n" in body or "\r" in body or "\\" in body:
                body = _copy_line(fields)
            self._write(f"{body}\t{NULL if district is None else district}\n")
            self.good += 1

    def _identity(self, line: int, values: list[str]) -> tuple:
        """(date of birth, within the age, postcode, district, house number, letter) of a
        row; a problem for each that is wrong or missing."""
        born, number, letter = values[4], values[6], values[7]
        known = self._dates.get(born)
        if known is None:
            known = self._dates[born] = self._judge_date(born)
        dob_iso, in_age, message = known
        if message:
            self.problem(line, NAMES["date_of_birth"], message)
        pc, district = self._postcode(line, values[9])
        if not (number.isdigit() and number[0] != "0" and len(number) <= 5) or letter:
            number, letter = self._house(line, number, letter.upper())
        if not values[3]:
            self.problem(line, NAMES["surname"], _("Ontbreekt."))
        if not self._lists:
            for name, value in (("street", values[5]), ("place", values[10])):
                if not value:
                    self.problem(line, NAMES[name], _("Ontbreekt."))
        return dob_iso, in_age, pc, district, number, letter

    def _too_long(self, line: int, values: list[str]) -> None:
        for name, value in zip(FIELDS, values, strict=True):
            if len(value) > LONGEST[name]:
                self.problem(line, NAMES[name], ngettext(
                    "Te lang: hoogstens %(n)s teken.", "Te lang: hoogstens %(n)s tekens.",
                    LONGEST[name]) % {"n": LONGEST[name]})  # fmt: skip

    def _judge_date(self, text: str) -> tuple[str, bool, str]:
        if not text:
            return "", False, _("Ontbreekt.")
        born = parse_date(text)
        if born is None:
            return "", False, _("Geen geldige datum. Schrijf DD-MM-JJJJ of JJJJ-MM-DD.")
        if not EARLIEST_BIRTH <= born <= self.target.reference_date:
            return "", False, _("Kan niet kloppen: na de peildatum of voor 1880.")
        age = age_on(born, self.target.reference_date)
        fits = age >= self.target.min_age and (
            self.target.max_age is None or age <= self.target.max_age
        )
        return born.isoformat(), fits, ""

    def _postcode(self, line: int, text: str) -> tuple[str, int | None]:
        """(postcode as 1234AB, district id) of the address's postcode; a problem if it is
        not one, or (an extract) not in the municipality. The usual layouts (``1234 AB``,
        ``1234AB``) are read without a regular expression and judged once per PC4 area; the
        others once per text."""
        if (len(text) == 7 and text[4] == " ") or len(text) == 6:
            digits, letters = text[:4], text[-2:]
            if (digits.isascii() and digits.isdigit() and digits[0] != "0"
                    and letters.isascii() and letters.isalpha()):  # fmt: skip
                district, message = self._area(digits)
                if not message:
                    return digits + letters.upper(), district
                self.problem(line, NAMES["postcode"], message)
                return "", None
        known = self._postcodes.get(text)
        if known is None:
            if len(self._postcodes) > CACHED_POSTCODES:
                self._postcodes.clear()
            known = self._postcodes[text] = self._judge_postcode(text)
        pc, district, message = known
        if message:
            self.problem(line, NAMES["postcode"], message)
        return pc, district

    def _area(self, pc4: str) -> tuple[int | None, str]:
        """(district id, problem) of a PC4 area, judged once."""
        known = self._areas.get(pc4)
        if known is None:
            area = self.target.pc4.get(pc4)
            if not self._lists and (area is None or area[0] != self.target.municipality_id):
                name = self.target.municipality_name
                known = (None, _("Ligt niet in de gemeente %(name)s.") % {"name": name})
            else:
                known = (area[1] if area else None, "")
            self._areas[pc4] = known
        return known

    def _judge_postcode(self, text: str) -> tuple[str, int | None, str]:
        try:
            normal = normalise_postcode(text) if text else ""
        except InvalidPostcode:
            normal = ""
        if len(normal) != 7:
            return (
                "",
                None,
                _("Ontbreekt.")
                if not text
                else _(
                    "Geen geldige postcode. Schrijf vier cijfers en twee letters, zoals 3701 AB."
                ),
            )
        district, message = self._area(normal[:4])
        return ("", None, message) if message else (normal[:4] + normal[5:], district, "")

    def _house(self, line: int, number: str, letter: str) -> tuple[str, str]:
        """The house number without leading zeros and the letter; problems if wrong."""
        if not (number.isdigit() and 1 <= int(number) <= 99999):
            self.problem(line, NAMES["house_number"],
                         _("Ontbreekt.") if not number else
                         _("Moet een heel getal van 1 tot en met 99999 zijn."))  # fmt: skip
        if len(letter) == 1 and not "A" <= letter <= "Z":
            self.problem(line, NAMES["house_letter"], _("Moet één letter zijn."))
        return str(int(number)) if number.isdigit() else number, letter

    def _inside(self, line: int, in_age: bool, district: int | None) -> bool:
        """A row outside the round's age or districts: a problem or a counted skip, as the
        coordinator chose (never inside: False)."""
        if self.target.skip_outside:
            if not in_age:
                self.skipped_age += 1
            else:
                self.skipped_district += 1
        elif not in_age:
            self.problem(line, NAMES["date_of_birth"],
                         _("Valt buiten de doelgroep van de ronde (%(target)s).")
                         % {"target": self.target.target_label})  # fmt: skip
        else:
            self.problem(line, NAMES["postcode"], _("Ligt niet in de wijken van de ronde."))
        return False
