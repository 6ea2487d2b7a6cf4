"""Load generator of the intake benchmark: HTTP/1.1 over raw asyncio sockets (no extra
dependency), one connection per request (gunicorn's sync workers do not keep connections
alive). Only loopback addresses; every loop is bounded in time.

* ``closed_loop``: N clients, each sending its next request when the previous one answered.
* ``open_loop``: requests sent on a fixed schedule whatever the answers (no coordinated
  omission: latency counts from the scheduled send time).
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
import random
import statistics
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

REQUEST_TIMEOUT = 30.0


@dataclass
class Outcome:
    key: str
    body: bytes
    path: str
    status: int | None  # None: no answer (refused, reset, timeout)
    latency: float
    finished_at: float
    receipt_code: str | None = None
    replayed: bool = False
    error: str = ""


@dataclass
class Target:
    host: str
    port: int
    api_key: str

    def __post_init__(self) -> None:
        if not ipaddress.ip_address(self.host).is_loopback:
            raise ValueError("The benchmark only sends to loopback addresses.")


@dataclass
class Run:
    name: str
    started: float
    ended: float
    outcomes: list[Outcome] = field(default_factory=list)

    def within_window(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.finished_at <= self.ended]

    def summary(self) -> dict:
        return summarise(self.name, [self])


def summarise(name: str, runs: list[Run]) -> dict:
    """Throughput counts 201s answered within each run's window; latency of those."""
    window = [o for run in runs for o in run.within_window()]
    ok = [o for o in window if o.status == 201]
    latencies = sorted(o.latency for o in ok)
    statuses: dict[str, int] = {}
    for o in (o for run in runs for o in run.outcomes):
        label = str(o.status) if o.status is not None else f"no answer ({o.error})"
        statuses[label] = statuses.get(label, 0) + 1
    duration = sum(run.ended - run.started for run in runs)
    return {
        "name": name,
        "seconds": round(duration, 2),
        "answered_201": len(ok),
        "throughput_per_s": round(len(ok) / duration, 1) if duration else 0.0,
        "p50_ms": _pct(latencies, 50),
        "p90_ms": _pct(latencies, 90),
        "p99_ms": _pct(latencies, 99),
        "max_ms": round(latencies[-1] * 1000, 1) if latencies else None,
        "mean_ms": round(statistics.fmean(latencies) * 1000, 1) if latencies else None,
        "statuses": statuses,
    }


def _pct(sorted_values: list[float], pct: float) -> float | None:
    if not sorted_values:
        return None
    index = min(len(sorted_values) - 1, max(0, round(pct / 100 * len(sorted_values)) - 1))
    return round(sorted_values[index] * 1000, 1)


# Zeist's four-digit postcodes are filled in by the benchmark from the reference data.
POSTCODES: list[str] = ["3701", "3702", "3703", "3704", "3705", "3706", "3707", "3708", "3709"]
CONCERNS = [
    "De gordijnen zijn al dagen dicht en de brievenbus puilt uit.",
    "Mijn buurman komt niet meer naar de koffieochtend en ik zie hem nooit meer buiten.",
    "Sinds haar man is overleden lijkt ze zichzelf te verwaarlozen.",
    "Hij zei vorige week dat hij niet meer wil leven.",  # urgent: about 1 in 40
]
SIGNS = ["curtains_closed", "letterbox_full", "not_seen_outside", "life_event"]


def signal_body(rng: random.Random) -> bytes:
    """A plausible partner signal about one of some thousands of addresses in Zeist."""
    body = {
        "postcode": f"{rng.choice(POSTCODES)} {rng.choice('ABCDEFGH')}{rng.choice('ABCDEFGH')}",
        "house_number": str(rng.randint(1, 120)),
        "concern": CONCERNS[3] if rng.random() < 0.025 else rng.choice(CONCERNS[:3]),
    }
    if rng.random() < 0.5:
        body["signs"] = rng.sample(SIGNS, 2)
        body["person_aware"] = rng.choice(["yes", "no", "unknown"])
        body["relation"] = "neighbour"
    return json.dumps(body).encode()


