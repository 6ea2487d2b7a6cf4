"""Database, server and processors of the intake benchmark (``bench/intake.py``): the
benchmark's own PostgreSQL database and data, gunicorn and ``manage.py process_intake`` in
their own process groups."""

from __future__ import annotations

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
SRC = ROOT / "src"
VENV_BIN = Path(sys.executable).parent
HOST = "127.0.0.1"


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
    from django.utils import timezone

    from bench.intake_bare import TABLE_SQL
    from omzien.core.models import Membership, Municipality, Organisation, PostcodeArea, User
    from omzien.signalling.models import SignallingSettings
    from omzien.signalling.setup.services import create_api_key

    zeist = Municipality.objects.get(code="GM0355")
    coordinator = User.objects.create_user(
        username="bench-coordinator", email="bench@example.invalid", password=None
    )
    Membership.objects.create(user=coordinator, municipality=zeist, role="coordinator")
    partner = Organisation.objects.create(municipality=zeist, name="Bench partner", kind="welfare")
    issued = create_api_key(actor=coordinator, organisation=partner, name="intake benchmark")
    SignallingSettings.objects.update_or_create(  # Zeist takes signals (issue 8)
        municipality=zeist, defaults={"live_since": timezone.now()}
    )
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


def port_is_free(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex((HOST, port)) != 0
