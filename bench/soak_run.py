"""The soak itself; run it as ``bench/soak.py`` (see there)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench import intake_load, soak_checks, soak_load, soak_report
from bench.common import drop_scratch_database, load_average, scratch_database
from bench.intake_server import port_is_free
from bench.soak_stack import (
    CASEWORKER,
    COORDINATOR,
    MUNICIPALITY_SLUG,
    ROOT,
    Stack,
    prepare_data,
    stack_env,
    wait_until,
)

OUT = ROOT / "var" / "bench" / "soak"


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Soak: a bounded mixed load (issue 13).")
    parser.add_argument("--minutes", type=int, default=30, help="length of the load")
    parser.add_argument("--scale", type=float, default=1.0, help="times the rates of the mix")
    parser.add_argument("--port", type=int, default=8798)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=1, help="threads per gunicorn worker")
    parser.add_argument("--pg-url", default="postgresql://omzien:omzien@127.0.0.1:5432")
    parser.add_argument("--pg-db", default="omzien_bench_soak")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument(
        "--survey-respondents", type=int, default=540_000, help="0: no survey scoring"
    )
    parser.add_argument("--max-error-rate", type=float, default=0.01)
    parser.add_argument("--drain-seconds", type=float, default=180.0)
    parser.add_argument("--out", type=Path, default=OUT, help="files: OUT.json, OUT.csv")
    parser.add_argument(
        "--markdown", type=Path, metavar="JSON", help="only print the tables of an earlier run"
    )
    args = parser.parse_args(argv)
    args.db = "postgresql"  # for bench/common.py's scratch database helpers
    if "soak" not in args.pg_db:
        parser.error("--pg-db must have 'soak' in its name (it is dropped afterwards)")
    return args


def make_survey(directory: Path, respondents: int) -> Path:
    """The generated national survey (``bench/survey_data.py``), made in a child process so
    that this process does not load DuckDB."""
    path = directory / "survey.parquet"
    code = (
        "import sys; from pathlib import Path; from bench.survey_data import generate; "
        f"generate(Path(sys.argv[1]), respondents={respondents}, municipalities=342, "
        "districts=3475)"
    )
    subprocess.run(
        [sys.executable, "-c", code, str(path)], check=True, cwd=ROOT, stdout=subprocess.DEVNULL
    )
    return path


class Sampler(threading.Thread):
    """A snapshot at the start and at the end of every minute of the load."""

    def __init__(self, rec: soak_load.Recorder, stack: Stack, minutes: int):
        super().__init__(name="sampler", daemon=True)
        self.rec, self.stack, self.minutes = rec, stack, minutes
        self.snapshots: list[dict] = []

    def snapshot(self, minute: int) -> None:
        self.snapshots.append(
            {
                "minute": minute,
                "at": round(self.rec.now(), 1),
                "rss": self.stack.memory(),
                "pending": soak_checks.pending_intake(),
                "load": [round(x, 2) for x in os.getloadavg()],
                "dead": self.stack.dead(),
            }
        )

    def run(self) -> None:
        from django.db import connections

        for minute in range(self.minutes + 1):
            delay = minute * 60 - self.rec.now()
            if delay > 0:
                time.sleep(delay)
            self.snapshot(minute)
            print(f"  minute {minute}: {len(self.rec.samples)} samples", flush=True)
        connections.close_all()


def soak(args, env: dict, data: dict, workdir: Path) -> dict:
    """Start the stack, run the load, check; the result (everything written to OUT.json)."""
    stack = Stack(env, args.out.parent / "soak-logs", args.port, args.workers, args.threads)
    try:
        stack.start()
        base = f"http://127.0.0.1:{args.port}"
        password = data["password"]
        target = soak_load.Target(
            base=base,
            slug=MUNICIPALITY_SLUG,
            api_key=data["api_key"],
            postcodes=data["postcodes"],
            caseworker=soak_load.login(
                base, CASEWORKER, password, lambda: soak_checks.second_factor_code(CASEWORKER)
            ),
            coordinator=soak_load.login(
                base, COORDINATOR, password, lambda: soak_checks.second_factor_code(COORDINATOR)
            ),
        )
        survey = None
        if args.survey_respondents:
            survey = (make_survey(workdir, args.survey_respondents), workdir)
        since = dt.datetime.now(dt.UTC)
        rec = soak_load.Recorder()
        sampler = Sampler(rec, stack, args.minutes)
        sampler.start()
        print(f"load for {args.minutes} min (load average {load_average()})", flush=True)
        soak_load.run_load(rec, target, args.minutes * 60.0, args.scale, survey)
        sampler.join(timeout=120)
        began = time.monotonic()
        drained = wait_until(lambda: soak_checks.pending_intake() == 0, args.drain_seconds)
        drain_seconds = round(time.monotonic() - began, 1)
        signals = soak_checks.signal_check(rec.public_codes, rec.partner_codes, since)
        dead = stack.dead()
    finally:
        stack.stop()
    return summarise(args, rec, sampler.snapshots, signals, drained, drain_seconds, dead)


def summarise(args, rec, snapshots, signals, drained, drain_seconds, dead) -> dict:
    rows = soak_report.minute_rows(rec.samples, snapshots, args.minutes)
    requests = [s for s in rec.samples if s.kind != "survey"]
    errors = sum(not s.ok for s in rec.samples)
    skipped = sum(rec.skipped.values())  # not sent: the server was too far behind
    error_rate = (errors + skipped) / max(1, len(rec.samples) + skipped)
    return {
        "minutes": args.minutes,
        "scale": args.scale,
        "mix_jobs_per_s": {k: rate * args.scale for k, (rate, _) in soak_load.MIX.items()},
        "gunicorn": {"workers": args.workers, "threads": args.threads},
        "requests": len(requests),
        "requests_per_s": round(len(requests) / (args.minutes * 60), 2),
        "errors": errors,
        "error_rate": round(error_rate, 5),
        "attempts": rec.attempts,
        "late_jobs": rec.late,
        "skipped_jobs": rec.skipped,
        "overall": soak_report.overall(rec.samples),
        "memory": soak_report.memory_summary(snapshots, args.minutes),
        "p99": soak_report.p99_summary(rows),
        "survey_peak_rss_mb": max(rec.survey_rss_mb, default=None),
        "signals": signals,
        "drained": drained,
        "drain_seconds": drain_seconds,
        "died": dead,
        "load_average_end": load_average(),
        "ok": signals["ok"] and drained and not dead and error_rate <= args.max_error_rate,
        "rows": rows,
        "snapshots": snapshots,
        "samples": rec.samples,
    }


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.markdown:
        print(soak_report.markdown(json.loads(args.markdown.read_text())))
        return 0
    if not port_is_free(args.port):
        raise SystemExit(f"port {args.port} is in use: pick another with --port")
    started = time.monotonic()
    database_url, _ = scratch_database(args, args.pg_db, "soak")
    workdir = Path(tempfile.mkdtemp(prefix="omzien-soak-"))
    try:
        env = stack_env(database_url, workdir)
        data = prepare_data(env)
        intake_load.POSTCODES[:] = data["postcodes"]
        print(f"prepared in {time.monotonic() - started:.0f} s", flush=True)
        result = soak(args, env, data, workdir)
    finally:
        drop_scratch_database(args, args.pg_db, None)
        subprocess.run(["rm", "-rf", str(workdir)], check=False)
    soak_report.write(args.out, result, result["rows"], result.pop("samples"))
    print(soak_report.table(result["rows"]))
    print(soak_report.markdown(result))
    shown = {k: v for k, v in result.items() if k not in ("rows", "snapshots", "overall")}
    print(json.dumps({"overall": result["overall"], **shown}, indent=1))
    print(f"{'OK' if result['ok'] else 'FAILED'}; figures in {args.out}.json and .csv")
    return 0 if result["ok"] else 1
