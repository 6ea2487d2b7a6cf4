"""Real processes for the multi-node production test (``test_two_nodes.py``): a scratch
PostgreSQL database, redis-server, gunicorn, ``manage.py`` commands (workers, intake
processors), each in its own process group with its output in a log file, stopped (SIGTERM,
then SIGKILL) however the test ends.

What a test needs and does not find: it is skipped locally, and fails under ``CI=true``, where
everything it needs is installed by ``.ci/run`` (apt: redis-server; the venv: gunicorn).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src"
VENV_BIN = Path(sys.executable).parent
HOST = "127.0.0.1"


def missing(reason: str) -> None:
    """Skip the test, or fail it under CI=true (CI must run it)."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: this test must run in CI)")
    pytest.skip(reason)


def program(name: str) -> str:
    """The path of a program: the venv's own (gunicorn) or one on PATH (redis-server)."""
    found = VENV_BIN / name
    if found.exists():
        return str(found)
    path = shutil.which(name) or (f"/usr/bin/{name}" if Path(f"/usr/bin/{name}").exists() else None)
    if path is None:
        missing(f"{name} is not installed (apt-get install redis-server / pip install gunicorn)")
    return path


def postgres_url() -> str:
    """DATABASE_URL of the suite's PostgreSQL server; skips (not applicable) on SQLite."""
    url = os.environ.get("DATABASE_URL", "")
    if urlparse(url).scheme not in {"postgres", "postgresql"}:
        pytest.skip(
            "Not applicable on SQLite: several app servers share one PostgreSQL database "
            "(run with DATABASE_URL=postgres://...)."
        )
    return url


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def scratch_database(base_url: str, name: str, template: str | None = None) -> Iterator[str]:
    """A new PostgreSQL database on the suite's server, dropped afterwards: a copy of
    ``template`` (a migrated database nobody is connected to), else empty."""
    import psycopg

    # The server's maintenance database, as Django's test runner does: DATABASE_URL's own
    # database need not exist.
    server = urlunparse(urlparse(base_url)._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    try:
        yield urlunparse(urlparse(base_url)._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def production_env(**settings: str) -> dict[str, str]:
    """The environment of a production process: DEBUG off, this checkout's code."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OMZIEN_", "DJANGO_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="omzien.settings",
        PYTHONPATH=os.pathsep.join([str(ROOT), str(SRC)]),
        SECRET_KEY="production-test-only-secret-key-" + "x" * 40,
        OMZIEN_EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        PYTHONUNBUFFERED="1",
    )
    env.update(settings)
    return env


def manage(env: dict[str, str], *args: str, timeout: float = 120) -> str:
    """Run ``manage.py <args>`` to the end; its standard output. Fails with its output."""
    done = subprocess.run(
        [sys.executable, "-m", "omzien.manage", *args],
        env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout,
    )  # fmt: skip
    if done.returncode != 0:
        output = done.stdout[-2000:] + done.stderr[-3000:]
        pytest.fail(f"manage.py {' '.join(args)} failed:\n{output}")
    return done.stdout


class Process:
    """A long-running process in its own process group, its output in ``log``."""

    def __init__(self, name: str, args: list[str], env: dict[str, str], log_dir: Path):
        self.name, self.args, self.env = name, args, env
        self.log = log_dir / f"{name}.log"
        self.popen: subprocess.Popen | None = None

    def start(self) -> Process:
        self.popen = subprocess.Popen(
            self.args, env=self.env, cwd=ROOT, stdin=subprocess.DEVNULL,
            stdout=self.log.open("ab"), stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        return self

    def alive(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def check_alive(self) -> None:
        if not self.alive():
            pytest.fail(f"{self.name} exited:\n{self.tail()}")

    def tail(self, chars: int = 3000) -> str:
        return self.log.read_text(errors="replace")[-chars:] if self.log.exists() else ""

    def stop(self, timeout: float = 10) -> None:
        if not self.alive():
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.popen.pid, signal.SIGTERM)
        try:
            self.popen.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.popen.pid, signal.SIGKILL)
            self.popen.wait(timeout=10)


def redis_server(port: int, log_dir: Path) -> Process:
    """redis-server on loopback, nothing saved to disk; started and answering PING."""
    args = [program("redis-server"), "--port", str(port), "--bind", HOST, "--save", "",
            "--appendonly", "no", "--dir", str(log_dir)]  # fmt: skip
    process = Process(f"redis-{port}", args, {"PATH": os.environ.get("PATH", "")}, log_dir)
    process.start()
    import redis

    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        process.check_alive()
        with contextlib.suppress(redis.exceptions.ConnectionError):
            if redis.Redis(host=HOST, port=port).ping():
                return process
        time.sleep(0.05)
    process.stop()
    pytest.fail(f"redis-server did not answer on port {port}:\n{process.tail()}")


def gunicorn(env: dict[str, str], port: int, log_dir: Path, workers: int = 1) -> Process:
    """``gunicorn omzien.wsgi:application`` on loopback (not yet waited for: ``wait_http``)."""
    args = [program("gunicorn"), "omzien.wsgi:application", "--bind", f"{HOST}:{port}",
            "--workers", str(workers), "--timeout", "60", "--graceful-timeout", "5",
            "--log-level", "warning"]  # fmt: skip
    return Process(f"gunicorn-{port}", args, env, log_dir).start()


def manage_process(name: str, env: dict[str, str], log_dir: Path, *args: str) -> Process:
    """A long-running ``manage.py`` command (a worker, a processor, the scheduler)."""
    return Process(name, [sys.executable, "-m", "omzien.manage", *args], env, log_dir).start()


def wait_http(process: Process, url: str, timeout: float = 60) -> None:
    """Wait until ``url`` answers 200 (the server is up), or fail with the server's log."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        process.check_alive()
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"{process.name} did not answer {url} in {timeout:.0f} s:\n{process.tail()}")
