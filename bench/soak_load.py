"""The mixed load of the soak (``bench/soak.py``): streams of jobs on a fixed schedule, each
run by a small pool of threads with ``requests``, plus the survey scorer once a minute.

Every HTTP request is one sample (kind, time, latency, answer as expected or not). A job that
starts more than a second after its scheduled time is counted as late: the load stays bounded
(no bursts to catch up) and the report says when the server fell behind; a job more than
ten seconds late is skipped and counted.
"""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import requests

from bench.intake_load import CONCERNS, SIGNS, signal_body

TIMEOUT = 30.0
SKIP_AFTER = 10.0
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
RECEIPT = re.compile(r'data-testid="receipt-code">\s*([A-Z0-9-]+)\s*<')
CASE_LINK = re.compile(r"/g/[\w-]+/meldingen/(\d+)/")


@dataclass
class Sample:
    kind: str
    at: float  # seconds since the load started
    ms: float
    ok: bool
    status: int | None


@dataclass
class Recorder:
    started: float = field(default_factory=time.perf_counter)
    samples: list[Sample] = field(default_factory=list)
    public_codes: list[str] = field(default_factory=list)
    partner_codes: list[str] = field(default_factory=list)
    attempts: dict[str, int] = field(default_factory=lambda: {"public": 0, "partner": 0})
    late: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)
    survey_rss_mb: list[float] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def now(self) -> float:
        return time.perf_counter() - self.started

    def request(self, kind: str, session, method: str, url: str, expect: int, check=None, **kw):
        """One request, recorded; the response, or None when it is not the ``expect``ed
        status (or ``check(response)`` is false)."""
        at = self.now()
        response, status = None, None
        try:
            response = session.request(method, url, timeout=TIMEOUT, allow_redirects=False, **kw)
            status = response.status_code
        except requests.RequestException:
            pass
        ms = (self.now() - at) * 1000
        ok = status == expect and (check is None or bool(check(response)))
        self.samples.append(Sample(kind, at, ms, ok, status))
        return response if ok else None

    def count(self, table: dict[str, int], key: str) -> None:
        with self.lock:
            table[key] = table.get(key, 0) + 1


@dataclass
class Target:
    base: str
    slug: str
    api_key: str
    postcodes: list[str]
    caseworker: requests.Session
    coordinator: requests.Session
    case_ids: list[int] = field(default_factory=list)
    local: threading.local = field(default_factory=threading.local)

    def session_of(self, name: str) -> requests.Session:
        """A thread's own copy of a logged-in session (same cookies, own connection pool)."""
        sessions = self.local.__dict__.setdefault("sessions", {})
        if name not in sessions:
            session = requests.Session()
            session.cookies.update(getattr(self, name).cookies)
            sessions[name] = session
        return sessions[name]


def login(base: str, username: str, password: str, code: Callable[[], str]) -> requests.Session:
    """Log in as a person does: the login page, the password, the second-factor page and the
    current code of the account's authenticator (``code``)."""
    session = requests.Session()
    page = session.get(f"{base}/account/inloggen/", timeout=TIMEOUT)
    form = {"username": username, "password": password}
    answer = session.post(
        f"{base}/account/inloggen/",
        data={**form, "csrfmiddlewaretoken": CSRF.search(page.text).group(1)},
        timeout=TIMEOUT,
    )
    if "/account/tweede-stap/" not in answer.url:
        raise SystemExit(f"login of {username} did not ask for the second factor")
    answer = session.post(
        answer.url,
        data={"token": code(), "csrfmiddlewaretoken": CSRF.search(answer.text).group(1)},
        timeout=TIMEOUT,
    )
    if "/account/" in answer.url:
        raise SystemExit(f"the second factor of {username} was refused")
    return session


def public_signal(rec: Recorder, target: Target) -> None:
    """A resident files a signal through the public form: the form, its three steps, the
    receipt page with the code (five requests, one new anonymous session)."""
    rec.count(rec.attempts, "public")
    session = requests.Session()
    url = f"{target.base}/melden/{target.slug}/"
    page = rec.request("public", session, "GET", url, 200)
    if page is None:
        return
    token = CSRF.search(page.text).group(1)
    letters = "".join(random.choices("ABCDEFGHJKLMNPRSTVWXZ", k=2))
    steps = [
        {"postcode": f"{random.choice(target.postcodes)} {letters}", "house_number": "12"},
        {
            "signs": random.sample(SIGNS, 2),
            "concern": CONCERNS[3] if random.random() < 0.025 else random.choice(CONCERNS[:3]),
            "person_aware": "unknown",
            "relation": "neighbour",
        },
        {"reporter_name": "", "reporter_phone": "", "reporter_email": ""},
    ]
    steps[0]["house_number"] = str(random.randint(1, 120))
    for number, data in enumerate(steps, start=1):
        body = {**data, "step": number, "action": "next", "csrfmiddlewaretoken": token}
        if rec.request("public", session, "POST", url, 302, data=body) is None:
            return
    received = rec.request(
        "public", session, "GET", f"{url}ontvangen/", 200, check=lambda r: RECEIPT.search(r.text)
    )
    if received is not None:
        rec.public_codes.append(RECEIPT.search(received.text).group(1))


