"""Report of the intake benchmark: the table of the runs and the verdicts."""

from __future__ import annotations

TARGET_RATIO = 0.7
TARGET_P99_MS = 100.0


def _row(label: str, r: dict) -> str:
    cells = [r["throughput_per_s"], r["p50_ms"], r["p90_ms"], r["p99_ms"], r["max_ms"]]
    return f"| {label} | " + " | ".join(str(c) for c in cells) + " |"


def report(results: dict) -> None:
    closed, open_ = results["closed_loop"], results["open_loop"]
    clients, rate = results["settings"]["clients"], results["settings"]["rate"]
    print("\n## Signal intake over HTTP (PostgreSQL, gunicorn)\n")
    print("| run | 201/s | p50 ms | p90 ms | p99 ms | max ms |")
    print("|---|---:|---:|---:|---:|---:|")
    print(_row(f"partner API, {clients} clients", closed["api"]))
    print(_row(f"bare insert view, {clients} clients", closed["bare"]))
    print(_row(f"partner API, open loop {rate:.0f}/s", open_))
    verdict = "met" if closed["ratio"] >= TARGET_RATIO else "MISSED"
    print(f"\nratio partner API / bare: {closed['ratio']}x (target >= {TARGET_RATIO}x: {verdict})")
    verdict = "met" if (open_["p99_ms"] or 1e9) < TARGET_P99_MS else "MISSED"
    print(f"open loop p99: {open_['p99_ms']} ms (target < {TARGET_P99_MS:.0f} ms: {verdict})")
    print(f"accepted once (intakes): {results['accepted_once']}")
    drained = results["drain"]
    verdict = "faster" if (drained["per_s"] or 0) > rate else "NOT faster"
    print(
        f"drain: {drained['processed']} intakes in {drained['seconds']} s by "
        f"{drained['processors']} processor(s) = {drained['per_s']}/s ({verdict} than {rate:.0f}/s)"
    )
    print(f"exactly once (signals): {results['exactly_once']}")
    if "steady" in results:
        print(_row(f"partner API, open loop {rate:.0f}/s, processor alongside", results["steady"]))
        print(
            f"steady: backlog at end {results['steady']['backlog_at_end_of_load']}, "
            f"accept->processed {results['steady']['lag']}"
        )
    print(
        f"load average start {results['load_average_start']}, end {results.get('load_average_end')}"
    )
    if "fault" in results:
        print(f"fault run: {results['fault']}")
