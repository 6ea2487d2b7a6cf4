"""Observability with the tasks on RQ (OMZIEN_TASKS_BACKEND=rq, issue 13): RQ's own log lines
of a failed job carry no exception message nor the job's arguments, and ``omzien_tasks``
reports RQ's queue. A real redis-server, started here on a free port."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time

import pytest
from django.test import override_settings

from omzien.core.tests.log_capture import captured_logs, json_lines
from omzien.core.tests.test_observability import BEARER, TOKEN, samples

pytestmark = pytest.mark.issue(13)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    program = shutil.which("redis-server") or "/usr/bin/redis-server"
    if not os.path.exists(program):
        message = "redis-server is not installed (apt-get install redis-server)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    import redis

    port = free_port()
    server = subprocess.Popen(  # noqa: S603 (our own command line)
        [program, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        + ["--dir", str(tmp_path_factory.mktemp("redis"))],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                if redis.Redis(host="127.0.0.1", port=port).ping():
                    break
            except redis.exceptions.ConnectionError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail(f"redis-server did not answer on port {port}")
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(timeout=10)


def rq_settings(url: str):
    return override_settings(
        RQ_QUEUES={"default": {"URL": url, "DEFAULT_TIMEOUT": 60}},
        RQ={"JOB_CLASS": "django_tasks_rq.Job"},
        TASKS={"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}},
        OMZIEN_METRICS_TOKEN=TOKEN,
    )


def fails_with_a_name(name: str) -> None:
    raise ValueError(f"no visit planned for {name}")


def test_a_failed_rq_job_is_logged_without_its_message_or_arguments(redis_url):
    import django_rq
    from rq.worker import SimpleWorker

    with rq_settings(redis_url):
        queue = django_rq.get_queue("default")
        job = queue.enqueue(fails_with_a_name, "Jansen")
        worker = SimpleWorker([queue], connection=queue.connection)
        with captured_logs() as logs:
            worker.work(burst=True)
    assert job.get_status(refresh=True) == "failed"
    text = logs.getvalue()
    assert "Jansen" not in text
    assert "no visit planned" not in text
    failures = [line for line in json_lines(logs) if "exception raised" in line["message"]]
    assert len(failures) == 1, text
    failure = failures[0]
    assert (failure["logger"], failure["level"]) == ("rq.worker", "ERROR")
    assert job.id in failure["message"]
    assert f"{__name__}.fails_with_a_name" in failure["message"]
    assert "ValueError" in failure["message"]
    assert "arguments" not in failure


@pytest.mark.django_db
def test_the_task_gauge_reports_the_rq_queue(client, redis_url):
    from redis import Redis
    from rq import Queue
    from rq.worker import SimpleWorker

    # RQ's own queue: django-rq's would wait for the test's transaction to commit.
    queue = Queue("default", connection=Redis.from_url(redis_url))
    with rq_settings(redis_url):
        queue.empty()
        queue.failed_job_registry.cleanup()
        failed_before = queue.failed_job_registry.count
        queue.enqueue(fails_with_a_name, "Jansen")
        SimpleWorker([queue], connection=queue.connection).work(burst=True)
        for _ in range(3):
            queue.enqueue(fails_with_a_name, "Jansen")
        scraped = samples(client.get("/metrics", headers=BEARER).content.decode())
        queue.empty()
    assert scraped[("omzien_tasks", (("state", "ready"),))] == 3
    assert scraped[("omzien_tasks", (("state", "running"),))] == 0
    assert scraped[("omzien_tasks", (("state", "failed"),))] == failed_before + 1


@pytest.mark.django_db
def test_without_redis_the_task_gauge_is_left_out(client):
    with rq_settings(f"redis://127.0.0.1:{free_port()}/0"):
        response = client.get("/metrics", headers=BEARER)
    assert response.status_code == 200
    names = {name for name, _labels in samples(response.content.decode())}
    assert "omzien_tasks" not in names
    assert "omzien_ready" in names


def test_rqs_other_lines_leave_out_the_jobs_arguments_and_result():
    import logging

    worker_log = logging.getLogger("rq.worker")
    level = worker_log.level  # a worker's run sets it (to INFO)
    worker_log.setLevel(logging.DEBUG)
    with captured_logs(logging.DEBUG) as logs:
        worker_log.info("Worker %s: %s: %s (%s)", "w1", "default", "tasks.send(12, 'Jansen')", "j1")
        worker_log.debug("Worker %s: result: %r", "w1", {"name": "Jansen"})
        worker_log.info("Successfully completed %s job in %ss on worker %s", "f('Jansen')", 1, "w")
    worker_log.setLevel(level)
    messages = [line["message"] for line in json_lines(logs)]
    assert messages == [
        "Worker w1: default: tasks.send (j1)",
        "Worker w1: result: (not logged)",
        "Successfully completed f job in 1s on worker w",
    ]
