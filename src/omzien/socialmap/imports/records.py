"""What a row of an import becomes: a ``Record`` (an initiative's values, its organisation
by name, its events) or ``Problem``s (line, column, reason in Dutch)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    line: int
    column: str
    message: str

    def as_dict(self) -> dict:
        return {"line": self.line, "column": self.column, "message": str(self.message)}


@dataclass(frozen=True)
class EventSpec:
    """A meeting as the file says it: start (aware, Dutch time), duration, RFC 5545 rule."""

    starts_at: dt.datetime
    minutes: int = 120
    rrule: str = ""
    title: str = ""
    note: str = ""

    def key(self) -> tuple:
        return (self.starts_at, self.minutes, self.rrule, self.title, self.note)


@dataclass
class Record:
    """One initiative of the file. ``values`` holds only what the file says (a column that is
    not in the file leaves the field as it is); ``events`` None leaves the events alone."""

    line: int
    organisation: str
    values: dict
    hsds_id: uuid.UUID | None = None
    status: str | None = None
    events: list[EventSpec] | None = None
    organisation_kind: str = ""
    """The kind of an organisation made by the import (HSDS ``x-omzien.kind``)."""
    columns: dict[str, str] = field(default_factory=dict)
    """Model field -> the file's column name, to report a problem where the user looks."""

    def column_of(self, name: str) -> str:
        return self.columns.get(name, name)