def partner_signal(rec: Recorder, target: Target) -> None:
    """A partner organisation's system sends a signal through the API."""
    rec.count(rec.attempts, "partner")
    body = signal_body(random.Random())
    headers = {
        "Authorization": f"Api-Key {target.api_key}",
        "Idempotency-Key": str(uuid.uuid4()),
        "Content-Type": "application/json",
    }
    session = target.local.__dict__.setdefault("plain", requests.Session())
    answer = rec.request(
        "partner", session, "POST", f"{target.base}/api/v1/signals/", 201, data=body,
        headers=headers,
    )  # fmt: skip
    if answer is not None:
        rec.partner_codes.append(answer.json()["receipt_code"])


def staff_queue(rec: Recorder, target: Target) -> None:
    """The caseworker opens the queue; the cases it links to are the case pages opened."""
    session = target.session_of("caseworker")
    page = rec.request("queue", session, "GET", f"{target.base}/g/{target.slug}/meldingen/", 200)
    if page is not None:
        ids = sorted({int(pk) for pk in CASE_LINK.findall(page.text)})
        if ids:
            target.case_ids[:] = ids


def staff_case(rec: Recorder, target: Target) -> None:
    """The caseworker opens a case from the queue."""
    if not target.case_ids:
        return staff_queue(rec, target)
    pk = random.choice(target.case_ids)
    session = target.session_of("caseworker")
    rec.request("case", session, "GET", f"{target.base}/g/{target.slug}/meldingen/{pk}/", 200)


def staff_monitoring(rec: Recorder, target: Target) -> None:
    """The coordinator opens the municipality's monitoring page."""
    session = target.session_of("coordinator")
    rec.request("monitoring", session, "GET", f"{target.base}/g/{target.slug}/monitoring/", 200)


def _scheduled(rec: Recorder, kind: str, scheduled: float, job, target: Target) -> None:
    """Run ``job`` unless it is more than ``SKIP_AFTER`` seconds late (then count it as
    skipped: the load stays bounded); a start more than a second late counts as late."""
    behind = rec.now() - scheduled
    if behind > SKIP_AFTER:
        rec.count(rec.skipped, kind)
        return
    if behind > 1.0:
        rec.count(rec.late, kind)
    job(rec, target)


def run_stream(rec: Recorder, kind: str, rate: float, job, target: Target, until: float) -> None:
    """``job`` at ``rate`` per second until ``until`` (seconds since the start), on a fixed
    schedule, by four threads; jobs still running at the end are awaited."""
    with ThreadPoolExecutor(max_workers=4, thread_name_prefix=kind) as pool:
        number = 0
        while (scheduled := number / rate) < until:
            delay = scheduled - rec.now()
            if delay > 0:
                time.sleep(delay)
            pool.submit(_scheduled, rec, kind, scheduled, job, target)
            number += 1


def run_survey(rec: Recorder, source: Path, out_dir: Path, until: float) -> None:
    """``omzien survey score`` as a fresh process once a minute (30 s into each minute)."""
    number = 0
    while (scheduled := 30.0 + 60.0 * number) < until:
        delay = scheduled - rec.now()
        if delay > 0:
            time.sleep(delay)
        command = [sys.executable, "-m", "omzien.cli", "survey", "score", str(source)]
        command += ["--out", str(out_dir / f"scores-{number % 2}.parquet")]
        command += ["--by", "gemeente", "--weight", "weight", "--quiet"]
        at = rec.now()
        process = subprocess.Popen(command, env={**os.environ}, stdout=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        ok = os.waitstatus_to_exitcode(status) == 0
        rec.samples.append(Sample("survey", at, (rec.now() - at) * 1000, ok, None))
        rec.survey_rss_mb.append(usage.ru_maxrss / 1024)
        number += 1


#: Jobs per second of each stream (times ``--scale``); requests per job in the comment.
#: About 10 requests/s and 4.5 signals/s (16,200 an hour: a year of a large municipality's
#: signals in a few hours), staff pages at the pace of a busy team.
MIX: dict[str, tuple[float, Callable]] = {
    "public": (0.5, public_signal),  # 5 requests: 2.5 requests/s
    "partner": (4.0, partner_signal),  # 1 request: 4/s
    "queue": (1.0, staff_queue),  # 1 request: 1/s
    "case": (2.0, staff_case),  # 1 request: 2/s
    "monitoring": (0.25, staff_monitoring),  # 1 request: 0.25/s
}


def run_load(rec: Recorder, target: Target, seconds: float, scale: float, survey) -> None:
    """Every stream of ``MIX`` and the survey scorer, for ``seconds``."""
    threads = [
        threading.Thread(
            target=run_stream, args=(rec, kind, rate * scale, job, target, seconds), name=kind
        )
        for kind, (rate, job) in MIX.items()
    ]
    if survey is not None:
        threads.append(threading.Thread(target=run_survey, args=(rec, *survey, seconds)))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
