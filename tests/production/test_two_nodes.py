"""Past one machine (issue 13, item 2): two app servers, one RQ worker and two intake
processors, all real processes, sharing nothing but one PostgreSQL database and one Redis.

Public signals and partner-API signals go to both app servers; the public form's rate limit
holds across them (its counters are in Redis); a public form started on one server is finished
on the other (sessions in the database); tasks are enqueued through both servers and by two
schedulers at once. In the end every signal is one signal with a case (none lost, none twice)
and every task ran exactly once. PostgreSQL only: on SQLite it is skipped as not applicable;
under CI=true a missing redis-server or gunicorn fails it. See docs/scaling.md.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack

import pytest
import redis

from tests.production import nodes as proc

pytestmark = [pytest.mark.issue(13)]

PUBLIC_RATE = 6  # public signals per client per hour, over both servers together
API_SIGNALS = 20
IMPORT_ROWS = 120  # over the 100 rows a catalogue import runs in the request: a task
FORM = "/melden/zeist/"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def run_json(env: dict[str, str], *args: str) -> object:
    """``python -m tests.production.two_nodes_data <args>``: its JSON answer."""
    done = subprocess.run(
        [sys.executable, "-m", "tests.production.two_nodes_data", *args],
        env=env, cwd=proc.ROOT, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def csrf_token(session, url: str) -> str:
    page = session.get(url, timeout=10)
    assert page.status_code == 200, page.text[:500]
    return CSRF.search(page.text).group(1)


def file_public_signal(first: str, second: str, house_number: int):
    """The three steps of the public form: steps 1 and 3 on ``first``, step 2 on ``second``
    (the draft lives in the session, in the database). The answer to step 3."""
    import requests

    session = requests.Session()
    token = csrf_token(session, first + FORM)
    steps = [
        (first, {"step": 1, "postcode": "3701 AB", "house_number": str(house_number),
                 "house_number_addition": "", "person_name": ""}),
        (second, {"step": 2, "signs": ["curtains_closed"], "person_aware": "no",
                  "concern": "Ik zie mijn buurvrouw al weken niet.", "relation": "neighbour"}),
    ]  # fmt: skip
    for node, data in steps:
        answer = session.post(node + FORM, data={"csrfmiddlewaretoken": token, "action": "next",
                              **data}, allow_redirects=False, timeout=10)  # fmt: skip
        assert answer.status_code == 302, answer.text[:1000]
    contact = {"step": 3, "action": "next", "reporter_name": "", "reporter_phone": "",
               "reporter_email": "", "csrfmiddlewaretoken": token}  # fmt: skip
    return session.post(first + FORM, data=contact, allow_redirects=False, timeout=10)


def send_api_signal(node: str, api_key: str, house_number: int, idempotency_key: str):
    import requests

    return requests.post(
        node + "/api/v1/signals/",
        json={"postcode": "3701 AB", "house_number": str(house_number),
              "concern": "Zie haar al weken niet."},
        headers={"Authorization": f"Api-Key {api_key}", "Idempotency-Key": idempotency_key},
        timeout=10,
    )  # fmt: skip


def import_catalogue(node: str, cookie: list[str], label: str) -> str:
    """Upload a catalogue file of IMPORT_ROWS initiatives as the coordinator; the job's page."""
    import requests

    session = requests.Session()
    session.cookies.set(*cookie)
    url = node + "/g/zeist/sociale-kaart/import/"
    token = csrf_token(session, url)
    first = (dt.date.today() + dt.timedelta(days=30)).strftime("%d-%m-%Y")
    lines = ["nummer;naam;organisatie;beschrijving;soorten;postcode;eerste_datum;tijd;herhaling"]
    lines += [f"{label}-{i};Koffie {label} {i};Buurtwerk {label};Koffie en een praatje.;meeting;"
              f"3701 AB;{first};10:00;wekelijks" for i in range(IMPORT_ROWS)]  # fmt: skip
    answer = session.post(
        url, data={"csrfmiddlewaretoken": token, "status": "concept"},
        files={"file": (f"{label}.csv", "\n".join(lines).encode())},
        allow_redirects=False, timeout=30,
    )  # fmt: skip
    assert answer.status_code == 302, answer.text[:1000]
    return answer.headers["Location"]


