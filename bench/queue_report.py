"""Report of the queue benchmark: p50/p95/p99/max per scenario and over all requests."""

from __future__ import annotations

import statistics

from bench.queue_common import TARGET_P95_MS


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def report(data: dict) -> float:
    """Print the users, the table and the verdict; return the p95 over all requests."""
    users = data["users"]
    for key, (coordinator, worker, open_cases) in users.items():
        print(
            f"{key}: {coordinator.municipality.name} ({open_cases:,} open cases); "
            f"caseworker {worker.user.username} of {worker.team.name}"
        )
    print()
    header = f"{'scenario':<36} {'rows':>5} {'total':>7} {'q':>3} " + " ".join(
        f"{name:>7}" for name in ("p50", "p95", "p99", "max")
    )
    print(header)
    print("-" * len(header))
    everything = []
    worst_p95 = 0.0
    for label, result in data["results"].items():
        timings = result["timings"]
        everything += timings
        p95 = percentile(timings, 0.95)
        worst_p95 = max(worst_p95, p95)
        print(
            f"{label:<36} {result['rows']:>5} {result['total']:>7,} "
            f"{data['queries'][label]:>3} {statistics.median(timings):>7.1f} {p95:>7.1f} "
            f"{percentile(timings, 0.99):>7.1f} {max(timings):>7.1f}"
        )
    overall_p95 = percentile(everything, 0.95)
    print("-" * len(header))
    print(
        f"{'all requests':<36} {'':>5} {'':>7} {'':>3} {statistics.median(everything):>7.1f} "
        f"{overall_p95:>7.1f} {percentile(everything, 0.99):>7.1f} {max(everything):>7.1f}"
    )
    verdict = "PASS" if overall_p95 < TARGET_P95_MS else "FAIL"
    print(
        f"\n{verdict}: p95 over all {len(everything)} requests = {overall_p95:.1f} ms "
        f"(target < {TARGET_P95_MS:.0f} ms); worst scenario p95 = {worst_p95:.1f} ms"
    )
    return overall_p95
