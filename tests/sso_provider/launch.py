"""Start and stop the test provider (django-oidc-provider under ``manage.py runserver``) on a
free port of 127.0.0.1, with a fresh SQLite file in a temporary directory."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

TESTS_DIR = Path(__file__).resolve().parent.parent
CLIENT_ID = "omzien-test"
CLIENT_SECRET = "omzien-test-client-secret"
SECRET_ENV = "OMZIEN_SSO_SECRET_TEST"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Provider:
    def __init__(self) -> None:
        self.tmp = Path(tempfile.mkdtemp(prefix="omzien-sso-idp-"))
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.issuer = f"{self.url}/openid"
        self.process: subprocess.Popen | None = None
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "sso_provider.settings",
            "PYTHONPATH": str(TESTS_DIR),
            "SSO_IDP_DB": str(self.tmp / "idp.sqlite3"),
            "SSO_IDP_URL": self.url,
        }
        for name in ("SECRET_KEY", "DATABASE_URL"):
            self.env.pop(name, None)

    def endpoint(self, name: str) -> str:
        paths = {
            "authorization": "/authorize",
            "token": "/token",
            "userinfo": "/userinfo",
            "jwks": "/jwks",
            "end_session": "/end-session",
        }
        return self.issuer + paths[name]

    def allow_redirect(self, *uris: str) -> None:
        """Run the management step: the client accepts these redirect URIs (and, after
        logout, the login pages of their hosts)."""
        command = [sys.executable, "-m", "sso_provider.setup"]
        command += ["--client-id", CLIENT_ID, "--client-secret", CLIENT_SECRET]
        for uri in uris:
            base = uri.split("/account/")[0]
            command += ["--redirect", uri, "--logout-redirect", f"{base}/account/inloggen/"]
        self._run(command)

    def _run(self, command: list[str]) -> None:
        done = subprocess.run(command, env=self.env, capture_output=True, timeout=120)
        if done.returncode != 0:
            tail = done.stderr.decode(errors="replace").strip().splitlines()[-3:]
            raise RuntimeError(f"{' '.join(command[1:3])} failed: {' | '.join(tail)}")

    def set_groups(self, username: str, groups: list[str]) -> None:
        """Change a user's groups at the provider (``amr:``/``acr:`` names included)."""
        command = [sys.executable, "-m", "sso_provider.setup", "--client-id", CLIENT_ID]
        command += ["--client-secret", CLIENT_SECRET, "--set-groups"]
        command += [f"{username}={','.join(groups)}"]
        self._run(command)

    def record(self, municipality, **overrides):
        """An Omzien ``SsoProvider`` for ``municipality`` pointing at this provider, with the
        table omzien-welzijn -> caseworker, omzien-kartrekker -> coordinator."""
        from omzien.core.models import SsoProvider

        values = {
            "name": f"Testdienst {municipality.name}",
            "enabled": True,
            "issuer": self.issuer,
            "authorization_endpoint": self.endpoint("authorization"),
            "token_endpoint": self.endpoint("token"),
            "jwks_uri": self.endpoint("jwks"),
            "userinfo_endpoint": self.endpoint("userinfo"),
            "end_session_endpoint": self.endpoint("end_session"),
            "client_id": CLIENT_ID,
            "client_secret_env": SECRET_ENV,
        }
        values.update(overrides)
        provider = SsoProvider(municipality=municipality, **values)
        provider.full_clean()
        provider.save()
        provider.rules.create(claim_value="omzien-welzijn", role="caseworker")
        provider.rules.create(claim_value="omzien-kartrekker", role="coordinator")
        return provider

    def start(self, *redirect_uris: str, timeout: float = 60) -> Provider:
        try:
            self.allow_redirect(*redirect_uris)
        except Exception:
            self.stop()
            raise
        self.log = open(self.tmp / "server.log", "wb")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "django", "runserver", "--noreload", f"127.0.0.1:{self.port}"],
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        discovery = f"{self.issuer}/.well-known/openid-configuration"
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                with urllib.request.urlopen(discovery, timeout=2) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.2)
        log = (self.tmp / "server.log").read_text(errors="replace").strip().splitlines()[-3:]
        self.stop()
        raise RuntimeError(f"no answer on port {self.port}: {' | '.join(log)}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        if getattr(self, "log", None):
            self.log.close()
        shutil.rmtree(self.tmp, ignore_errors=True)