def rq_jobs(redis_url: str) -> tuple[dict[str, list[int]], list[str], int]:
    """Per task path the number of runs of each of its jobs; failed job ids; jobs still
    queued or running."""
    import redis
    from rq import Queue
    from rq.job import Job
    from rq.registry import FailedJobRegistry, FinishedJobRegistry, StartedJobRegistry

    connection = redis.Redis.from_url(redis_url)
    queue = Queue("default", connection=connection)
    runs: dict[str, list[int]] = {}
    for job_id in FinishedJobRegistry(queue=queue).get_job_ids():
        job = Job.fetch(job_id, connection=connection)
        runs.setdefault(job.func_name, []).append(len(job.results()))
    busy = queue.count + len(StartedJobRegistry(queue=queue).get_job_ids())
    return runs, FailedJobRegistry(queue=queue).get_job_ids(), busy


def wait_until_done(env, redis_url, services, timeout: float = 60):
    deadline = time.monotonic() + timeout
    while True:
        for service in services:
            service.check_alive()
        report = run_json(env, "report")
        runs, failed, busy = rq_jobs(redis_url)
        settled = all(job["state"] not in {"waiting", "checking"} for job in report["imports"])
        if report["accepted_waiting"] == 0 and settled and busy == 0:
            return report, runs, failed
        if time.monotonic() > deadline:
            pytest.fail(f"not done in {timeout:.0f} s: {report}, busy={busy}")
        time.sleep(0.5)


@pytest.fixture
def migrated_database(request) -> str:
    """The name of this pytest worker's test database (migrated, with the reference data of
    Zeist), with the suite's own connections to it closed, so that it can serve as the
    template of the scratch database: migrating a new one would take half a minute. (The
    test is marked transactional: nothing of it is in an open transaction to close.)"""
    proc.postgres_url()
    from django.db import connection, connections

    connections.close_all()
    return connection.settings_dict["NAME"]


