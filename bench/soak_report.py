"""Figures of the soak (``bench/soak.py``): the per-minute rows, the memory slope, the spread
of the per-minute p99, the printed table and the files under var/bench/."""

from __future__ import annotations

import csv
import json
import statistics
from pathlib import Path

from bench.common import percentile

KINDS = ("public", "partner", "queue", "case", "monitoring", "survey")
MEMORY = ("gunicorn", "gunicorn_w1", "gunicorn_w2", "gunicorn_w3", "worker", "intake")


def minute_rows(samples: list, snapshots: list[dict], minutes: int) -> list[dict]:
    """One row per minute: per kind the requests, errors and p50/p95/p99 (ms), then the
    memory (MB), the intake backlog and the load average sampled at the end of the minute."""
    rows = []
    for minute in range(minutes):
        in_minute = [s for s in samples if minute * 60 <= s.at < (minute + 1) * 60]
        row: dict = {"minute": minute + 1}
        for kind in KINDS:
            of_kind = [s for s in in_minute if s.kind == kind]
            latencies = [s.ms for s in of_kind if s.ok]
            row[f"{kind}_n"] = len(of_kind)
            row[f"{kind}_errors"] = sum(not s.ok for s in of_kind)
            for q in (50, 95, 99):
                row[f"{kind}_p{q}"] = (
                    round(percentile(latencies, q / 100), 1) if latencies else None
                )
        row["requests"] = sum(row[f"{k}_n"] for k in KINDS if k != "survey")
        row["errors"] = sum(row[f"{k}_errors"] for k in KINDS)
        snapshot = next((s for s in snapshots if s["minute"] == minute + 1), None)
        if snapshot:
            row.update({f"rss_{k}": round(v, 1) for k, v in snapshot["rss"].items()})
            row["intake_pending"] = snapshot["pending"]
            row["load"] = snapshot["load"]
        rows.append(row)
    return rows


def slope_per_10_min(points: list[tuple[float, float]]) -> float | None:
    """Least-squares slope of (minute, MB) in MB per 10 minutes."""
    if len(points) < 3:
        return None
    xs, ys = zip(*points, strict=True)
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    sxx = sum((x - mean_x) ** 2 for x in xs)
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    return round(10 * sxy / sxx, 2) if sxx else None


def memory_summary(snapshots: list[dict], minutes: int) -> dict:
    """Per process: first and last MB, and over the last two thirds of the run the slope
    (MB per 10 minutes) and the range (max - min)."""
    summary = {}
    tail = [s for s in snapshots if s["minute"] >= minutes / 3]
    for name in MEMORY:
        series = [(s["minute"], s["rss"][name]) for s in snapshots if name in s["rss"]]
        window = [(s["minute"], s["rss"][name]) for s in tail if name in s["rss"]]
        if not series:
            continue
        values = [mb for _, mb in window] or [series[-1][1]]
        summary[name] = {
            "start_mb": round(series[0][1], 1),
            "end_mb": round(series[-1][1], 1),
            "slope_mb_per_10min": slope_per_10_min(window),
            "range_mb": round(max(values) - min(values), 1),
        }
    return summary


def p99_summary(rows: list[dict]) -> dict:
    """Per kind: the lowest, median and highest per-minute p99 and highest / median."""
    summary = {}
    for kind in KINDS:
        values = [r[f"{kind}_p99"] for r in rows if r[f"{kind}_p99"] is not None]
        if not values:
            continue
        median = statistics.median(values)
        summary[kind] = {
            "min_ms": min(values),
            "median_ms": round(median, 1),
            "max_ms": max(values),
            "max_over_median": round(max(values) / median, 2) if median else None,
        }
    return summary


def overall(samples: list) -> dict:
    """Per kind over the whole run: requests, errors (and their answers), p50/p95/p99."""
    result = {}
    for kind in KINDS:
        of_kind = [s for s in samples if s.kind == kind]
        latencies = [s.ms for s in of_kind if s.ok]
        answers: dict[str, int] = {}
        for s in of_kind:
            if not s.ok:
                label = str(s.status) if s.status is not None else "no answer"
                answers[label] = answers.get(label, 0) + 1
        result[kind] = {
            "n": len(of_kind),
            "errors": sum(answers.values()),
            "error_answers": answers,
            **{
                f"p{q}_ms": round(percentile(latencies, q / 100), 1) if latencies else None
                for q in (50, 95, 99)
            },
        }
    return result


def _cell(value, width: int) -> str:
    text = "-" if value is None else (f"{value:.0f}" if isinstance(value, float) else str(value))
    return text.rjust(width)


