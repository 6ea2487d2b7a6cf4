"""The risk map's table of figures per district, shared by the page, the map and the exports
(issue 10, item 5): one place decides what every cell says, so the map, the table, the CSV and
the XLSX show the same numbers with the same suppression.

Every cell has the text shown ("onbekend" for an unknown figure, never 0; "<5" for an
own-records count below 5) and a number to sort and colour by (None where unknown or
suppressed). Aggregates only: no names of residents anywhere.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from omzien.core.models import Municipality
from omzien.core.suppression import is_suppressed, shown_count
from omzien.riskmap import prevalence
from omzien.riskmap.blindspots import BlindSpot, blind_spots
from omzien.riskmap.estimate import PrevalenceTable, Shown
from omzien.riskmap.indicators import DistrictIndicators, district_indicators, record_columns

UNKNOWN = "onbekend"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Cell:
    text: str
    value: float | None = None  # None: unknown or suppressed (never coloured, sorts last)
    suppressed: bool = False


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    numeric: bool = True
    on_map: bool = False  # offered in the map's chooser of indicator


@dataclass(frozen=True)
class Row:
    code: str
    name: str
    cells: dict[str, Cell]


@dataclass(frozen=True)
class Table:
    columns: list[Column]
    rows: list[Row]
    indicators: dict[str, DistrictIndicators]
    spots: dict[str, BlindSpot]
    prevalence: PrevalenceTable  # the national table the model used (year and source)

    def map_columns(self) -> list[Column]:
        return [c for c in self.columns if c.on_map]


def decimal(value: float, places: int = 1) -> str:
    return f"{value:.{places}f}".replace(".", ",")


def whole(value: float) -> str:
    return f"{round(value):,}".replace(",", ".")


def _pct(value: float | None) -> Cell:
    return Cell(UNKNOWN) if value is None else Cell(decimal(value) + "%", value)


def _int(value: float | None) -> Cell:
    return Cell(UNKNOWN) if value is None else Cell(whole(value), float(value))


def _count(value: int | None) -> Cell:
    """An own-records count: "<5" below 5 (0 included), unknown when nobody counts it."""
    if value is None:
        return Cell(UNKNOWN)
    suppressed = is_suppressed(value)
    return Cell(shown_count(value), None if suppressed else float(value), suppressed)


@dataclass(frozen=True)
class Words:
    """The translated words of the cells, looked up once per table (not once per cell: at
    111 districts that was about 900 lookups)."""

    to: str
    measured: str
    model: str
    not_ranked: str

    @classmethod
    def current(cls) -> Words:
        return cls(_("tot"), _("meting"), _("model"), _("niet gerangschikt: {reason}"))


def kind_label(shown: Shown | None, words: Words | None = None) -> str:
    if shown is None:
        return UNKNOWN
    words = words or Words.current()
    return words.measured if shown.kind == "gemeten" else words.model


def _margin_pct(shown: Shown | None, words: Words) -> Cell:
    if shown is None or shown.lower_pct is None or shown.upper_pct is None:
        return Cell(UNKNOWN)
    return Cell(f"{decimal(shown.lower_pct)}% {words.to} {decimal(shown.upper_pct)}%")


def _margin_count(shown: Shown | None, words: Words) -> Cell:
    if shown is None or shown.lower_count is None or shown.upper_count is None:
        return Cell(UNKNOWN)
    return Cell(f"{whole(shown.lower_count)} {words.to} {whole(shown.upper_count)}")


def _loneliness(prefix: str, shown: Shown | None, words: Words) -> dict[str, Cell]:
    return {
        f"{prefix}_pct": _pct(shown.share_pct if shown else None),
        f"{prefix}_pct_margin": _margin_pct(shown, words),
        f"{prefix}_count": _int(shown.count if shown else None),
        f"{prefix}_count_margin": _margin_count(shown, words),
        f"{prefix}_kind": Cell(kind_label(shown, words)),
    }


def _rate(spot: BlindSpot) -> Cell:
    if spot.rate is None:
        return Cell(UNKNOWN)
    return Cell(spot.rate_display, None if spot.suppressed else spot.rate, spot.suppressed)


def _rank(spot: BlindSpot, words: Words) -> Cell:
    if spot.rank is None:
        return Cell(words.not_ranked.format(reason=spot.reason))
    return Cell(str(spot.rank), float(spot.rank))


def columns() -> list[Column]:
    """The table's columns in order (the registered own-records counts in the middle)."""
    result = [
        Column("name", _("Wijk"), numeric=False),
        Column("code", _("Wijkcode"), numeric=False),
        Column("inhabitants", _("Inwoners"), on_map=True),
        Column("pct_65plus", _("% 65 jaar en ouder"), on_map=True),
        Column("pct_75plus", _("% 75 jaar en ouder"), on_map=True),
        Column("pct_single", _("% eenpersoonshuishoudens"), on_map=True),
        Column("pct_low_income", _("% huishoudens met laag inkomen"), on_map=True),
    ]
    for prefix, word in (("lonely", _("eenzaam")), ("severe", _("ernstig eenzaam"))):
        result += [
            Column(f"{prefix}_pct", _("% volwassenen {word}").format(word=word), on_map=True),
            Column(f"{prefix}_pct_margin", _("marge % {word}").format(word=word), numeric=False),
            Column(f"{prefix}_count", _("Aantal {word}").format(word=word), on_map=True),
            Column(f"{prefix}_count_margin", _("marge aantal {word}").format(word=word), False),
            Column(f"{prefix}_kind", _("{word}: meting of model").format(word=word), False),
        ]
    for key, label in record_columns():
        result.append(Column(key, _("{label} (12 maanden)").format(label=label), on_map=True))
    result += [
        Column("rate", _("Bereikt per 1.000 ernstig eenzamen"), on_map=True),
        Column("rank", _("Rang blinde vlek (1: minst bereikt)")),
    ]
    return result


