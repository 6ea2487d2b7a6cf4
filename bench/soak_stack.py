"""The stack of the soak (``bench/soak.py``): the production-style environment, the scratch
database and its data, gunicorn, the task worker and the intake processor as child processes
(each in its own process group), and the resident memory of each process tree."""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.intake_server import Processor, Server, manage

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
MUNICIPALITY_SLUG = "zeist"
PARTNER_ORGANISATION = "Zorggroep Heuvelrand (demo)"
CASEWORKER = "welzijnswerker"
COORDINATOR = "kartrekker"


def stack_env(database_url: str, var_dir: Path) -> dict[str, str]:
    """The production settings as an operator would set them, on plain http on loopback.

    DEBUG off and the second factor required; no TLS proxy in front, so the cookies drop their
    Secure flag (``OMZIEN_SECURE_COOKIES=0``) and plain http is not redirected to https
    (``OMZIEN_SSL_REDIRECT=0``): the client's cookie jar would not send Secure cookies over
    http. The public form's rate limit is off: every public signal of the soak comes from
    127.0.0.1.
    """
    env = dict(os.environ)
    for name in ("OMZIEN_DEBUG", "DJANGO_SETTINGS_MODULE", "OMZIEN_CACHE_URL"):
        env.pop(name, None)
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="omzien.settings",
        PYTHONPATH=os.pathsep.join([str(ROOT), str(SRC)]),
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        OMZIEN_TWO_FACTOR="required",
        OMZIEN_SECURE_COOKIES="0",
        OMZIEN_SSL_REDIRECT="0",
        OMZIEN_PUBLIC_FORM_RATE="off",
        OMZIEN_VAR_DIR=str(var_dir),
        OMZIEN_EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        OMZIEN_LOG_LEVEL="WARNING",
    )
    return env


def prepare_data(env: dict[str, str]) -> dict:
    """Migrate, load the reference data and the demo municipality (Zeist, its accounts with
    their second factor, signals and cases), collect the static files, and issue a partner
    API key through the service a coordinator uses. Returns the key, the demo accounts'
    password and Zeist's postcodes."""
    for command in (
        ("migrate", "--noinput"),
        ("createcachetable",),
        ("load_reference_data",),
        ("load_demo",),
        ("collectstatic", "--noinput"),
    ):
        manage(env, *command)
    os.environ.update({k: env[k] for k in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "SECRET_KEY")})
    os.environ.update({k: v for k, v in env.items() if k.startswith("OMZIEN_")})
    import django

    django.setup()
    from django.db import connections

    from bench.soak_checks import zeist_postcodes
    from omzien.core.demo import DEMO_PASSWORD
    from omzien.core.models import Organisation, User
    from omzien.signalling.setup.services import create_api_key

    coordinator = User.objects.get(username=COORDINATOR)
    partner = Organisation.objects.get(
        municipality__slug=MUNICIPALITY_SLUG, name=PARTNER_ORGANISATION
    )
    issued = create_api_key(actor=coordinator, organisation=partner, name="soak")
    connections.close_all()
    return {
        "api_key": issued.secret,
        "password": DEMO_PASSWORD,
        "postcodes": zeist_postcodes(MUNICIPALITY_SLUG),
    }


class Child:
    """A ``manage.py`` command running in its own process group."""

    def __init__(self, env: dict[str, str], log: Path, *args: str):
        self.env, self.log, self.args = env, log, args
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "omzien.manage", *self.args],
            env=self.env,
            cwd=ROOT,
            stdout=self.log.open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self) -> None:
        if not self.alive():
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)


@dataclass
class Stack:
    env: dict[str, str]
    logs: Path
    port: int
    workers: int
    threads: int
    server: Server | None = None
    children: dict[str, Child] = field(default_factory=dict)

    def start(self) -> None:
        self.logs.mkdir(parents=True, exist_ok=True)
        self.children = {
            "worker": Child(self.env, self.logs / "worker.log", "db_worker", "--no-reload"),
            "intake": Child(self.env, self.logs / "intake.log", "process_intake", "--loop"),
        }
        for child in self.children.values():
            child.start()
        Processor.wait_running(self.logs / "intake.log", expected=1)
        self.server = Server(
            self.env, self.port, self.workers, self.threads, self.logs / "gunicorn.log"
        )
        self.server.start()

    def dead(self) -> list[str]:
        """The processes that stopped while they should run."""
        gone = [name for name, child in self.children.items() if not child.alive()]
        if self.server and self.server.process.poll() is not None:
            gone.append("gunicorn")
        return gone

    def stop(self) -> None:
        if self.server:
            self.server.stop()
        for child in self.children.values():
            child.stop()

    def memory(self) -> dict[str, float]:
        """Resident memory in MB: gunicorn (master and workers summed), each gunicorn worker
        (``gunicorn_w1`` ...: by position in the list of its current workers), the worker
        and the intake processor (each its process tree)."""
        sizes: dict[str, float] = {}
        tree = _children_by_parent()
        master = self.server.process.pid
        workers = sorted(tree.get(master, []))
        sizes["gunicorn"] = _tree_rss(master, tree) / 1024
        sizes["gunicorn_master"] = _rss_kib(master) / 1024
        for number, pid in enumerate(workers, start=1):
            sizes[f"gunicorn_w{number}"] = _tree_rss(pid, tree) / 1024
        for name, child in self.children.items():
            sizes[name] = _tree_rss(child.process.pid, tree) / 1024
        sizes["gunicorn_workers"] = len(workers)
        return sizes


def _children_by_parent() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat") as stat:
                # The command may contain spaces and parentheses: the fields after the last ")".
                parent = int(stat.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        tree.setdefault(parent, []).append(int(entry.name))
    return tree


def _rss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _tree_rss(pid: int, tree: dict[int, list[int]]) -> int:
    """VmRSS of ``pid`` and all its descendants, in KiB."""
    return _rss_kib(pid) + sum(_tree_rss(child, tree) for child in tree.get(pid, []))


def wait_until(predicate, timeout: float, step: float = 1.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return predicate()