def table(rows: list[dict]) -> str:
    """The per-minute figures as printed: requests, errors, p99 per kind (ms), the survey's
    time (s), memory (MB), the intake backlog and the 1-minute load average."""
    columns = [
        ("min", "minute", 3), ("req", "requests", 5), ("err", "errors", 3),
        ("pub p50", "public_p50", 7), ("pub p99", "public_p99", 7),
        ("api p50", "partner_p50", 7), ("api p99", "partner_p99", 7),
        ("queue p99", "queue_p99", 9), ("case p99", "case_p99", 8),
        ("mon p99", "monitoring_p99", 7), ("survey ms", "survey_p50", 9),
        ("gunicorn MB", "rss_gunicorn", 11), ("w1", "rss_gunicorn_w1", 4),
        ("w2", "rss_gunicorn_w2", 4), ("w3", "rss_gunicorn_w3", 4),
        ("worker", "rss_worker", 6), ("intake", "rss_intake", 6),
        ("backlog", "intake_pending", 7), ("load 1m", "load1", 7),
    ]  # fmt: skip
    lines = [" ".join(title.rjust(width) for title, _, width in columns)]
    for row in rows:
        row = {**row, "load1": row["load"][0] if row.get("load") else None}
        lines.append(" ".join(_cell(row.get(key), width) for _, key, width in columns))
    return "\n".join(lines)


def write(out: Path, result: dict, rows: list[dict], samples: list) -> None:
    """OUT.json (everything), OUT.csv (per minute) and OUT-samples.csv (every request)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.with_name(out.name + "-samples.csv").open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["kind", "at_s", "ms", "ok", "status"])
        writer.writerows(
            (s.kind, round(s.at, 3), round(s.ms, 1), int(s.ok), s.status) for s in samples
        )
    out.with_suffix(".json").write_text(json.dumps(result, indent=2, default=str) + "\n")
    if rows:
        keys = sorted({k for row in rows for k in row}, key=lambda k: (k != "minute", k))
        with out.with_suffix(".csv").open("w", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=keys)
            writer.writeheader()
            writer.writerows(rows)


def _md_row(cells) -> str:
    return "| " + " | ".join("-" if c is None else str(c) for c in cells) + " |"


def markdown(result: dict) -> str:
    """The figures for docs/benchmarks.md: the per-minute table condensed to minute 1, every
    5th minute and the last, plus the lowest and highest of each column; then memory, p99
    spread and the signals."""
    rows = result["rows"]
    keep = [r for r in rows if r["minute"] == 1 or r["minute"] % 5 == 0 or r is rows[-1]]
    columns = [
        ("min", "minute"), ("requests", "requests"), ("errors", "errors"),
        ("public p50 / p99 ms", ("public_p50", "public_p99")),
        ("API p50 / p99 ms", ("partner_p50", "partner_p99")),
        ("queue p50 / p99 ms", ("queue_p50", "queue_p99")),
        ("case p50 / p99 ms", ("case_p50", "case_p99")),
        ("monitoring p50 / p99 ms", ("monitoring_p50", "monitoring_p99")),
        ("survey s", "survey_p50"), ("gunicorn MB (w1/w2/w3)", "rss"),
        ("worker MB", "rss_worker"), ("intake MB", "rss_intake"),
        ("backlog", "intake_pending"), ("load 1/5 min", "load"),
    ]  # fmt: skip

    def cell(row: dict, key) -> str | None:
        if isinstance(key, tuple):
            return " / ".join(_fmt(row.get(k)) for k in key)
        if key == "rss":
            workers = "/".join(_fmt(row.get(f"rss_gunicorn_w{n}")) for n in (1, 2, 3))
            return f"{_fmt(row.get('rss_gunicorn'))} ({workers})"
        if key == "load":
            return " / ".join(f"{x:.1f}" for x in row["load"][:2]) if row.get("load") else None
        if key == "survey_p50":
            return f"{row[key] / 1000:.1f}" if row.get(key) else None
        return _fmt(row.get(key))

    lines = [_md_row(t for t, _ in columns), _md_row("---" for _ in columns)]
    lines += [_md_row(cell(r, k) for _, k in columns) for r in keep]
    for label, pick in (("lowest", min), ("highest", max)):
        keys = [k for k in (rows[0] if rows else {}) if k not in ("minute", "load")]
        extreme = {
            k: pick((r[k] for r in rows if r.get(k) is not None), default=None) for k in keys
        }
        loads = [r["load"] for r in rows if r.get("load")]
        extreme["load"] = [pick(x[i] for x in loads) for i in (0, 1)] if loads else None
        lines.append(_md_row([label, *(cell(extreme, k) for _, k in columns[1:])]))
    return "\n".join(lines)


def _fmt(value) -> str:
    if value is None:
        return "-"
    return f"{value:.0f}" if isinstance(value, float) else str(value)
