"""The columns of a register extract, an objection list and a list of deceased residents
(docs/visits-import.md). The first line of the file names the columns; the order is free,
case and spaces do not matter, and columns we do not know (a BSN, say) are ignored and never
stored."""

from __future__ import annotations

from django.utils.translation import gettext as _

#: (field, column name in the file, longest value) in the order of the template.
COLUMNS = (
    ("initials", "voorletters", 20),
    ("first_name", "roepnaam", 60),
    ("prefix", "tussenvoegsel", 20),
    ("surname", "achternaam", 120),
    ("date_of_birth", "geboortedatum", 10),
    ("street", "straat", 120),
    ("house_number", "huisnummer", 5),
    ("house_letter", "huisletter", 1),
    ("addition", "toevoeging", 10),
    ("postcode", "postcode", 7),
    ("place", "woonplaats", 80),
    ("household", "huishouden", 40),
)
FIELDS = tuple(field for field, _name, _longest in COLUMNS)
NAMES = {field: name for field, name, _longest in COLUMNS}
LONGEST = {field: longest for field, _name, longest in COLUMNS}
#: Other names a register extract may use for a column.
ALIASES = {
    "voornaam": "first_name",
    "voorvoegsel": "prefix",
    "geslachtsnaam": "surname",
    "huisnr": "house_number",
    "huisnummertoevoeging": "addition",
    "plaats": "place",
    "woonplaatsnaam": "place",
    "straatnaam": "street",
    "openbareruimtenaam": "street",
    "huishoudsamenstelling": "household",
}
_BY_NAME = {name: field for field, name, _longest in COLUMNS} | ALIASES

#: What each kind of file must have. The lists identify a person with the same columns as
#: the register key (``checking.register_key``); the address and name are optional there.
IDENTIFYING = ("surname", "date_of_birth", "postcode", "house_number")
REQUIRED = {
    "addresses": (*IDENTIFYING, "street", "place"),
    "objections": IDENTIFYING,
    "deceased": IDENTIFYING,
}


class HeaderError(ValueError):
    """The first line does not name the columns this kind of file needs."""


def field_of(cell: str) -> str | None:
    """The field a column name stands for, or None for a column we do not know."""
    name = "".join(ch for ch in str(cell).strip().lower().lstrip("\ufeff") if ch.isalnum())
    return _BY_NAME.get(name)


def positions(header: list[str], kind: str) -> tuple[dict[str, int], list[str]]:
    """(field -> index in a row, names of ignored columns); raises ``HeaderError``."""
    found: dict[str, int] = {}
    ignored = []
    for index, cell in enumerate(header):
        field = field_of(cell)
        if field is None:
            if str(cell).strip():
                ignored.append(str(cell).strip()[:40])
        elif field in found:
            raise HeaderError(
                _("De kolom %(name)s staat twee keer in de eerste regel.") % {"name": NAMES[field]}
            )
        else:
            found[field] = index
    missing = [NAMES[field] for field in REQUIRED[kind] if field not in found]
    if missing:
        raise HeaderError(
            _("De eerste regel moet deze kolommen noemen: %(names)s. Er ontbreekt: %(missing)s.")
            % {"names": ", ".join(NAMES[f] for f in REQUIRED[kind]), "missing": ", ".join(missing)}
        )
    return found, ignored


def template_line() -> str:
    return ";".join(NAMES[field] for field in FIELDS)
