"""Geo lookup: postcode -> PC4 area -> municipality and district."""

from __future__ import annotations

import re

from omzien.core.models.areas import District, Municipality, PostcodeArea

_POSTCODE = re.compile(r"^\s*([1-9][0-9]{3})\s*([A-Za-z]{2})?\s*$")


class InvalidPostcode(ValueError):
    pass


def normalise_postcode(value: str) -> str:
    """'3701ab' -> '3701 AB', '3701' -> '3701'. Raises InvalidPostcode otherwise."""
    match = _POSTCODE.match(value or "")
    if not match:
        raise InvalidPostcode(value)
    digits, letters = match.groups()
    return f"{digits} {letters.upper()}" if letters else digits


def is_valid_postcode(value: str) -> bool:
    try:
        normalise_postcode(value)
    except InvalidPostcode:
        return False
    return True


def lookup_postcode(value: str) -> PostcodeArea | None:
    """The PC4 area of a postcode with its municipality and district, or None if unknown."""
    try:
        pc4 = normalise_postcode(value)[:4]
    except InvalidPostcode:
        return None
    return PostcodeArea.objects.select_related("municipality", "district").filter(pc4=pc4).first()


def district_for_postcode(value: str, municipality: Municipality) -> District | None:
    """The district of a postcode, if it lies in ``municipality``."""
    area = lookup_postcode(value)
    if area is None or area.municipality_id != municipality.pk:
        return None
    return area.district
