"""The intake benchmark itself; run it as ``bench/intake.py`` (see there)."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse, urlunparse

from bench import intake_load as load

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
SRC = ROOT / "src"
VENV_BIN = Path(sys.executable).parent
OUT = ROOT / "var" / "bench"

TARGET_RATIO = 0.7
TARGET_P99_MS = 100.0
HOST = "127.0.0.1"


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


# --- Database and server ---------------------------------------------------------------------


def bench_url(base: str, name: str) -> str:
    parsed = urlparse(base)
    if parsed.scheme not in {"postgres", "postgresql"}:
        raise SystemExit("The intake benchmark needs PostgreSQL (DATABASE_URL=postgres://...).")
    if not (
        parsed.hostname and (parsed.hostname == "localhost" or parsed.hostname.startswith("127."))
    ):
        raise SystemExit("The benchmark only uses a PostgreSQL server on this machine.")
    return urlunparse(parsed._replace(path=f"/{name}"))


def recreate_database(base: str, name: str) -> None:
    import psycopg

    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def drop_database(base: str, name: str) -> None:
    import psycopg

    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def server_env(database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="bench.intake_settings",
        PYTHONPATH=os.pathsep.join([str(ROOT), str(SRC)]),
        SECRET_KEY=os.environ.get("SECRET_KEY", "bench-only-secret-key-" + "x" * 40),
        # Urgent signals e-mail the coordinator; there is no mail server here.
        OMZIEN_EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
    )
    env.pop("OMZIEN_DEBUG", None)
    return env


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "omzien.manage", *args],
        env=env,
        check=True,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )


def prepare_data(env: dict[str, str]) -> dict:
    """Coordinator, partner organisation and API key in Zeist; the bare view's table."""
    os.environ.update(
        {
            k: env[k]
            for k in (
                "DATABASE_URL",
                "DJANGO_SETTINGS_MODULE",
                "SECRET_KEY",
                "OMZIEN_EMAIL_BACKEND",
            )
        }
    )
    import django

    django.setup()
    from django.db import connection, connections

    from bench.intake_bare import TABLE_SQL
    from omzien.core.models import Membership, Municipality, Organisation, PostcodeArea, User
    from omzien.signalling.setup.services import create_api_key

    zeist = Municipality.objects.get(code="GM0355")
    coordinator = User.objects.create_user(
        username="bench-coordinator", email="bench@example.invalid", password=None
    )
    Membership.objects.create(user=coordinator, municipality=zeist, role="coordinator")
    partner = Organisation.objects.create(municipality=zeist, name="Bench partner", kind="welfare")
    issued = create_api_key(actor=coordinator, organisation=partner, name="intake benchmark")
    with connection.cursor() as cursor:
        cursor.execute(TABLE_SQL)
    load.POSTCODES[:] = (
        sorted(PostcodeArea.objects.filter(municipality=zeist).values_list("pc4", flat=True))
        or load.POSTCODES
    )
    connections.close_all()
    return {"api_key": issued.secret, "organisation_id": partner.pk}


