"""Benchmark: signal intake over HTTP through the partner API, on PostgreSQL with gunicorn.

The partner API accepts, then processes: a 201 is one INSERT of an intake row, and
``manage.py process_intake`` turns intakes into signals and cases. The benchmark measures both.
What it does, all on loopback and bounded in time (about 5 minutes):

1. creates its own database (``omzien_bench``), migrates, loads the reference data, and makes
   a coordinator, a partner organisation in Zeist and an API key (through the services);
2. starts gunicorn (2 workers) with ``bench/intake_settings.py``: the product settings, plus
   the bare baseline view ``/bench/bare/`` (``bench/intake_bare.py``) in the URLconf, so both
   endpoints run on the same server with identical settings;
3. closed loop: 200 concurrent clients for 20 s per endpoint, alternating partner API and
   bare view in two halves; reports throughput, latency percentiles and the ratio
   (target >= 0.7x);
4. open loop: 100 signals/s on a fixed schedule for 20 s; reports latency (target p99 < 100 ms);
5. checks that every signal answered 201 is accepted exactly once (one intake row, the receipt
   code it was answered with);
6. drains the backlog the load left with ``--processors`` processes of ``manage.py
   process_intake`` and reports the processing throughput (it must beat the arrival rate of
   100 signals/s, or the staged intake only moves the problem); then checks that every 201
   became exactly one signal with its receipt code;
7. steady state: the open loop again with the processors running alongside: API latency, the
   backlog at the end of the load, and the time from acceptance to processing;
8. fault run: SIGKILLs gunicorn (master and workers) and the processors in the middle of a
   closed loop, restarts them, replays every request that got no answer with the same
   Idempotency-Key and body, drains, then checks that nothing answered 201 is lost and nothing
   is accepted or stored twice;
9. stops the server and drops the database (``--keep-db`` keeps it).

Run from the repository root (PostgreSQL running, role with CREATEDB):

    .venv/bin/python bench/intake.py
    .venv/bin/python bench/intake.py --processors 1 --skip-fault
    DATABASE_URL=postgres://omzien:omzien@127.0.0.1:5432/omzien .venv/bin/python bench/intake.py

The load generator (one Python process, asyncio) shares the 2 cores with gunicorn and
PostgreSQL; the figures are therefore a floor for the server alone. Results are printed and
written to var/bench/intake.json.
"""

import sys
from pathlib import Path

# Python puts this script's folder first on sys.path, where a sibling module named like a
# standard one would shadow it. Import the bench modules as bench.<name>.
ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from bench.intake_run import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
