"""What a municipality's factsheet says (issue 12, item 7), as plain data that the page and
the PDF both render, so they cannot differ.

The sections come from ``core.extensions.factsheet_sections`` in their order (the risk map,
the benchmark, monitoring, and any app that registers one later); a section whose ``build``
returns None has nothing to say and is left out. Every section does its own suppression
(core/suppression.py) and returns shown text only; this module adds the header: the
municipality, its province, its inhabitants and the date the factsheet was made. Nothing is
stored: the factsheet is made again on every request.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.db.models import Sum
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from omzien.core import extensions
from omzien.core.extensions import FactsheetPart
from omzien.core.models import District, Municipality

#: Under the title of the page and the PDF.
NOTE = gettext_lazy("Alleen totalen; aantallen onder de 5 tonen we niet.")

#: A shown cell that is a figure (right-aligned): "1.234", "12,5%", "<5", "<12,3", "-3,0".
_FIGURE = re.compile(r"^[<>]?[-+]?\d[\d.,]*\s?%?$")


@dataclass(frozen=True)
class Factsheet:
    """Everything the factsheet shows, already worded."""

    municipality: str
    slug: str
    province: str
    inhabitants: str
    generated_on: dt.date
    parts: tuple[FactsheetPart, ...]

    @property
    def date_text(self) -> str:
        return formats.date_format(self.generated_on, "j F Y")

    @property
    def facts(self) -> tuple[tuple[str, str], ...]:
        """The header under the title: (label, value)."""
        return (
            (_("Provincie"), self.province),
            (_("Inwoners"), self.inhabitants),
            (_("Gemaakt op"), self.date_text),
        )

    @property
    def title(self) -> str:
        return _("Factsheet %(name)s") % {"name": self.municipality}

    @property
    def file_name(self) -> str:
        return f"factsheet-{self.slug}-{self.generated_on.isoformat()}.pdf"


def is_figure(text: str) -> bool:
    """Whether a shown cell is a figure (aligned right on the page and in the PDF)."""
    return bool(_FIGURE.match(text.strip()))


def figure_columns(part: FactsheetPart) -> tuple[bool, ...]:
    """Per column of the part's table, whether it holds figures only (aligned right on the
    page and in the PDF); the first column names the row and is never one."""
    columns = max([len(part.header)] + [len(row) for row in part.rows])
    return tuple(
        index > 0
        and bool(part.rows)
        and all(is_figure(row[index]) for row in part.rows if index < len(row))
        for index in range(columns)
    )


def whole(value: float) -> str:
    """A whole number with a dot for thousands: 12.345."""
    return f"{round(value):,}".replace(",", ".")


def inhabitants_of(municipality: Municipality) -> int | None:
    """The municipality's inhabitants: its CBS key figure, else the sum over its districts
    where every district's number is known; None when unknown."""
    value = (municipality.key_figures or {}).get("aantal_inwoners")
    if isinstance(value, int | float) and not isinstance(value, bool):
        return int(value)
    districts = District.objects.filter(municipality=municipality)
    if not districts.exists() or districts.filter(inhabitants__isnull=True).exists():
        return None
    return districts.aggregate(total=Sum("inhabitants"))["total"]


def build_factsheet(user, municipality: Municipality) -> Factsheet:
    """The factsheet of ``municipality`` as ``user`` may see it (every section checks what it
    shows to whom), made today."""
    parts = []
    for section in extensions.factsheet_sections:
        part = section.build(user, municipality)
        if part is not None:
            parts.append(part)
    inhabitants = inhabitants_of(municipality)
    province = municipality.province.name if municipality.province_id else ""
    return Factsheet(
        municipality=municipality.name,
        slug=municipality.slug,
        province=province or _("onbekend"),
        inhabitants=whole(inhabitants) if inhabitants is not None else _("onbekend"),
        generated_on=timezone.localdate(),
        parts=tuple(parts),
    )