class Server:
    """gunicorn in its own process group, so that SIGKILL reaches master and workers."""

    def __init__(self, env: dict[str, str], port: int, workers: int, threads: int, log: Path):
        self.env, self.port, self.workers, self.threads, self.log = env, port, workers, threads, log
        self.process: subprocess.Popen | None = None

    def start(self) -> float:
        began = time.perf_counter()
        self.process = subprocess.Popen(
            [
                str(VENV_BIN / "gunicorn"),
                "omzien.wsgi:application",
                "--bind",
                f"{HOST}:{self.port}",
                "--workers",
                str(self.workers),
                "--worker-class",
                "gthread" if self.threads > 1 else "sync",
                "--threads",
                str(self.threads),
                "--backlog",
                "2048",
                "--timeout",
                "60",
                "--graceful-timeout",
                "5",
                "--log-level",
                "warning",
            ],
            env=self.env,
            cwd=ROOT,
            stdout=self.log.open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.wait_ready()
        return time.perf_counter() - began

    def wait_ready(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited; see {self.log}")
            try:
                with urllib.request.urlopen(f"http://{HOST}:{self.port}/gezond/", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.1)
        raise SystemExit("gunicorn did not become ready in time")

    def kill(self) -> None:
        """SIGKILL the whole process group: no graceful shutdown, requests cut off."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)


class Processor:
    """``manage.py process_intake`` in its own process group (``--loop``, or one drain)."""

    def __init__(self, env: dict[str, str], log: Path, loop: bool):
        self.env, self.log, self.loop = env, log, loop
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        args = [sys.executable, "-m", "omzien.manage", "process_intake"]
        if self.loop:
            args += ["--loop", "--interval", "0.2"]
        self.process = subprocess.Popen(
            args,
            env=self.env,
            cwd=ROOT,
            stdout=self.log.open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait(self, timeout: float = 600.0) -> int:
        return self.process.wait(timeout=timeout)

    @staticmethod
    def wait_running(log: Path, expected: int, timeout: float = 60.0) -> None:
        """Until ``expected`` processors in total have said they run (Django booted)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if log.read_bytes().count(b"Intake processor running") >= expected:
                return
            time.sleep(0.1)
        raise SystemExit(f"intake processors did not start; see {log}")

    def kill(self) -> None:
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.kill()


def pending_intakes() -> int:
    from django.db import connections

    from omzien.signalling.models import AcceptedSignal

    count = AcceptedSignal.objects.filter(processed_at__isnull=True).count()
    connections.close_all()
    return count


def drain(env: dict[str, str], log: Path, processors: int) -> dict:
    """Run ``processors`` processes of ``manage.py process_intake`` (each exits when nothing is
    left) on the queue the load left behind; the processing throughput, wall clock."""
    backlog = pending_intakes()
    load_before = [round(x, 2) for x in os.getloadavg()]
    began = time.perf_counter()
    running = [Processor(env, log, loop=False) for _ in range(processors)]
    for processor in running:
        processor.start()
    codes = [processor.wait() for processor in running]
    seconds = time.perf_counter() - began
    left = pending_intakes()
    processed = backlog - left
    return {
        "processors": processors,
        "backlog": backlog,
        "processed": processed,
        "left": left,
        "seconds": round(seconds, 2),
        "per_s": round(processed / seconds, 1) if seconds else None,
        "exit_codes": codes,
        "load_average_before_after": [load_before, [round(x, 2) for x in os.getloadavg()]],
    }


def processing_lag(organisation_id: int, keys: list[str]) -> dict:
    """Seconds from accepting to processing, for the given keys (processed ones)."""
    from django.db import connections

    from omzien.signalling.models import AcceptedSignal

    lags = []
    for start in range(0, len(keys), 5000):
        rows = AcceptedSignal.objects.filter(
            organisation_id=organisation_id,
            idempotency_key__in=keys[start : start + 5000],
            processed_at__isnull=False,
        ).values_list("created_at", "processed_at")
        lags.extend((done - made).total_seconds() for made, done in rows)
    connections.close_all()
    lags.sort()

    def pct(p: float):
        if not lags:
            return None
        return round(lags[min(len(lags) - 1, max(0, round(p / 100 * len(lags)) - 1))] * 1000, 1)

    return {
        "processed": len(lags),
        "of": len(keys),
        "p50_ms": pct(50),
        "p99_ms": pct(99),
        "max_ms": round(lags[-1] * 1000, 1) if lags else None,
    }


def port_is_free(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex((HOST, port)) != 0


# --- Checks ----------------------------------------------------------------------------------


def _stored(model, organisation_id: int, keys: list[str]) -> dict[str, list[str]]:
    from django.db import connections

    stored: dict[str, list[str]] = {}
    for start in range(0, len(keys), 5000):
        rows = model.objects.filter(
            organisation_id=organisation_id, idempotency_key__in=keys[start : start + 5000]
        ).values_list("idempotency_key", "receipt_code")
        for key, code in rows:
            stored.setdefault(key, []).append(code)
    connections.close_all()
    return stored


def stored_signals(organisation_id: int, keys: list[str]) -> dict[str, list[str]]:
    """idempotency key -> receipt codes of the signals stored under it (should be one)."""
    from omzien.signalling.models import Signal

    return _stored(Signal, organisation_id, keys)


def stored_intakes(organisation_id: int, keys: list[str]) -> dict[str, list[str]]:
    """idempotency key -> receipt codes of the accepted intakes under it (should be one)."""
    from omzien.signalling.models import AcceptedSignal

    return _stored(AcceptedSignal, organisation_id, keys)


def _compare(answered: dict[str, str], stored: dict[str, list[str]]) -> dict:
    lost = [k for k in answered if k not in stored]
    twice = [k for k, codes in stored.items() if len(codes) > 1]
    wrong = [k for k, code in answered.items() if k in stored and stored[k] != [code]]
    return {
        "lost": len(lost),
        "stored_twice": len(twice),
        "receipt_mismatch": len(wrong),
        "ok": not (lost or twice or wrong),
    }


def check_accepted(organisation_id: int, answered: dict[str, str]) -> dict:
    """Every key answered 201 is accepted once (one intake), with the answered code."""
    return {"answered_201": len(answered)} | _compare(
        answered, stored_intakes(organisation_id, list(answered))
    )


def check_exactly_once(organisation_id: int, answered: dict[str, str]) -> dict:
    """After processing: every key answered 201 is one signal, with the answered code."""
    return {"answered_201": len(answered)} | _compare(
        answered, stored_signals(organisation_id, list(answered))
    )


def answered_codes(outcomes) -> dict[str, str]:
    codes: dict[str, str] = {}
    for o in outcomes:
        if o.status == 201 and o.receipt_code:
            if o.key in codes and codes[o.key] != o.receipt_code:
                raise SystemExit(f"Two different receipt codes answered for key {o.key}")
            codes[o.key] = o.receipt_code
    return codes


# --- Main --------------------------------------------------------------------------------------


def main() -> int:
    args = parse_args()
    database_url = bench_url(args.database_url, args.bench_db)
    if not port_is_free(args.port):
        raise SystemExit(f"Port {args.port} is in use; pass --port.")
    OUT.mkdir(parents=True, exist_ok=True)
    log = OUT / "intake-server.log"
    log.write_bytes(b"")
    env = server_env(database_url)

    print(f"Preparing database {args.bench_db} ...", flush=True)
    t0 = time.perf_counter()
    recreate_database(args.database_url, args.bench_db)
    manage(env, "migrate", "--noinput")
    manage(env, "createcachetable")
    manage(env, "load_reference_data")
    data = prepare_data(env)
    print(f"  ready in {time.perf_counter() - t0:.0f} s", flush=True)

    target = load.Target(HOST, args.port, data["api_key"])
    api, bare = "/api/v1/signals/", "/bench/bare/"
    server = Server(env, args.port, args.workers, args.threads, log)
    plog = OUT / "intake-processor.log"
    plog.write_bytes(b"")
    results: dict = {
        "settings": vars(args) | {"database_url": "(bench database)"},
        "load_average_start": [round(x, 2) for x in os.getloadavg()],
    }
    steady_processors = [Processor(env, plog, loop=True) for _ in range(args.processors)]
    try:
        boot = server.start()
        kind = f"gthread, {args.threads} threads" if args.threads > 1 else "sync"
        print(f"gunicorn ({args.workers} workers, {kind}) up in {boot:.1f} s", flush=True)

        async def warm_up():
            for path in (api, bare):
                await load.closed_loop(target, path, clients=20, seconds=3, seed=1, name="warm")

        asyncio.run(warm_up())

        # Closed loop, alternating the endpoints in two halves to spread any drift.
        half = args.seconds / 2
        runs: dict[str, list] = {"api": [], "bare": []}
        for i, (name, path) in enumerate(
            [("api", api), ("bare", bare), ("bare", bare), ("api", api)]
        ):
            print(f"closed loop {name} ({args.clients} clients, {half:.0f} s) ...", flush=True)
            run = asyncio.run(
                load.closed_loop(
                    target, path, clients=args.clients, seconds=half, seed=100 + i, name=name
                )
            )
            runs[name].append(run)
            print(f"  {run.summary()}", flush=True)
        closed = {name: load.summarise(name, parts) for name, parts in runs.items()}
        ratio = closed["api"]["throughput_per_s"] / closed["bare"]["throughput_per_s"]
        results["closed_loop"] = closed | {"ratio": round(ratio, 2)}

        print(f"open loop api ({args.rate:.0f}/s, {args.open_seconds:.0f} s) ...", flush=True)
        open_run = asyncio.run(
            load.open_loop(
                target, api, rate=args.rate, seconds=args.open_seconds, seed=7, name="open"
            )
        )
        results["open_loop"] = open_run.summary()
        print(f"  {results['open_loop']}", flush=True)

        all_api = [o for r in runs["api"] for o in r.outcomes] + open_run.outcomes
        answered = answered_codes(all_api)
        results["accepted_once"] = check_accepted(data["organisation_id"], answered)
        print(f"accepted once (intakes): {results['accepted_once']}", flush=True)

        # Accept, then process: the backlog the load left, drained by the processor(s).
        print(f"draining the intake queue ({args.processors} processor(s)) ...", flush=True)
        results["drain"] = drain(env, plog, args.processors)
        print(f"  {results['drain']}", flush=True)
        results["exactly_once"] = check_exactly_once(data["organisation_id"], answered)
        print(f"exactly once (signals): {results['exactly_once']}", flush=True)

        if args.steady_seconds > 0:
            # Steady state: the open loop again, with the processor(s) running alongside, as in
            # production; latency of the API and how long accepting -> processed takes.
            print(
                f"open loop api with the processor running ({args.rate:.0f}/s, "
                f"{args.steady_seconds:.0f} s) ...",
                flush=True,
            )
            already = plog.read_bytes().count(b"Intake processor running")
            for processor in steady_processors:
                processor.start()
            Processor.wait_running(plog, already + len(steady_processors))
            steady_run = asyncio.run(
                load.open_loop(
                    target, api, rate=args.rate, seconds=args.steady_seconds, seed=8, name="steady"
                )
            )
            backlog_at_end = pending_intakes()
            settle = time.perf_counter()
            while pending_intakes() and time.perf_counter() - settle < 120:
                time.sleep(0.5)
            for processor in steady_processors:
                processor.stop()
            steady_answered = answered_codes(steady_run.outcomes)
            results["steady"] = steady_run.summary() | {
                "backlog_at_end_of_load": backlog_at_end,
                "lag": processing_lag(data["organisation_id"], list(steady_answered)),
                "exactly_once": check_exactly_once(data["organisation_id"], steady_answered),
            }
            print(f"  {results['steady']}", flush=True)

        if not args.skip_fault:
            results["fault"] = fault_run(
                server, target, api, data["organisation_id"], args, env, plog
            )
            print(f"fault run: {results['fault']}", flush=True)
        results["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    finally:
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

    report(results)
    (OUT / "intake.json").write_text(json.dumps(results, indent=2))
    ok = (
        results["closed_loop"]["ratio"] >= TARGET_RATIO
        and (results["open_loop"]["p99_ms"] or 1e9) < TARGET_P99_MS
        and results["accepted_once"]["ok"]
        and results["exactly_once"]["ok"]
        and (results["drain"]["per_s"] or 0) > args.rate
        and results.get("fault", {"ok": True})["ok"]
    )
    return 0 if ok else 1


def fault_run(
    server: Server, target, path: str, organisation_id: int, args, env, plog: Path
) -> dict:
    """SIGKILL the server and the intake processors (running alongside) in the middle of the
    load; restart them; replay what got no answer; drain; check both levels."""
    kill_at = args.fault_seconds / 3
    downtime = {}
    processors = [Processor(env, plog, loop=True) for _ in range(args.processors)]
    for processor in processors:
        processor.start()

    def kill():
        downtime["killed_at"] = time.perf_counter()
        server.kill()
        for processor in processors:
            processor.kill()

    def restart():
        downtime["boot_s"] = round(server.start(), 2)
        downtime["down_s"] = round(time.perf_counter() - downtime["killed_at"], 2)
        for processor in processors:
            processor.start()

    print(
        f"fault run ({args.clients} clients, {args.fault_seconds:.0f} s, "
        f"SIGKILL of server and processors at {kill_at:.0f} s) ...",
        flush=True,
    )
    try:
        run = asyncio.run(
            load.fault_loop(
                target,
                path,
                clients=args.clients,
                seconds=args.fault_seconds,
                seed=999,
                kill_at=kill_at,
                kill=kill,
                restart=restart,
            )
        )
        unanswered = [o for o in run.outcomes if o.status is None]
        other = [o for o in run.outcomes if o.status not in (None, 201)]
        replays = asyncio.run(load.replay(target, unanswered))
    finally:
        for processor in processors:
            processor.stop()
    answered = answered_codes(run.outcomes + replays)
    accepted = check_accepted(organisation_id, answered)
    drained = drain(env, plog, args.processors)
    check = check_exactly_once(organisation_id, answered)
    sent_keys = {o.key for o in run.outcomes}
    stored = stored_signals(organisation_id, list(sent_keys))
    intakes = stored_intakes(organisation_id, list(sent_keys))
    replay_failed = [o for o in replays if o.status != 201]
    return check | {
        "accepted_once": accepted["ok"],
        "requests": len(run.outcomes),
        "answered_before_kill_or_after_restart": sum(1 for o in run.outcomes if o.status == 201),
        "no_answer": len(unanswered),
        "other_status": len(other),
        "replayed_201": sum(1 for o in replays if o.status == 201),
        "replay_found_committed": sum(1 for o in replays if o.status == 201 and o.replayed),
        "replay_failed": len(replay_failed),
        "stored_without_201": len(set(stored) - set(answered)),
        "accepted_without_201": len(set(intakes) - set(answered)),
        "left_unprocessed": drained["left"],
        "down_s": downtime.get("down_s"),
        "boot_s": downtime.get("boot_s"),
        "ok": check["ok"]
        and accepted["ok"]
        and not replay_failed
        and not other
        and not drained["left"]
        and set(stored) <= set(answered)
        and set(intakes) <= set(answered),
    }


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
