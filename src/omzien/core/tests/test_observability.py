"""Observability (issue 13, item 5): request ids, JSON logs, health, readiness, metrics.

The journey that scans the logs for personal data, and the signalling point's gauges, are in
tests/integration/test_issue13_observability.py."""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.test import override_settings
from django_tasks import task
from prometheus_client.parser import text_string_to_metric_families

import omzien
from omzien.core.observability import context
from omzien.core.observability.logs import configure
from omzien.core.roles import Role
from omzien.core.tests.factories import login_verified, member
from omzien.core.tests.log_capture import access_lines, captured_logs, json_lines

pytestmark = pytest.mark.issue(13)

TOKEN = "scrape-token-for-tests-0123456789"


@task()
def nothing() -> None:
    """A task for the task-queue gauge (enqueued, never run)."""


@task()
def log_something() -> None:
    logging.getLogger("omzien.tasks").info("working")


BEARER = {"Authorization": f"Bearer {TOKEN}"}


def samples(text: str) -> dict[tuple[str, tuple], float]:
    """``{(sample name, sorted labels): value}`` of a scrape."""
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


# --- Request ids and the access log ---------------------------------------------------------


@pytest.mark.django_db
def test_every_answer_carries_a_request_id_and_a_safe_one_from_the_proxy_is_kept(client):
    first = client.get("/gezond/")["X-Request-ID"]
    second = client.get("/gezond/")["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", first) and first != second
    nginx_id = "5f0e3c1b9a7d4e2f8c6b1a0d9e8f7a6b"
    assert client.get("/gezond/", headers={"X-Request-ID": nginx_id})["X-Request-ID"] == nginx_id
    for unsafe in ("Jansen Kerkstraat 12", "abc", "x" * 30, "0" * 65, "1234567890abcdef\n"):
        answer = client.get("/gezond/", headers={"X-Request-ID": unsafe})["X-Request-ID"]
        assert answer != unsafe and re.fullmatch(r"[0-9a-f]{32}", answer)


@pytest.mark.django_db
def test_one_json_access_line_per_request_with_route_not_path(client):
    with captured_logs() as logs:
        answer = client.get("/status/ABCD-1234/?q=geheim")
    (line,) = access_lines(logs)
    assert line["request_id"] == answer["X-Request-ID"]
    assert line["route"] == "/status/<str:code>/"
    assert line["view"] == "signalling:signal_status_detail"
    assert (line["method"], line["status"]) == ("GET", answer.status_code)
    assert line["duration_ms"] >= 0 and line["level"] == "INFO" and line["time"].endswith("+00:00")
    assert "ABCD" not in logs.getvalue() and "geheim" not in logs.getvalue()


@pytest.mark.django_db
def test_the_access_line_names_the_user_by_id_and_the_municipality_by_code(client):
    from omzien.core.models import Municipality

    zeist = Municipality.objects.get(code="GM0355")
    user = member(Role.COORDINATOR, zeist, first_name="Wilhelmina", last_name="Zonnebloem")
    login_verified(client, user)
    with captured_logs() as logs:
        assert client.get(f"/g/{zeist.slug}/inwoners/").status_code == 200
    (line,) = access_lines(logs)
    assert line["user_id"] == user.pk and line["municipality"] == "GM0355"
    assert "Zonnebloem" not in logs.getvalue() and user.email not in logs.getvalue()


def test_exceptions_are_logged_by_type_and_stack_without_their_message():
    with captured_logs() as logs, context.log_context(intake_id=41):
        typed = "Jansen, Kerkstraat 12"  # what someone typed, in the exception's message
        try:
            raise KeyError(typed)
        except KeyError:
            logging.getLogger("omzien.test").exception("processing failed")
    (line,) = json_lines(logs)
    assert line["intake_id"] == 41 and line["message"] == "processing failed"
    assert "builtins.KeyError (message not logged)" in line["exc_info"]
    assert "test_observability.py" in line["exc_info"]
    assert "Jansen" not in logs.getvalue()


