"""Helpers to start Omzien's production processes in tests and scripts (issue 13).

Reusable by any test or script under tests/production/ (``from processes import ...``; pytest
and ``python tests/production/<script>.py`` both put this folder on ``sys.path``):

* ``documented_environment()``: the production environment of docs/examples/omzien.env, with
  a fresh SECRET_KEY, on top of a clean base (PATH, HOME, CI, make's variables);
* ``scratch_database()``: a PostgreSQL database made for the run and dropped afterwards;
* ``Started``: a command in its own session with its output in a log file, its process tree
  (``descendants``), ``wait_http`` until it answers, and ``stop`` by SIGTERM to the command
  only (as systemd or Ctrl-C would), reporting anything left behind.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse, urlunparse

REPO = Path(__file__).resolve().parents[2]
ENV_EXAMPLE = REPO / "docs" / "examples" / "omzien.env"
#: Variables of the calling shell kept by ``documented_environment``; everything else (any
#: OMZIEN_*, DJANGO_SETTINGS_MODULE, DATABASE_URL, ...) comes from the documented file only.
BASE_VARIABLES = ("PATH", "HOME", "LANG", "LC_ALL", "CI", "TMPDIR", "PYTHON", "MAKEFLAGS")


def read_env_file(path: Path = ENV_EXAMPLE) -> dict[str, str]:
    """``KEY=value`` lines of an EnvironmentFile (comments and blank lines skipped; one pair of
    surrounding double quotes removed), in the subset systemd and ``sh`` read alike."""
    values = {}
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.partition("=")
        if not sep or not key.isidentifier():
            raise ValueError(f"{path}:{number}: not KEY=value")
        if len(value) >= 2 and value[0] == value[-1] == '"':
            value = value[1:-1]
        values[key] = value
    return values


def documented_environment(**overrides: str) -> dict[str, str]:
    """The documented production environment (a generated SECRET_KEY where the file leaves it
    empty, as the file tells the operator to) plus ``overrides``, on a clean base."""
    env = {key: os.environ[key] for key in BASE_VARIABLES if key in os.environ}
    documented = read_env_file()
    if not documented.get("SECRET_KEY"):
        documented["SECRET_KEY"] = secrets.token_urlsafe(64)
    env.update(documented)
    env.update(overrides)
    return env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _with_database(url: str, name: str) -> str:
    return urlunparse(urlparse(url)._replace(path=f"/{name}"))


@contextlib.contextmanager
def scratch_database(base_url: str, name: str) -> Iterator[str]:
    """Create the PostgreSQL database ``name`` (dropping a leftover of an earlier run) with the
    role of ``base_url``, yield its URL, and drop it afterwards (also when the run failed)."""
    import psycopg

    def run(sql: str) -> None:
        with psycopg.connect(base_url, autocommit=True) as conn:
            conn.execute(sql)

    run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    run(f'CREATE DATABASE "{name}"')
    try:
        yield _with_database(base_url, name)
    finally:
        run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _process_table() -> dict[int, tuple[int, str]]:
    """pid -> (parent pid, command line), from /proc."""
    table = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if fields[0] == "Z":  # a zombie has ended
            continue
        table[int(entry.name)] = (int(fields[1]), cmdline)
    return table


def descendants(pid: int) -> dict[int, str]:
    """Every living process below ``pid`` (children, grandchildren, ...): pid -> command line.
    Follows parent links, so it also finds processes that started their own session."""
    table = _process_table()
    found: dict[int, str] = {}
    frontier = [pid]
    while frontier:
        parent = frontier.pop()
        for child, (ppid, cmdline) in table.items():
            if ppid == parent and child not in found:
                found[child] = cmdline
                frontier.append(child)
    return found


class Started:
    """A command started in its own session, its output in ``log``."""

    def __init__(self, command: list[str], env: dict[str, str], log: Path, cwd: Path = REPO):
        self.command = command
        self.log = log
        self._log_file = log.open("wb")
        self.process = subprocess.Popen(
            command,
            env=env,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    @property
    def pid(self) -> int:
        return self.process.pid

    def tail(self, lines: int = 60) -> str:
        self._log_file.flush()
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    def wait_http(self, url: str, headers: dict[str, str], timeout: float) -> float:
        """Poll ``url`` until it answers with a status below 500; return the seconds it took.
        Raises RuntimeError (with the log's tail) when the command exits or time runs out."""
        start = time.monotonic()
        request = urllib.request.Request(url, headers=headers)
        while time.monotonic() - start < timeout:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"{' '.join(self.command)} exited with {self.process.returncode}:\n"
                    f"{self.tail()}"
                )
            try:
                with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
                    if response.status < 500:
                        return time.monotonic() - start
            except urllib.error.HTTPError as error:
                if error.code < 500:
                    return time.monotonic() - start
            except OSError:
                pass
            time.sleep(0.5)
        raise RuntimeError(f"{url} did not answer within {timeout:.0f} s:\n{self.tail()}")

    def stop(self, timeout: float = 30) -> tuple[bool, dict[int, str]]:
        """SIGTERM to the command only (its own shutdown must stop its children) and wait.
        Returns whether the command exited within ``timeout`` and the processes of its tree
        still alive 5 s later (then killed, like the command, so nothing outlives the run)."""
        tree = descendants(self.pid)
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout)
        exited = self.process.poll() is not None
        deadline = time.monotonic() + 5
        left = {}
        while time.monotonic() < deadline:
            table = _process_table()
            left = {pid: cmd for pid, cmd in tree.items() if pid in table and table[pid][1] == cmd}
            if not left and self.process.poll() is not None:
                break
            time.sleep(0.2)
        for pid in [self.pid, *left]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self.process.wait()
        self._log_file.close()
        return exited, left
