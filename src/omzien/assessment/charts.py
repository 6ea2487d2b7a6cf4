"""A small server-side SVG line chart of a resident's scores over time (no JavaScript)."""

from __future__ import annotations

from dataclasses import dataclass

WIDTH, HEIGHT, PAD = 320, 120, 24


@dataclass(frozen=True)
class ChartPoint:
    x: float
    y: float
    label: str


def score_chart(assessments, max_total: int) -> dict | None:
    """Points for the assessments with a known total; None when fewer than two."""
    known = [a for a in assessments if a.total is not None]
    if len(known) < 2 or not max_total:
        return None
    step = (WIDTH - 2 * PAD) / (len(known) - 1)
    points = [
        ChartPoint(
            x=round(PAD + i * step, 1),
            y=round(HEIGHT - PAD - (a.total / max_total) * (HEIGHT - 2 * PAD), 1),
            label=f"{a.taken_on:%d-%m-%Y}: {a.total}",
        )
        for i, a in enumerate(known)
    ]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "points": points,
        "polyline": " ".join(f"{p.x},{p.y}" for p in points),
        "baseline": HEIGHT - PAD,
        "top": PAD,
        "max_total": max_total,
        "summary": ", ".join(p.label for p in points),
    }