def test_the_plain_format_has_the_same_context_and_hides_messages_too():
    config = configure(
        {"version": 1, "handlers": {"console": {"class": "logging.StreamHandler"}}}, "plain"
    )
    formatter = config["formatters"]["plain"]["()"]()
    record = logging.LogRecord("omzien.x", logging.ERROR, __file__, 1, "boom", None, None)
    typed = "Piet Puk"
    try:
        raise ValueError(typed)
    except ValueError:
        record.exc_info = sys.exc_info()
    record.request_id = "abc"
    text = formatter.format(record)
    assert " [request_id=abc] boom" in text and "ValueError (message not logged)" in text
    assert "Piet Puk" not in text
    with pytest.raises(Exception, match="OMZIEN_LOG_FORMAT"):
        configure({"version": 1}, "xml")


@pytest.mark.django_db
def test_the_task_worker_logs_json_with_the_task_id():
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    result = log_something.enqueue()
    # The worker of ``manage.py db_worker``, running the task as its loop does (the loop
    # itself closes the database connection, and with it the test's transaction).
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test",
        excluded_queue_names=[],
    )
    with captured_logs() as logs:
        worker.run_task(DBTaskResult.objects.get(pk=result.id))
    assert DBTaskResult.objects.get(pk=result.id).status == "SUCCESSFUL"
    (line,) = [line for line in json_lines(logs) if line["message"] == "working"]
    assert line["task_id"] == str(result.id) and line["task"] == "log_something"
    assert "request_id" not in line


# --- Health and readiness -------------------------------------------------------------------


@pytest.mark.django_db
def test_liveness_and_readiness_answer_without_login(client):
    assert client.get("/gezond/").json() == {"status": "ok"}
    ready = client.get("/gereed/")
    assert ready.status_code == 200
    assert ready.json() == {
        "status": "ok",
        "checks": {"database": "ok", "migrations": "ok", "cache": "ok"},
    }


@pytest.mark.django_db
def test_health_pages_need_no_second_factor_and_write_no_audit(client):
    from omzien.core.models import AuditEvent, Municipality

    user = member(Role.COORDINATOR, Municipality.objects.get(code="GM0355"))
    client.force_login(user)  # logged in, second factor not yet given
    before = AuditEvent.objects.count()
    for _ in range(30):  # far above any rate limit of the site
        assert client.get("/gereed/").status_code == 200
        assert client.get("/gezond/").status_code == 200
    assert AuditEvent.objects.count() == before


@pytest.mark.django_db
def test_readiness_is_503_naming_a_pending_migration(client):
    MigrationRecorder(connection).migration_qs.filter(app="core").order_by("-id")[:1].get().delete()
    answer = client.get("/gereed/")
    assert answer.status_code == 503
    assert answer.json()["failing"] == ["migrations"]
    assert answer.json()["checks"]["database"] == "ok"


@pytest.mark.django_db
def test_readiness_is_503_naming_the_cache_when_it_cannot_be_reached(client):
    unreachable = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    with override_settings(CACHES=unreachable):
        answer = client.get("/gereed/")
    assert answer.status_code == 503
    assert answer.json()["failing"] == ["cache"]
    assert "127.0.0.1" not in answer.content.decode()


# --- Metrics --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_metrics_are_404_until_a_token_or_addresses_are_configured(client):
    with override_settings(OMZIEN_METRICS_TOKEN="", OMZIEN_METRICS_ALLOWED_IPS=[]):
        assert client.get("/metrics", headers=BEARER).status_code == 404


@pytest.mark.django_db
@override_settings(OMZIEN_METRICS_TOKEN=TOKEN, OMZIEN_METRICS_ALLOWED_IPS=[])
def test_metrics_need_the_bearer_token(client):
    assert client.get("/metrics").status_code == 401
    assert client.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert client.get("/metrics", headers={"Authorization": f"Basic {TOKEN}"}).status_code == 401
    answer = client.get("/metrics", headers=BEARER)
    assert answer.status_code == 200 and answer["Content-Type"].startswith("text/plain")


