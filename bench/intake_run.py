"""The intake benchmark itself; run it as ``bench/intake.py`` (see there)."""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

from bench import intake_load as load
from bench.intake_report import TARGET_P99_MS, TARGET_RATIO, report
from bench.intake_server import (
    HOST,
    Processor,
    Server,
    bench_url,
    drop_database,
    manage,
    port_is_free,
    prepare_data,
    recreate_database,
    server_env,
)
from bench.intake_steps import run_steps

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "var" / "bench"

# The parts: intake_server.py (database, gunicorn, processors), intake_load.py (the load
# generator), intake_steps.py (the steps under load, the fault run), intake_checks.py (drain,
# exactly-once checks) and intake_report.py (the table and the verdicts).


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", "postgres://omzien:omzien@127.0.0.1:5432/omzien"),
        help="PostgreSQL server to use; the benchmark creates its own database there.",
    )
    parser.add_argument("--bench-db", default="omzien_bench")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--threads", type=int, default=4, help="threads per worker (1: sync workers)"
    )
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=20.0, help="closed loop per endpoint")
    parser.add_argument("--rate", type=float, default=100.0, help="open loop signals/s")
    parser.add_argument("--open-seconds", type=float, default=20.0)
    parser.add_argument("--fault-seconds", type=float, default=12.0)
    parser.add_argument(
        "--processors",
        type=int,
        default=2,
        help="intake processors (manage.py process_intake), for the drain and alongside the load",
    )
    parser.add_argument(
        "--steady-seconds",
        type=float,
        default=20.0,
        help="open loop with the processor running alongside (0: skip)",
    )
    parser.add_argument("--skip-fault", action="store_true")
    parser.add_argument("--keep-db", action="store_true")
    return parser.parse_args()


def main() -> int:
    args = parse_args()
    database_url = bench_url(args.database_url, args.bench_db)
    if not port_is_free(args.port):
        raise SystemExit(f"Port {args.port} is in use; pass --port.")
    OUT.mkdir(parents=True, exist_ok=True)
    log = OUT / "intake-server.log"
    log.write_bytes(b"")
    env = server_env(database_url)
    data = prepare(args, env)

    target = load.Target(HOST, args.port, data["api_key"])
    server = Server(env, args.port, args.workers, args.threads, log)
    plog = OUT / "intake-processor.log"
    plog.write_bytes(b"")
    results: dict = {
        "settings": vars(args) | {"database_url": "(bench database)"},
        "load_average_start": [round(x, 2) for x in os.getloadavg()],
    }
    steady_processors = [Processor(env, plog, loop=True) for _ in range(args.processors)]
    try:
        run_steps(args, env, plog, server, target, data, results, steady_processors)
        results["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    finally:
        stop(args, server, steady_processors)

    report(results)
    (OUT / "intake.json").write_text(json.dumps(results, indent=2))
    return 0 if targets_met(results, args) else 1


def prepare(args, env: dict[str, str]) -> dict:
    """The benchmark's own database: migrated, reference data, coordinator, partner, API key."""
    print(f"Preparing database {args.bench_db} ...", flush=True)
    t0 = time.perf_counter()
    recreate_database(args.database_url, args.bench_db)
    manage(env, "migrate", "--noinput")
    manage(env, "createcachetable")
    manage(env, "load_reference_data")
    data = prepare_data(env)
    print(f"  ready in {time.perf_counter() - t0:.0f} s", flush=True)
    return data


def stop(args, server: Server, steady_processors: list[Processor]) -> None:
    for processor in steady_processors:
        processor.stop()
    server.stop()
    if not args.keep_db:
        try:
            from django.db import connections

            connections.close_all()
        except Exception:  # noqa: BLE001 - Django may not be set up
            pass
        drop_database(args.database_url, args.bench_db)


def targets_met(results: dict, args) -> bool:
    return (
        results["closed_loop"]["ratio"] >= TARGET_RATIO
        and (results["open_loop"]["p99_ms"] or 1e9) < TARGET_P99_MS
        and results["accepted_once"]["ok"]
        and results["exactly_once"]["ok"]
        and (results["drain"]["per_s"] or 0) > args.rate
        and results.get("fault", {"ok": True})["ok"]
    )
