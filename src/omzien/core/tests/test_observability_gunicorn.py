"""The request metrics under gunicorn with several workers (issue 13, item 5).

Two sync workers share one PROMETHEUS_MULTIPROC_DIR; requests are sent concurrently so both
serve some; every scrape, whichever worker answers it, reports the count of all of them.
No database is needed: /gezond/ touches none, and /metrics leaves out the database gauges it
cannot compute."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

import omzien

pytestmark = pytest.mark.issue(13)

CONFIG = Path(__file__).resolve().parents[4] / "deploy" / "gunicorn.conf.py"
TOKEN = "gunicorn-scrape-token-0123456789"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str, **headers) -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Host": "127.0.0.1", **headers})
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:  # noqa: S310 (loopback)
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""


def liveness_count(text: str) -> float:
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == "omzien_http_requests_total" and sample.labels == {
                "method": "GET",
                "route": "observability:liveness",
                "status": "2xx",
            }:
                return sample.value
    return 0


@pytest.fixture
def gunicorn(tmp_path: Path):
    metrics_dir = tmp_path / "metrics"
    metrics_dir.mkdir()
    # Left by an earlier run: deploy/gunicorn.conf.py empties the directory at start.
    (metrics_dir / "counter_4242.db").write_bytes(b"stale")
    port = free_port()
    env = {
        **os.environ,
        "PYTHONPATH": str(Path(omzien.__file__).parent.parent),
        "DJANGO_SETTINGS_MODULE": "omzien.settings",
        "SECRET_KEY": "gunicorn-test-key-not-for-production-0123456789",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'none.sqlite3'}",
        "OMZIEN_VAR_DIR": str(tmp_path),
        "ALLOWED_HOSTS": "127.0.0.1",
        "OMZIEN_METRICS_TOKEN": TOKEN,
        "PROMETHEUS_MULTIPROC_DIR": str(metrics_dir),
    }
    server = subprocess.Popen(  # noqa: S603 (our own command line)
        [sys.executable, "-m", "gunicorn", "-c", str(CONFIG), "omzien.wsgi:application"]
        + ["--workers", "2"]
        + ["--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield f"http://127.0.0.1:{port}", metrics_dir
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_every_worker_counts_into_one_total(gunicorn):
    base, metrics_dir = gunicorn
    served = 0
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:  # until the workers have started
        try:
            if get(f"{base}/gezond/")[0] == 200:
                served += 1
                break
        except OSError:
            time.sleep(0.5)
    assert served == 1, "gunicorn did not start"
    assert not (metrics_dir / "counter_4242.db").exists(), "an earlier run's counts were kept"
    with ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(lambda _: get(f"{base}/gezond/")[0], range(48)))
    served += statuses.count(200)
    assert served == 49
    workers = {path.name.rsplit("_", 1)[-1] for path in metrics_dir.glob("counter_*.db")}
    assert len(workers) == 2, "both workers should have served requests"
    for _ in range(4):  # whichever worker answers the scrape
        status, text = get(f"{base}/metrics", Authorization=f"Bearer {TOKEN}")
        assert status == 200
        assert liveness_count(text) == served
    assert get(f"{base}/metrics")[0] == 401


# --- gunicorn's own error log and the metrics directory (no server started) -----------------


def load_config(monkeypatch, tmp_path: Path, **env: str):
    """deploy/gunicorn.conf.py as gunicorn reads it, with ``env`` set."""
    import importlib.util

    for name in ("OMZIEN_DEBUG", "OMZIEN_LOG_FORMAT", "PROMETHEUS_MULTIPROC_DIR"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    spec = importlib.util.spec_from_file_location(f"gunicorn_conf_{id(tmp_path)}", CONFIG)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def gunicorn_error_line(monkeypatch, tmp_path: Path, **env: str) -> str:
    """What gunicorn's error log writes for an error escaping the application, configured
    by gunicorn itself from the file's ``logconfig_dict``."""
    import io
    import logging

    from gunicorn.config import Config
    from gunicorn.glogging import Logger

    module = load_config(monkeypatch, tmp_path, **env)
    cfg = Config()
    cfg.set("logconfig_dict", module.logconfig_dict)
    cfg.set("errorlog", module.errorlog)
    cfg.set("accesslog", module.accesslog)
    error_log = logging.getLogger("gunicorn.error")
    saved = (error_log.handlers[:], error_log.filters[:], error_log.propagate, error_log.level)
    root = logging.getLogger()
    root_saved = (root.handlers[:], root.level)
    try:
        log = Logger(cfg)
        stream = io.StringIO()
        for handler in error_log.handlers:
            handler.setStream(stream)
        name = "Jansen"  # the stack shows source lines: a name only in a variable
        try:
            raise KeyError(name)
        except KeyError:
            log.exception("Error handling request %s", f"/status/ABC123/?q={name}")
        return stream.getvalue()
    finally:
        error_log.handlers[:], error_log.filters[:] = saved[0], saved[1]
        error_log.propagate, error_log.level = saved[2], saved[3]
        root.handlers[:], root.level = root_saved


def test_gunicorns_error_log_is_json_without_the_uri_or_the_message(monkeypatch, tmp_path):
    import json

    line = gunicorn_error_line(monkeypatch, tmp_path)
    assert "Jansen" not in line
    assert "ABC123" not in line
    record = json.loads(line)
    assert record["logger"] == "gunicorn.error"
    assert record["level"] == "ERROR"
    assert record["message"].startswith("Error handling request")
    assert "KeyError (message not logged)" in record["exc_info"]


def test_gunicorns_error_log_is_plain_text_in_development(monkeypatch, tmp_path):
    line = gunicorn_error_line(monkeypatch, tmp_path, OMZIEN_DEBUG="1")
    assert not line.startswith("{")
    assert "gunicorn.error Error handling request" in line
    assert "Jansen" not in line and "ABC123" not in line
    assert "KeyError (message not logged)" in line


def test_only_stale_counts_are_deleted_from_the_metrics_directory(monkeypatch, tmp_path):
    metrics_dir = tmp_path / "metrics"
    metrics_dir.mkdir()
    (metrics_dir / "counter_4242.db").write_bytes(b"stale")
    (metrics_dir / "README").write_text("the operator's")
    load_config(monkeypatch, tmp_path, PROMETHEUS_MULTIPROC_DIR=str(metrics_dir))
    assert sorted(path.name for path in metrics_dir.iterdir()) == ["README"]
    missing = tmp_path / "new" / "metrics"
    load_config(monkeypatch, tmp_path, PROMETHEUS_MULTIPROC_DIR=str(missing))
    assert missing.is_dir()
