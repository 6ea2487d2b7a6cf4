"""Simplifying GeoJSON polygons for a zoom level: pure Python, no Django.

Douglas-Peucker on each ring of a Polygon or MultiPolygon, with the tolerance in degrees
(WGS84), then rounding to 5 decimals (about 1 m). A ring stays closed and keeps at least 4
positions: a hole or a part of a MultiPolygon that would collapse is dropped, and the outer
ring of the only part is kept as it was (rounded). Each area is simplified on its own, so
neighbouring areas may show slivers between them at a low detail; at the zoom that detail is
meant for, they are smaller than a pixel. See docs/riskmap-boundaries.md.
"""

from __future__ import annotations

from typing import Any

#: Decimals kept in a coordinate: 5 is about 1 m in the Netherlands.
DECIMALS = 5

Position = list[float]
Ring = list[Position]


def _farthest(points: Ring, first: int, last: int) -> tuple[float, int]:
    """The squared distance and index of the point between ``first`` and ``last`` farthest
    from the segment joining them (inlined: this loop is the whole cost)."""
    ax, ay = points[first][0], points[first][1]
    dx, dy = points[last][0] - ax, points[last][1] - ay
    length_sq = dx * dx + dy * dy
    worst, index = -1.0, -1
    for i in range(first + 1, last):
        px, py = points[i][0] - ax, points[i][1] - ay
        if length_sq == 0.0:
            d = px * px + py * py
        else:
            t = (px * dx + py * dy) / length_sq
            t = 0.0 if t < 0.0 else 1.0 if t > 1.0 else t
            qx, qy = t * dx - px, t * dy - py
            d = qx * qx + qy * qy
        if d > worst:
            worst, index = d, i
    return worst, index


def _douglas_peucker(points: Ring, tolerance: float) -> Ring:
    """Douglas-Peucker on an open line (its ends are kept), without recursion."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    limit = tolerance * tolerance
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        worst, index = _farthest(points, first, last)
        if index != -1 and worst > limit:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def _rounded(ring: Ring) -> Ring:
    out: Ring = []
    for position in ring:
        point = [round(position[0], DECIMALS), round(position[1], DECIMALS)]
        if not out or out[-1] != point:
            out.append(point)
    if out and out[0] != out[-1]:
        out.append(list(out[0]))
    return out


def simplify_ring(ring: Ring, tolerance: float) -> Ring | None:
    """The closed ring simplified and rounded, or None when it would have fewer than 4
    positions. The ring is split at its point farthest from the start, so that
    Douglas-Peucker never runs on a line whose ends coincide."""
    if tolerance > 0 and len(ring) >= 4:
        ax, ay = ring[0][0], ring[0][1]
        far = max(
            range(1, len(ring) - 1), key=lambda i: (ring[i][0] - ax) ** 2 + (ring[i][1] - ay) ** 2
        )
        first = _douglas_peucker(ring[: far + 1], tolerance)
        second = _douglas_peucker(ring[far:], tolerance)
        ring = first + second[1:]
    out = _rounded(ring)
    return out if len(out) >= 4 else None


def _simplify_polygon(rings: list[Ring], tolerance: float) -> list[Ring] | None:
    outer = simplify_ring(rings[0], tolerance) if rings else None
    if outer is None:
        return None
    holes = [h for h in (simplify_ring(r, tolerance) for r in rings[1:]) if h is not None]
    return [outer, *holes]


def _parts(geometry: dict[str, Any]) -> list[list[Ring]]:
    """The polygons of a Polygon (one) or a MultiPolygon."""
    if geometry["type"] == "MultiPolygon":
        return geometry["coordinates"]
    return [geometry["coordinates"]]


def simplify_geometry(geometry: dict[str, Any] | None, tolerance: float) -> dict | None:
    """A Polygon or MultiPolygon simplified with ``tolerance`` (degrees) and rounded; any
    other geometry is returned as it is. Never returns an empty polygon for a non-empty one."""
    if not geometry or geometry.get("type") not in ("Polygon", "MultiPolygon"):
        return geometry
    parts = [part for part in _parts(geometry) if part]
    if not parts:
        return geometry
    kept = [p for p in (_simplify_polygon(part, tolerance) for part in parts) if p is not None]
    if not kept:
        # Everything collapsed: keep the largest part (most positions), only rounded.
        largest = max(parts, key=lambda part: len(part[0]))
        kept = [_simplify_polygon(largest, 0.0) or largest]
    if len(kept) == 1:
        return {"type": "Polygon", "coordinates": kept[0]}
    return {"type": "MultiPolygon", "coordinates": kept}


def positions(geometry: dict[str, Any] | None) -> int:
    """How many positions a Polygon or MultiPolygon has (for docs and benchmarks)."""
    if not geometry:
        return 0
    parts = _parts(geometry)
    return sum(len(ring) for part in parts for ring in part)
