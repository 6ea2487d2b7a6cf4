"""Soak (issue 13): a bounded mixed load on loopback for ``--minutes`` (default 30) against
the production-style stack, with memory and latency sampled every minute.

What it does:

1. creates its own PostgreSQL database (``omzien_bench_soak``), migrates, loads the reference
   data and the demo municipality (Zeist: its accounts with their second factor, its signals
   and cases), collects the static files and issues a partner API key (the coordinator's
   service);
2. starts, each in its own process group, gunicorn (``omzien.wsgi:application``, 3 sync
   workers) with the production settings (DEBUG off, a random SECRET_KEY, the second factor
   required; on plain http, so ``OMZIEN_SECURE_COOKIES=0`` and ``OMZIEN_SSL_REDIRECT=0``;
   ``OMZIEN_PUBLIC_FORM_RATE=off`` because every public signal comes from 127.0.0.1), the task
   worker (``manage.py db_worker --no-reload``) and the intake processor
   (``manage.py process_intake --loop``);
3. logs in a caseworker and a coordinator through the login page and the second-factor page
   (the current TOTP code of their demo devices), then runs the mix of ``soak_load.MIX`` on a
   fixed schedule: public signals through the three-step form (GET, 3 POSTs with the CSRF
   token, the receipt page), partner-API signals, the caseworker's queue and case pages, the
   coordinator's monitoring page; and ``omzien survey score`` on a generated national survey
   (540,000 respondents, by municipality) as a fresh process once a minute;
4. every minute: the resident memory (VmRSS from /proc) of gunicorn (master and workers
   summed, and each worker), the task worker and the intake processor, the intake backlog and
   the load average; per minute and kind the requests, errors and p50/p95/p99;
5. after the load: waits (bounded) until the intake is drained, then checks that every signal
   answered with a receipt code is stored exactly once; reports the memory slope over the
   last two thirds of the run and the spread of the per-minute p99;
6. stops everything, drops the database (unless ``--keep``), writes var/bench/soak.json and
   var/bench/soak.csv (per minute). Exits 1 when a signal was lost or duplicated, the intake
   was not drained, a process died or more than ``--max-error-rate`` of the requests failed.

Run from the repository root (PostgreSQL running, a role with CREATEDB):

    .venv/bin/python bench/soak.py                # or: make bench-soak
    .venv/bin/python bench/soak.py --minutes 3
"""

import sys
from pathlib import Path

# Python puts this script's folder first on sys.path, where a sibling module named like a
# standard one would shadow it. Import the bench modules as bench.<name>.
ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from bench.soak_run import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
