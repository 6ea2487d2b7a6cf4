"""Parsing and checking single values: numbers, codes, text and coordinates."""

from __future__ import annotations

import math
import re
from typing import Any

from omzien.core.reference.records import _DECIMAL, _INTEGER, ReferenceDataError


def _number(value: str, where: str, column: str, *, integer: bool = False) -> int | float | None:
    """'' -> None, '12' -> 12, '1.5' -> 1.5. Other text, negatives, pct_* over 100: error."""
    text = value.strip()
    if text == "":
        return None
    if _INTEGER.fullmatch(text):
        number: int | float = int(text)
    elif not integer and _DECIMAL.fullmatch(text):
        number = float(text)
    else:
        kind = "a whole number" if integer else "a number"
        raise ReferenceDataError(f"{where}, column {column}: {value!r} is not {kind}")
    _check_range(number, where, column)
    return number


def _json_number(value: Any, where: str, name: str, *, integer: bool = False) -> int | float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ReferenceDataError(f"{where}: property {name} {value!r} is not a number")
    if isinstance(value, float) and not math.isfinite(value):
        raise ReferenceDataError(f"{where}: property {name} {value!r} is not a finite number")
    if integer and not isinstance(value, int):
        raise ReferenceDataError(f"{where}: property {name} {value!r} is not a whole number")
    _check_range(value, where, f"property {name}")
    return value


def _check_range(number: int | float, where: str, column: str) -> None:
    label = column if column.startswith("property ") else f"column {column}"
    if number < 0:
        raise ReferenceDataError(f"{where}, {label}: {number!r} is negative")
    if column.rsplit(" ", 1)[-1].startswith("pct_") and number > 100:
        raise ReferenceDataError(f"{where}, {label}: {number!r} is not a percentage (0-100)")


def _code(value: str, pattern: re.Pattern[str], where: str, column: str, example: str) -> str:
    if not pattern.fullmatch(value):
        raise ReferenceDataError(
            f"{where}, column {column}: {value!r} is not a valid code (expected e.g. {example})"
        )
    return value


def _text(value: str, where: str, column: str, max_length: int, *, required: bool = True) -> str:
    text = value.strip()
    if required and not text:
        raise ReferenceDataError(f"{where}, column {column}: value is empty")
    if len(text) > max_length:
        raise ReferenceDataError(
            f"{where}, column {column}: {text[:40]!r}... is longer than {max_length} characters"
        )
    return text


def _coordinate(value: str, where: str, column: str, bounds: tuple[float, float]) -> float:
    text = value.strip()
    if not _DECIMAL.fullmatch(text):
        raise ReferenceDataError(f"{where}, column {column}: {value!r} is not a number")
    number = float(text)
    if not bounds[0] <= number <= bounds[1]:
        raise ReferenceDataError(
            f"{where}, column {column}: {number} is outside the Netherlands "
            f"({bounds[0]} to {bounds[1]})"
        )
    return number