def _request_bytes(target: Target, path: str, key: str, body: bytes) -> bytes:
    head = (
        f"POST {path} HTTP/1.1\r\n"
        f"Host: {target.host}:{target.port}\r\n"
        "Content-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n"
        f"Authorization: Api-Key {target.api_key}\r\n"
        f"Idempotency-Key: {key}\r\n"
        "Connection: close\r\n\r\n"
    )
    return head.encode("ascii") + body


async def send(target: Target, path: str, key: str, body: bytes, scheduled: float | None = None):
    """One request; never raises. ``scheduled``: latency counts from then (open loop)."""
    start = scheduled if scheduled is not None else time.perf_counter()
    writer = None
    try:
        async with asyncio.timeout(REQUEST_TIMEOUT):
            reader, writer = await asyncio.open_connection(target.host, target.port)
            writer.write(_request_bytes(target, path, key, body))
            await writer.drain()
            raw = await reader.read(-1)
    except (OSError, TimeoutError, asyncio.IncompleteReadError) as error:
        now = time.perf_counter()
        return Outcome(key, body, path, None, now - start, now, error=type(error).__name__)
    finally:
        if writer is not None:
            writer.close()
    now = time.perf_counter()
    head, _, payload = raw.partition(b"\r\n\r\n")
    if not head.startswith(b"HTTP/1."):
        return Outcome(key, body, path, None, now - start, now, error="BadResponse")
    status = int(head[9:12])
    outcome = Outcome(key, body, path, status, now - start, now)
    if status == 201 and path.startswith("/api/"):
        try:
            outcome.receipt_code = json.loads(payload)["receipt_code"]
        except (ValueError, KeyError):
            # Cut off mid-answer (the server was killed): the client has no receipt code,
            # so for it this is no answer, and it retries like any other.
            return Outcome(key, body, path, None, now - start, now, error="CutOffAnswer")
        outcome.replayed = b"idempotent-replayed: true" in head.lower()
    return outcome


async def closed_loop(
    target: Target, path: str, *, clients: int, seconds: float, seed: int, name: str
) -> Run:
    """``clients`` concurrent clients for ``seconds``; answers after the window are awaited
    (so the database check sees them) but not counted in the throughput."""
    rng = random.Random(seed)
    run = Run(name, time.perf_counter(), 0.0)
    run.ended = run.started + seconds

    async def client() -> None:
        while time.perf_counter() < run.ended:
            key = str(uuid.UUID(int=rng.getrandbits(128)))
            run.outcomes.append(await send(target, path, key, signal_body(rng)))

    await asyncio.gather(*(client() for _ in range(clients)))
    return run


async def open_loop(
    target: Target, path: str, *, rate: float, seconds: float, seed: int, name: str
) -> Run:
    """``rate`` requests per second on a fixed schedule for ``seconds``."""
    rng = random.Random(seed)
    total = int(rate * seconds)
    run = Run(name, time.perf_counter(), 0.0)
    tasks = []
    for i in range(total):
        scheduled = run.started + i / rate
        delay = scheduled - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        key = str(uuid.UUID(int=rng.getrandbits(128)))
        tasks.append(asyncio.create_task(send(target, path, key, signal_body(rng), scheduled)))
    run.outcomes = list(await asyncio.gather(*tasks))
    run.ended = max([run.started + seconds, *(o.finished_at for o in run.outcomes)])
    return run


async def fault_loop(
    target: Target,
    path: str,
    *,
    clients: int,
    seconds: float,
    seed: int,
    kill_at: float,
    kill: Callable[[], None],
    restart: Callable[[], None],
) -> Run:
    """Closed loop during which the server is SIGKILLed at ``kill_at`` and restarted."""
    loop = asyncio.get_running_loop()

    async def fault() -> None:
        await asyncio.sleep(kill_at)
        kill()
        await loop.run_in_executor(None, restart)

    fault_task = asyncio.create_task(fault())
    run = await closed_loop(target, path, clients=clients, seconds=seconds, seed=seed, name="fault")
    await fault_task
    return run


async def replay(
    target: Target, outcomes: list[Outcome], *, concurrency: int = 50
) -> list[Outcome]:
    """Send the same requests again (same Idempotency-Key, same body)."""
    gate = asyncio.Semaphore(concurrency)

    async def one(o: Outcome) -> Outcome:
        async with gate:
            return await send(target, o.path, o.key, o.body)

    return list(await asyncio.gather(*(one(o) for o in outcomes)))