@pytest.mark.django_db
def test_metrics_from_listed_addresses_and_both_rules_when_both_are_set(client):
    with override_settings(OMZIEN_METRICS_TOKEN="", OMZIEN_METRICS_ALLOWED_IPS=["10.0.0.0/8"]):
        assert client.get("/metrics").status_code == 403
        assert client.get("/metrics", REMOTE_ADDR="10.1.2.3").status_code == 200
    with override_settings(OMZIEN_METRICS_TOKEN=TOKEN, OMZIEN_METRICS_ALLOWED_IPS=["10.1.2.3"]):
        assert client.get("/metrics", REMOTE_ADDR="10.1.2.3").status_code == 401
        assert client.get("/metrics", headers=BEARER).status_code == 403
        assert client.get("/metrics", REMOTE_ADDR="10.1.2.3", headers=BEARER).status_code == 200


@pytest.mark.django_db
@override_settings(OMZIEN_METRICS_TOKEN=TOKEN)
def test_requests_move_the_counters_and_the_latency_histogram(client):
    def scrape():
        return samples(client.get("/metrics", headers=BEARER).content.decode())

    key = (
        "omzien_http_requests_total",
        (("method", "GET"), ("route", "observability:liveness"), ("status", "2xx")),
    )
    missing = (
        "omzien_http_requests_total",
        (("method", "GET"), ("route", "unmatched"), ("status", "4xx")),
    )
    latency = ("omzien_http_request_duration_seconds_count", (("route", "observability:liveness"),))
    before = scrape()
    for _ in range(3):
        client.get("/gezond/")
    client.get("/bestaat-niet/Jansen/")
    after = scrape()
    assert after[key] - before.get(key, 0) == 3
    assert after[latency] - before.get(latency, 0) == 3
    assert after[missing] - before.get(missing, 0) == 1
    assert not any("Jansen" in str(labels) for _name, labels in after)
    assert after[("omzien_ready", (("check", "database"),))] == 1


@pytest.mark.django_db
@override_settings(OMZIEN_METRICS_TOKEN=TOKEN)
def test_the_task_queue_gauge_counts_results_by_state(client):
    from django_tasks_db.models import DBTaskResult

    for _ in range(2):
        nothing.enqueue()
    DBTaskResult.objects.filter(pk=DBTaskResult.objects.first().pk).update(status="FAILED")
    scraped = samples(client.get("/metrics", headers=BEARER).content.decode())
    assert scraped[("omzien_tasks", (("state", "ready"),))] == 1
    assert scraped[("omzien_tasks", (("state", "failed"),))] == 1
    assert scraped[("omzien_tasks", (("state", "running"),))] == 0


_WORKER = textwrap.dedent(
    """
    import django, os
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "omzien.test_settings")
    django.setup()
    from omzien.core.observability import metrics
    for _ in range({count}):
        metrics.observe_request("GET", "core:home", 200, 0.01)
    if {scrape}:
        print(metrics.exposition().decode())
    """
)


def test_multiprocess_mode_adds_up_the_counts_of_every_worker(tmp_path: Path):
    """Under gunicorn each worker counts in PROMETHEUS_MULTIPROC_DIR; a scrape of any of them
    reports the sum (two processes here: a worker and the one that is scraped)."""
    source = str(Path(omzien.__file__).parent.parent)
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(tmp_path), "PYTHONPATH": source}
    # No database: the database gauges are left out of the scrape, the counts are not.
    env.pop("DATABASE_URL", None)
    env["OMZIEN_VAR_DIR"] = str(tmp_path)
    subprocess.run(
        [sys.executable, "-c", _WORKER.format(count=2, scrape=False)], env=env, check=True
    )
    out = subprocess.run(
        [sys.executable, "-c", _WORKER.format(count=5, scrape=True)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    key = (
        "omzien_http_requests_total",
        (("method", "GET"), ("route", "core:home"), ("status", "2xx")),
    )
    assert samples(out)[key] == 7