def _row(row: DistrictIndicators, spot: BlindSpot, words: Words, records: list[str]) -> Row:
    cells = {
        "name": Cell(row.name),
        "code": Cell(row.code),
        "inhabitants": _int(row.inhabitants),
        "pct_65plus": _pct(row.pct_65plus),
        "pct_75plus": _pct(row.pct_75plus),
        "pct_single": _pct(row.pct_single),
        "pct_low_income": _pct(row.pct_low_income),
        **_loneliness("lonely", row.lonely, words),
        **_loneliness("severe", row.severely_lonely, words),
        "rate": _rate(spot),
        "rank": _rank(spot, words),
    }
    for key in records:
        cells[key] = _count(row.count(key))
    return Row(row.code, row.name, cells)


def build_table(municipality: Municipality, year: int | None = None) -> Table:
    """The figures of every district of ``municipality``, by district name."""
    year = year or timezone.localdate().year
    national = prevalence.table_for(year)
    rows = district_indicators(municipality, year, table=national)
    spots = {spot.code: spot for spot in blind_spots(rows)}
    by_code = {row.code: row for row in rows}
    ordered = sorted(rows, key=lambda r: (r.name.lower(), r.code))
    words, records = Words.current(), [key for key, _label in record_columns()]
    rendered = [_row(r, spots[r.code], words, records) for r in ordered]
    return Table(columns(), rendered, by_code, spots, national)


def class_breaks(values: list[float], classes: int = 5) -> list[float]:
    """Upper bounds of up to ``classes`` quantile classes over the known values (the last is
    the maximum); fewer when there are fewer distinct values."""
    known = sorted(set(values))
    if not known:
        return []
    if len(known) <= classes:
        return known
    ordered = sorted(values)
    breaks = []
    for k in range(1, classes + 1):
        position = min(len(ordered) - 1, max(0, round(k * len(ordered) / classes) - 1))
        bound = ordered[position]
        if not breaks or bound > breaks[-1]:
            breaks.append(bound)
    if breaks[-1] < ordered[-1]:
        breaks.append(ordered[-1])
    return breaks


def map_data(table: Table, urls: dict[str, str]) -> dict:
    """What the map's script needs: per indicator its label and class breaks, per district its
    name, link and per indicator [value or None, text, suppressed]."""
    indicators = []
    for column in table.map_columns():
        values = [r.cells[column.key].value for r in table.rows]
        breaks = class_breaks([v for v in values if v is not None])
        texts = [r.cells[column.key].text for r in table.rows]
        indicators.append(
            {
                "key": column.key,
                "label": column.label,
                "breaks": breaks,
                "decimals": 1 if any("," in t for t in texts) else 0,
                "suffix": "%" if any(t.endswith("%") for t in texts) else "",
            }
        )
    districts = {
        row.code: {
            "name": row.name,
            "url": urls.get(row.code, ""),
            "values": {
                c.key: [row.cells[c.key].value, row.cells[c.key].text, row.cells[c.key].suppressed]
                for c in table.map_columns()
            },
        }
        for row in table.rows
    }
    return {"indicators": indicators, "districts": districts, "unknown": UNKNOWN}


def _file_name(municipality: Municipality, extension: str) -> str:
    stamp = timezone.localdate().isoformat()
    return f"risicokaart-{municipality.slug}-{stamp}.{extension}"


def csv_response(table: Table, municipality: Municipality) -> HttpResponse:
    """Semicolons and decimal commas (Dutch Excel), UTF-8 with a byte order mark."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([c.label for c in table.columns])
    for row in table.rows:
        writer.writerow([row.cells[c.key].text for c in table.columns])
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    name = _file_name(municipality, "csv")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def xlsx_response(table: Table, municipality: Municipality) -> HttpResponse:
    """The same table as a worksheet: known numbers as numbers, everything else ("onbekend",
    "<5", margins, reasons) as the same text as on the page."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = _("Risicokaart")
    sheet.append([c.label for c in table.columns])
    for row in table.rows:
        sheet.append([_xlsx_value(row.cells[c.key], c) for c in table.columns])
    sheet.freeze_panes = "C2"
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    name = _file_name(municipality, "xlsx")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _xlsx_value(cell: Cell, column: Column):
    if not column.numeric or cell.value is None or cell.suppressed:
        return cell.text
    if "," in cell.text:  # shown with one decimal
        return round(cell.value, 1)
    return round(cell.value)