@pytest.mark.django_db(transaction=True)
def test_two_app_servers_and_a_worker_share_only_postgresql_and_redis(tmp_path, migrated_database):
    base = proc.postgres_url()
    proc.program("redis-server"), proc.program("gunicorn")
    clock = time.monotonic()

    def phase(name: str) -> None:  # shown with -s, and on failure
        nonlocal clock
        print(f"two nodes: {name} {time.monotonic() - clock:.1f} s")
        clock = time.monotonic()

    with ExitStack() as stack:
        name = f"omzien_scale_two_nodes_{os.getpid()}"
        database_url = stack.enter_context(proc.scratch_database(base, name, migrated_database))
        redis_port = proc.free_port()
        stack.callback(proc.redis_server(redis_port, tmp_path).stop)
        rq_url = f"redis://{proc.HOST}:{redis_port}/1"
        env = proc.production_env(
            DATABASE_URL=database_url,
            OMZIEN_CACHE_URL=f"redis://{proc.HOST}:{redis_port}/0",
            OMZIEN_TASKS_BACKEND="rq",
            OMZIEN_RQ_URL=rq_url,
            OMZIEN_PUBLIC_FORM_RATE=f"{PUBLIC_RATE}/h",
            # Plain HTTP on loopback, no TLS proxy in front here: no secure-only cookies and
            # no redirect to HTTPS (the smoke of `make serve` tests those).
            OMZIEN_SECURE_COOKIES="0",
            OMZIEN_SSL_REDIRECT="0",
        )
        env["OMZIEN_VAR_DIR"] = str(tmp_path / "var")  # collected static files
        collect = proc.manage_process("collectstatic", env, tmp_path, "collectstatic", "--noinput")
        proc.manage(env, "migrate", "--noinput")  # the template is migrated: only django_rq
        assert collect.popen.wait(timeout=120) == 0, collect.tail()
        data = run_json(env, "prepare")
        phase("database, static files, data")

        ports = [proc.free_port(), proc.free_port()]
        services = [proc.gunicorn(env, port, tmp_path) for port in ports]
        services.append(proc.manage_process("rqworker", env, tmp_path, "rqworker", "default"))
        services += [
            proc.manage_process(
                f"intake-{i}", env, tmp_path, "process_intake", "--loop", "--interval", "0.2"
            )  # fmt: skip
            for i in range(2)
        ]
        for service in services:
            stack.callback(service.stop)
        nodes = [f"http://{proc.HOST}:{port}" for port in ports]
        for server, node in zip(services, nodes, strict=False):
            proc.wait_http(server, node + "/gezond/")
        phase("servers up")
        started = time.monotonic()

        # Public form: the limit counts over both servers (Redis), not per server.
        for i in range(PUBLIC_RATE):
            answer = file_public_signal(nodes[i % 2], nodes[(i + 1) % 2], house_number=1 + i)
            assert answer.status_code == 302, f"signal {i + 1}: {answer.status_code}"
        for i, node in enumerate(nodes):  # each server took only PUBLIC_RATE / 2 itself
            refused = file_public_signal(node, nodes[1 - i], house_number=50 + i)
            assert refused.status_code == 429 and "Retry-After" in refused.headers
        counters = redis.Redis.from_url(env["OMZIEN_CACHE_URL"]).keys("*ratelimit:public_form*")
        assert counters, "the public form's counter is not in Redis"
        phase("public signals")

        # Partner API: half to each server, in parallel; a retry on the other server.
        keys = [str(uuid.uuid4()) for _ in range(API_SIGNALS)]
        with ThreadPoolExecutor(8) as pool:
            answers = list(pool.map(
                lambda i: send_api_signal(nodes[i % 2], data["api_key"], 100 + i, keys[i]),
                range(API_SIGNALS),
            ))  # fmt: skip
        assert [a.status_code for a in answers] == [201] * API_SIGNALS
        receipts = sorted(a.json()["receipt_code"] for a in answers)
        retry = send_api_signal(nodes[1], data["api_key"], 100, keys[0])
        assert retry.status_code == 201 and retry.headers.get("Idempotent-Replayed") == "true"
        assert retry.json()["receipt_code"] == answers[0].json()["receipt_code"]
        phase("partner API")

        # Tasks: a catalogue import through each server; two schedulers at once.
        for i, node in enumerate(nodes):
            import_catalogue(node, data["session_cookie"], label=f"node{i}")
        schedulers = [
            subprocess.Popen(
                [sys.executable, "-m", "tests.production.two_nodes_data", "daily", "23:59"],
                env=env,
                cwd=proc.ROOT,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
            )  # fmt: skip
            for _ in range(2)
        ]
        daily = [json.loads(s.communicate(timeout=60)[0].splitlines()[-1]) for s in schedulers]
        phase("enqueued")

        report, runs, failed = wait_until_done(env, rq_url, services)
        phase("all done")
        elapsed = time.monotonic() - started

    # Every signal once: 6 public + 20 partner-API signals, each its own case.
    assert report["signals_by_channel"] == {"public_form": PUBLIC_RATE, "partner_api": API_SIGNALS}
    assert report["accepted"] == API_SIGNALS and report["api_receipts"] == receipts
    assert report["signals_without_case"] == 0
    assert report["cases"] == PUBLIC_RATE + API_SIGNALS
    assert len(set(report["receipt_codes"])) == PUBLIC_RATE + API_SIGNALS
    assert set(receipts) <= set(report["receipt_codes"])
    # Every task once: both imports done by the worker, each daily job enqueued by one of the
    # two schedulers and run once.
    assert report["imports"] == [{"state": "done", "created": IMPORT_ROWS}] * 2
    assert report["initiatives"] == 2 * IMPORT_ROWS and report["imports_audited"] == 2
    enqueued = daily[0] + daily[1]
    assert enqueued and len(enqueued) == len(set(enqueued))
    assert report["scheduled_runs"] == sorted([job, True] for job in enqueued)
    assert failed == []
    assert runs.pop("omzien.socialmap.imports.tasks.run_import_task") == [1, 1]
    assert {path.rsplit(".", 1)[1]: n for path, n in runs.items()} == {job: [1] for job in enqueued}
    assert elapsed < 60, f"the two-node run took {elapsed:.0f} s"
