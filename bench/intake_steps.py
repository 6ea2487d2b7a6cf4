"""The steps of the intake benchmark under load: warm-up, closed loop, open loop, accept and
drain, steady state with the processors alongside, and the fault run."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from bench import intake_load as load
from bench.intake_checks import (
    answered_codes,
    check_accepted,
    check_exactly_once,
    drain,
    pending_intakes,
    processing_lag,
    stored_intakes,
    stored_signals,
)
from bench.intake_server import Processor, Server

API, BARE = "/api/v1/signals/", "/bench/bare/"


def run_steps(
    args, env, plog: Path, server: Server, target, data: dict, results: dict, steady_processors
) -> None:
    """Every step in turn; the results go into ``results``."""
    boot = server.start()
    kind = f"gthread, {args.threads} threads" if args.threads > 1 else "sync"
    print(f"gunicorn ({args.workers} workers, {kind}) up in {boot:.1f} s", flush=True)
    asyncio.run(warm_up(target))
    closed, api_runs = closed_loops(args, target)
    results["closed_loop"] = closed
    open_run = open_loop(args, target)
    results["open_loop"] = open_run.summary()
    print(f"  {results['open_loop']}", flush=True)
    answered = answered_codes([o for r in api_runs for o in r.outcomes] + open_run.outcomes)
    accept_and_drain(args, env, plog, data["organisation_id"], answered, results)
    if args.steady_seconds > 0:
        results["steady"] = steady_state(args, plog, target, data, steady_processors)
        print(f"  {results['steady']}", flush=True)
    if not args.skip_fault:
        results["fault"] = fault_run(server, target, API, data["organisation_id"], args, env, plog)
        print(f"fault run: {results['fault']}", flush=True)


async def warm_up(target) -> None:
    for path in (API, BARE):
        await load.closed_loop(target, path, clients=20, seconds=3, seed=1, name="warm")


def closed_loops(args, target) -> tuple[dict, list]:
    """Closed loop, alternating the endpoints in two halves to spread any drift."""
    half = args.seconds / 2
    runs: dict[str, list] = {"api": [], "bare": []}
    for i, (name, path) in enumerate([("api", API), ("bare", BARE), ("bare", BARE), ("api", API)]):
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
    return closed | {"ratio": round(ratio, 2)}, runs["api"]


def open_loop(args, target):
    print(f"open loop api ({args.rate:.0f}/s, {args.open_seconds:.0f} s) ...", flush=True)
    return asyncio.run(
        load.open_loop(target, API, rate=args.rate, seconds=args.open_seconds, seed=7, name="open")
    )


def accept_and_drain(
    args, env, plog: Path, organisation_id: int, answered: dict, results: dict
) -> None:
    """Every 201 accepted once; the backlog the load left, drained by the processor(s); then
    every 201 stored once."""
    results["accepted_once"] = check_accepted(organisation_id, answered)
    print(f"accepted once (intakes): {results['accepted_once']}", flush=True)
    print(f"draining the intake queue ({args.processors} processor(s)) ...", flush=True)
    results["drain"] = drain(env, plog, args.processors)
    print(f"  {results['drain']}", flush=True)
    results["exactly_once"] = check_exactly_once(organisation_id, answered)
    print(f"exactly once (signals): {results['exactly_once']}", flush=True)


def steady_state(args, plog: Path, target, data: dict, steady_processors) -> dict:
    """The open loop again, with the processor(s) running alongside, as in production; latency
    of the API and how long accepting -> processed takes."""
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
            target, API, rate=args.rate, seconds=args.steady_seconds, seed=8, name="steady"
        )
    )
    backlog_at_end = pending_intakes()
    settle = time.perf_counter()
    while pending_intakes() and time.perf_counter() - settle < 120:
        time.sleep(0.5)
    for processor in steady_processors:
        processor.stop()
    steady_answered = answered_codes(steady_run.outcomes)
    return steady_run.summary() | {
        "backlog_at_end_of_load": backlog_at_end,
        "lag": processing_lag(data["organisation_id"], list(steady_answered)),
        "exactly_once": check_exactly_once(data["organisation_id"], steady_answered),
    }


def fault_run(
    server: Server, target, path: str, organisation_id: int, args, env, plog: Path
) -> dict:
    """SIGKILL the server and the intake processors (running alongside) in the middle of the
    load; restart them; replay what got no answer; drain; check both levels."""
    run, replays, downtime = _fault_load(server, target, path, args, env, plog)
    return _fault_checks(organisation_id, run, replays, downtime, env, plog, args.processors)


def _fault_load(server: Server, target, path: str, args, env, plog: Path):
    """The closed loop with the kill and restart, then the replay of what got no answer."""
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
        replays = asyncio.run(load.replay(target, unanswered))
    finally:
        for processor in processors:
            processor.stop()
    return run, replays, downtime


def _fault_checks(
    organisation_id: int, run, replays, downtime: dict, env, plog: Path, processors: int
) -> dict:
    """Accepted once, drained, stored once; nothing accepted or stored without a 201."""
    unanswered = [o for o in run.outcomes if o.status is None]
    other = [o for o in run.outcomes if o.status not in (None, 201)]
    answered = answered_codes(run.outcomes + replays)
    accepted = check_accepted(organisation_id, answered)
    drained = drain(env, plog, processors)
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
