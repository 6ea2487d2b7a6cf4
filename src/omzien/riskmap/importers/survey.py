"""A municipality's own survey per district: the CSV that ``omzien survey score --by wijk``
writes (an area column, respondents, effective_n, suppressed, and per indicator ``_pct``,
``_ci_low``, ``_ci_high``)."""

from __future__ import annotations

from omzien.core.models import District, Municipality
from omzien.riskmap.importers.columns import area_code, number
from omzien.riskmap.importers.report import Figure, IssueList, ParsedFile, Progress, counted
from omzien.riskmap.importers.statline import decode, read_csv
from omzien.riskmap.models import Source

INDICATORS = (
    "eenzaam",
    "ernstig_eenzaam",
    "sterk_eenzaam",
    "emotioneel_eenzaam",
    "sociaal_eenzaam",
)
FIXED = {"respondents", "effective_n", "suppressed"}


def _layout(headers: list[str], issues: IssueList) -> tuple[str | None, list[str]]:
    indicators = [i for i in INDICATORS if f"{i}_pct" in headers]
    known = FIXED | {f"{i}_{p}" for i in INDICATORS for p in ("pct", "ci_low", "ci_high")}
    areas = [h for h in headers if h not in known]
    for column in ("respondents", "suppressed"):
        if column not in headers:
            issues.add(1, column, "kolom ontbreekt: is dit de uitvoer van omzien survey score?")
    if len(areas) != 1:
        issues.add(1, "", "verwacht precies één kolom met de wijkcode (--by wijk)")
    if not indicators:
        issues.add(1, "eenzaam_pct", "kolom ontbreekt")
    issues.refuse_if_any()
    return areas[0], indicators


def _figure(row, line, headers, indicator, code, year, issues, suppressed) -> Figure | None:
    cells = {}
    for part in ("pct", "ci_low", "ci_high"):
        column = f"{indicator}_{part}"
        raw = row[headers.index(column)] if column in headers else ""
        value, ok = number(raw)
        if not ok:
            issues.add(line, column, f"'{raw}' is geen getal")
            return None
        cells[part] = value
    if suppressed or cells["pct"] is None:
        return Figure(year, code, indicator)
    return Figure(year, code, indicator, "", cells["pct"], cells["ci_low"], cells["ci_high"])


def parse_survey(
    data: bytes,
    file_name: str,
    *,
    municipality: Municipality,
    year: int,
    progress: Progress | None = None,
) -> ParsedFile:
    issues = IssueList(file_name)
    headers, rows = read_csv(decode(data, file_name), file_name)
    area, indicators = _layout(headers, issues)
    districts = set(
        District.objects.filter(municipality=municipality).values_list("code", flat=True)
    )
    parsed = ParsedFile(source=Source.OWN_SURVEY, file_name=file_name, rows_read=len(rows))
    for line, row in counted(rows, progress):
        if len(row) != len(headers):
            issues.add(line, "", f"{len(row)} velden, de kop heeft er {len(headers)}")
            continue
        code = area_code(row[headers.index(area)])
        if not code:  # respondents without a district: the scorer's "(empty)" area
            parsed.notes.append(f"regel {line}: respondenten zonder wijk, niet ingelezen")
            continue
        if code not in districts:
            issues.add(line, area, f"'{code}' is geen wijk van {municipality.name}")
            continue
        flag = row[headers.index("suppressed")].strip().lower()
        if flag not in {"true", "false"}:
            issues.add(line, "suppressed", f"'{flag}' is geen true of false")
            continue
        for indicator in indicators:
            figure = _figure(row, line, headers, indicator, code, year, issues, flag == "true")
            if figure:
                parsed.figures.append(figure)
    if not parsed.figures:
        issues.add(1, "", "het bestand bevat geen cijfers")
    issues.refuse_if_any()
    return parsed
