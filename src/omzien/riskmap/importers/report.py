"""What an import found: the figures, the issues that refuse a file, and the report."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

MAX_ISSUES = 50
#: A parser tells its ``progress(done, total)`` callback after every so many rows.
PROGRESS_EVERY = 200

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Issue:
    """One reason to refuse a file, with where it is."""

    file: str
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}, regel {self.line}"
        if self.column:
            where += f", kolom {self.column}"
        return f"{where}: {self.message}"


class ImportRefused(Exception):
    """The file is refused as a whole; nothing was changed."""

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = issues
        super().__init__("\n".join(str(issue) for issue in issues))


@dataclass(frozen=True)
class Figure:
    """One figure as read: ``value`` None means unknown or suppressed (never 0)."""

    year: int
    area_code: str
    indicator: str
    age_group: str = ""
    value: float | None = None
    lower: float | None = None
    upper: float | None = None

    @property
    def suppressed(self) -> bool:
        return self.value is None


@dataclass
class ParsedFile:
    """A whole file read and checked; ``notes`` say what was left aside and why."""

    source: str
    file_name: str
    figures: list[Figure] = field(default_factory=list)
    rows_read: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def years(self) -> list[int]:
        return sorted({figure.year for figure in self.figures})


class IssueList(list):
    """Issues of one file; refuses once the file has been read to the end."""

    def __init__(self, file_name: str) -> None:
        super().__init__()
        self.file_name = file_name

    def add(self, line: int, column: str, message: str) -> None:
        if len(self) < MAX_ISSUES:
            self.append(Issue(self.file_name, line, column, message))

    def refuse_if_any(self) -> None:
        if self:
            raise ImportRefused(list(self))


def counted(rows: Iterable, progress: Progress | None) -> Iterator:
    """The rows, telling ``progress(rows checked, total)`` every ``PROGRESS_EVERY`` rows and
    at the end (the upload's progress bar, riskmap/uploads/)."""
    rows = list(rows)
    if progress is None:
        yield from rows
        return
    total = len(rows)
    progress(0, total)
    for done, row in enumerate(rows, start=1):
        yield row
        if done % PROGRESS_EVERY == 0:
            progress(done, total)
    progress(total, total)


def report_of(parsed: ParsedFile, year: int) -> dict:
    """The report of one year of a parsed file: counts per indicator, suppressed ones listed."""
    figures = [f for f in parsed.figures if f.year == year]
    loaded = Counter(f.indicator for f in figures if not f.suppressed)
    skipped = [f for f in figures if f.suppressed]
    return {
        "file": parsed.file_name,
        "rows_read": parsed.rows_read,
        "loaded": len(figures) - len(skipped),
        "skipped": len(skipped),
        "rejected": 0,
        "loaded_per_indicator": dict(sorted(loaded.items())),
        "suppressed": [
            {"area": f.area_code, "indicator": f.indicator, "age_group": f.age_group}
            for f in skipped[:500]
        ],
        "notes": parsed.notes,
    }


def format_report(parsed: ParsedFile) -> str:
    """A plain Dutch summary for the command line."""
    lines = [f"{parsed.file_name}: {parsed.rows_read} regels gelezen"]
    for year in parsed.years:
        report = report_of(parsed, year)
        lines.append(
            f"  {year}: {report['loaded']} cijfers geladen, {report['skipped']} onbekend of "
            "geheim (niet als 0 opgeslagen), 0 geweigerd"
        )
    lines += [f"  let op: {note}" for note in parsed.notes]
    return "\n".join(lines)
