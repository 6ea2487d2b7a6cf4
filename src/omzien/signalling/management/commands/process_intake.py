"""``manage.py process_intake [--loop] [--interval SECONDS] [--check]``: the
processor of the partner API's inbox (``signalling/intake/inbox.py``).

* without options: process every intake that may be tried now, then exit (cron, scripts);
* ``--loop``: keep processing; when the queue is empty, look again every ``--interval``
  seconds (default 0.5). Stops cleanly on SIGTERM or Ctrl-C after the intake at hand.
  Logs an error every ten minutes while intakes wait longer than a day;
* ``--check``: print the queue (pending, failing, older than a day) and exit 1 when any
  intake waits longer than a day, for monitoring.

Several processors may run at once (each claims an intake with SKIP LOCKED); on SQLite run one.
See docs/operations.md.
"""

import logging
import signal
import threading
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, close_old_connections
from django.utils import timezone

from omzien.signalling.intake import inbox as intake

logger = logging.getLogger("omzien.intake")


class Command(BaseCommand):
    help = "Turn accepted partner-API signals into signals and cases (urgent ones first)."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Keep running until stopped.")
        parser.add_argument(
            "--interval",
            type=float,
            default=0.5,
            help="Seconds between looks at an empty queue with --loop (default: 0.5).",
        )
        parser.add_argument(
            "--batch",
            type=int,
            default=100,
            help="Intakes per round before connections are checked again (default: 100).",
        )
        parser.add_argument(
            "--check", action="store_true", help="Report the queue; exit 1 when an alarm is due."
        )

    def handle(self, *args, loop: bool, interval: float, batch: int, check: bool, **options):
        if check:
            state = intake.log_if_stale()
            oldest = state.oldest.isoformat(timespec="seconds") if state.oldest else "-"
            self.stdout.write(
                f"pending={state.pending} failing={state.failing} "
                f"older_than_a_day={state.stale} oldest={oldest}"
            )
            if state.alarm:
                raise CommandError("Partner-API signals wait longer than a day: see the log.")
            return
        if not loop:
            total = intake.ProcessCounts()
            started = time.perf_counter()
            while True:
                counts = intake.process_pending(limit=batch)
                total.processed += counts.processed
                total.failed += counts.failed
                if counts.processed + counts.failed < batch:
                    break
            seconds = time.perf_counter() - started
            self.stdout.write(
                f"processed={total.processed} failed={total.failed} seconds={seconds:.2f}"
            )
            return
        self._loop(interval, batch)

    def _loop(self, interval: float, batch: int) -> None:
        stop = threading.Event()

        def shutdown(signum, frame):
            logger.info("intake processor stopping (%s)", signal.strsignal(signum))
            stop.set()

        signal.signal(signal.SIGINT, shutdown)
        signal.signal(signal.SIGTERM, shutdown)
        self.stdout.write("Intake processor running. Ctrl-C stops it.")
        self.stdout.flush()
        next_stale_check = timezone.now()
        while not stop.is_set():
            close_old_connections()
            try:
                worked = 0
                for _ in range(batch):
                    if stop.is_set():
                        break
                    outcome = intake.process_one()
                    if outcome is None:
                        break
                    worked += 1
                if timezone.now() >= next_stale_check:
                    intake.log_if_stale()
                    next_stale_check = timezone.now() + intake.STALE_LOG_EVERY
            except Exception as exc:  # noqa: BLE001 - the processor must keep running
                # A database hiccup (or a bug) must not end the processor: the intake at hand
                # stays unprocessed (its transaction rolled back) and is claimed again.
                kind = "database error" if isinstance(exc, DatabaseError) else "error"
                logger.exception("intake processor: %s", kind)
                close_old_connections()
                stop.wait(max(interval, 1.0))
                continue
            if worked == 0:
                stop.wait(interval)
        close_old_connections()
