"""Production smoke test (issue 13): `make serve` on PostgreSQL, driven through a real browser.

    python tests/production/smoke.py          (or: make smoke; CI runs it after the PG tests)

1. `make serve` refuses to start without SECRET_KEY and without DATABASE_URL;
2. creates a scratch PostgreSQL database (``omzien_smoke_serve``; the role of DATABASE_URL,
   default postgres://omzien:omzien@127.0.0.1:5432/omzien, needs CREATEDB);
3. starts the real `make serve` on a free loopback port with the documented production
   environment (docs/examples/omzien.env) and these smoke-only changes: the scratch database,
   ALLOWED_HOSTS 127.0.0.1, CSRF_TRUSTED_ORIGINS http://127.0.0.1:<port>, a temporary
   OMZIEN_VAR_DIR and e-mail kept in memory. Security stays on: there is no TLS proxy, so the
   smoke's browser sends ``X-Forwarded-Proto: https`` itself, as nginx would;
4. checks that gunicorn, the task worker, the scheduler and the intake processor run;
5. loads Zeist's reference data and (tests/production/smoke_data.py) a coordinator with a
   password and a TOTP device, who opens Zeist's signalling point;
6. in Chromium: a member of the public sends a signal through the public form; the coordinator
   logs in with password and TOTP code and finds the new case in the queue;
7. over HTTP: plain http is redirected to https; static files are served by WhiteNoise with
   hashed names and a year-long cache header; HSTS is sent; an unknown page gets the Dutch 404
   (DEBUG is off);
8. checks the four processes still run, stops `make serve` with SIGTERM (to make only) and
   checks that every process stopped; drops the database.

Exits non-zero with the reason (and the server log's tail) when anything fails.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from processes import (
    REPO,
    Started,
    descendants,
    documented_environment,
    free_port,
    scratch_database,
)

BASE_URL = os.environ.get("DATABASE_URL", "postgres://omzien:omzien@127.0.0.1:5432/omzien")
DATABASE = "omzien_smoke_serve"
CHROMIUM = os.environ.get("OMZIEN_CHROMIUM", "/usr/bin/chromium")
VENV = Path(sys.prefix)
PYTHON = str(VENV / "bin" / "python")
HTTPS = {"X-Forwarded-Proto": "https"}
PROCESSES = {
    "web (gunicorn)": "gunicorn -c deploy/gunicorn.conf.py",
    "task worker": "omzien.manage db_worker",
    "scheduler": "omzien.manage run_scheduler",
    "intake processor": "omzien.manage process_intake --loop",
}
POSTCODE = "3701 AB"  # Zeist


def step(text: str) -> None:
    print(f"[smoke {time.strftime('%H:%M:%S')}] {text}", flush=True)


def make_serve() -> list[str]:
    return ["make", "--no-print-directory", "serve", f"VENV={VENV}"]


def check_refusals(env: dict[str, str]) -> None:
    for missing, message in [
        ("SECRET_KEY", "make serve: SECRET_KEY is not set"),
        ("DATABASE_URL", "make serve: DATABASE_URL is not set"),
    ]:
        without = {k: v for k, v in env.items() if k != missing}
        result = subprocess.run(
            make_serve(), env=without, cwd=REPO, capture_output=True, text=True, timeout=60
        )
        assert result.returncode != 0, f"make serve started without {missing}"
        assert message in result.stderr, result.stderr
    step("make serve refuses to start without SECRET_KEY and without DATABASE_URL")


def running(server: Started) -> dict[str, int]:
    """Which of the four processes run below `make serve`: name -> pid."""
    tree = descendants(server.pid)
    found = {}
    for name, needle in PROCESSES.items():
        pids = [pid for pid, cmd in tree.items() if needle in cmd and not cmd.startswith("/bin/sh")]
        if pids:
            found[name] = min(pids)
    return found


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [PYTHON, "-m", "omzien.manage", *args],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def totp_code(key_hex: str) -> str:
    """The current code of a TOTP device with this key (30 s, 6 digits: django-otp's
    defaults), as an authenticator app computes it."""
    from django_otp.oath import totp

    return f"{totp(bytes.fromhex(key_hex)):06d}"


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], str]:
    """GET without following redirects: (status, headers, body)."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with opener.open(request, timeout=15) as response:
            return response.status, dict(response.headers), response.read().decode(errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode(errors="replace")


def partner_signal(base: str, api_key: str) -> str:
    """A signal through the partner API (accepted at once; a case only once the intake
    processor has processed it). Returns its receipt code."""
    body = json.dumps({"postcode": POSTCODE, "house_number": "9", "concern": "Rookproef."})
    request = urllib.request.Request(
        f"{base}/api/v1/signals/",
        data=body.encode(),
        method="POST",
        headers={
            **HTTPS,
            "Content-Type": "application/json",
            "Authorization": f"Api-Key {api_key}",
            "Idempotency-Key": secrets.token_hex(16),
        },
    )
    with urllib.request.urlopen(request, timeout=15) as response:  # noqa: S310
        assert response.status == 201, response.status
        return json.load(response)["receipt_code"]


def find_in_queue(page, base: str, code: str, wait: float = 0) -> None:
    """Search the coordinator's queue for ``code`` until it is there (at most ``wait`` s)."""
    deadline = time.monotonic() + wait
    while True:
        page.goto(f"{base}/g/zeist/meldingen/")
        page.get_by_label("Zoek op meldcode, postcode of naam").fill(code)
        page.get_by_role("button", name="Zoeken").click()
        page.wait_for_load_state()
        link = page.get_by_role("link", name=code)
        if link.count() or time.monotonic() > deadline:
            link.first.wait_for(timeout=5_000)
            return
        time.sleep(1)


def check_task_ran(env: dict[str, str], task_id: str) -> None:
    """The task queued by smoke_data.py was run by the task worker."""
    code = (
        "from omzien.signalling.tasks import purge_personal_data as t; "
        f"print(t.get_result({task_id!r}).status)"
    )
    deadline = time.monotonic() + 30
    while (status := manage(env, "shell", "-v", "0", "-c", code).strip()) != "SUCCESSFUL":
        assert time.monotonic() < deadline, f"the queued task is still {status}"
        time.sleep(1)
    step("task worker: the queued task ran (SUCCESSFUL)")


def journey(base: str, staff: dict[str, str], api_key: str) -> None:
    """A public signal, the coordinator's login with the second factor, the case in the queue;
    then a partner API signal, which the intake processor turns into a case in the queue."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            options = {"locale": "nl-NL", "extra_http_headers": HTTPS}
            public = browser.new_context(**options).new_page()
            public.set_default_timeout(20_000)
            public.goto(f"{base}/melden/zeist/")
            public.get_by_label("Postcode").fill(POSTCODE)
            public.get_by_label("Huisnummer").fill("7")
            public.get_by_role("button", name="Volgende stap").click()
            public.wait_for_url("**?stap=2")
            public.get_by_label("De gordijnen zijn al dagen dicht").check()
            public.get_by_label("Vertel wat u ziet of hoort").fill("Buurman niet gezien.")
            public.get_by_role("button", name="Volgende stap").click()
            public.wait_for_url("**?stap=3")
            public.get_by_role("button", name="Melding versturen").click()
            public.wait_for_url("**/ontvangen/")
            code = public.get_by_test_id("receipt-code").inner_text().strip()
            step(f"public form: signal sent, receipt code {code}")

            page = browser.new_context(**options).new_page()
            page.set_default_timeout(20_000)
            page.goto(f"{base}/account/inloggen/")
            page.get_by_label("Gebruikersnaam of e-mailadres").fill("rookproef")
            page.get_by_label("Wachtwoord").fill(staff["SMOKE_PASSWORD"])
            page.get_by_role("button", name="Inloggen").click()
            page.wait_for_url("**/account/tweede-stap/**")
            page.get_by_label("Code uit uw app").fill(totp_code(staff["SMOKE_TOTP_KEY"]))
            page.get_by_role("button", name="Bevestigen").click()
            page.wait_for_url(lambda url: "/account/" not in url)
            step("coordinator logged in with password and second factor")

            find_in_queue(page, base, code)
            step("the new case is in the coordinator's queue")

            partner = partner_signal(base, api_key)
            find_in_queue(page, base, partner, wait=30)
            step(f"intake processor: partner API signal {partner} is a case in the queue")
        finally:
            browser.close()


def check_http(base: str) -> None:
    status, headers, _ = get(f"{base}/account/inloggen/")
    assert status == 301 and headers["Location"].startswith("https://"), (status, headers)
    status, headers, body = get(f"{base}/account/inloggen/", HTTPS)
    assert status == 200, status
    assert "max-age=31536000" in headers.get("Strict-Transport-Security", ""), headers
    css = re.search(r'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', body)
    assert css, "no stylesheet with a hashed name on the login page"
    status, headers, _ = get(base + css.group(1), HTTPS)
    cache = headers.get("Cache-Control", "")
    assert status == 200 and "max-age=315360000" in cache and "immutable" in cache, (status, cache)
    step(f"static file {css.group(1)}: 200, Cache-Control: {cache}")
    status, _, body = get(f"{base}/bestaat-niet-smoke/", HTTPS)
    assert status == 404 and "Deze pagina bestaat niet" in body, status
    assert "Traceback" not in body and "URLconf" not in body and "DEBUG" not in body
    step("unknown page: the Dutch 404, no debug page; http redirects to https; HSTS on")


def serve_and_drive(env: dict[str, str], port: int) -> None:
    base = f"http://127.0.0.1:{port}"
    log = Path(env["OMZIEN_VAR_DIR"]) / "serve.log"
    server = Started(make_serve(), env, log)
    try:
        took = server.wait_http(f"{base}/account/inloggen/", HTTPS, timeout=150)
        step(f"make serve answers on {base} after {took:.1f} s (migrate, collectstatic, start)")
        found = running(server)
        assert set(found) == set(PROCESSES), f"not running: {set(PROCESSES) - set(found)}"
        step("running: " + ", ".join(f"{name} (pid {pid})" for name, pid in found.items()))
        manage(env, "load_reference_data", "--only", "GM0355")
        staff = {"SMOKE_PASSWORD": secrets.token_urlsafe(16)}
        staff["SMOKE_TOTP_KEY"] = secrets.token_hex(20)
        setup = (Path(__file__).parent / "smoke_data.py").read_text()
        made = json.loads(manage({**env, **staff}, "shell", "-v", "0", "-c", setup))
        step("made a coordinator with a TOTP device, opened Zeist, an API key, a queued task")
        journey(base, staff, made["api_key"])
        check_task_ran(env, made["task_id"])
        check_http(base)
        still = running(server)
        assert still == found, f"processes changed during the run: {found} -> {still}"
    except BaseException:
        print(f"--- make serve log (tail) ---\n{server.tail(80)}", file=sys.stderr)
        server.stop()
        raise
    exited, left = server.stop()
    assert exited, f"make serve did not stop within 30 s of SIGTERM:\n{server.tail()}"
    assert not left, f"still running after make serve stopped: {left}"
    step("SIGTERM to make: make serve and all its processes stopped")


def main() -> int:
    start = time.monotonic()
    if not os.access(CHROMIUM, os.X_OK):
        print(f"smoke: no Chromium at {CHROMIUM} (apt-get install chromium)", file=sys.stderr)
        return 1
    port = free_port()
    with (
        tempfile.TemporaryDirectory(prefix="omzien-smoke-") as var_dir,
        scratch_database(BASE_URL, DATABASE) as database_url,
    ):
        env = documented_environment(
            DATABASE_URL=database_url,
            ALLOWED_HOSTS="127.0.0.1",
            CSRF_TRUSTED_ORIGINS=f"http://127.0.0.1:{port}",
            OMZIEN_BASE_URL=f"http://127.0.0.1:{port}",
            OMZIEN_BIND=f"127.0.0.1:{port}",
            OMZIEN_VAR_DIR=var_dir,
            OMZIEN_EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
            WEB_CONCURRENCY="2",
        )
        check_refusals(env)
        serve_and_drive(env, port)
    step(f"smoke passed in {time.monotonic() - start:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
