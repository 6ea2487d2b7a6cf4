"""``manage.py run_scheduler [--once] [--interval SECONDS]``: enqueue the daily jobs.

django-tasks has no scheduler of its own. This loop enqueues each job of
``signalling.tasks.DAILY_JOBS`` once per day at or after its time; ``manage.py db_worker``
runs them. Several schedulers may run at once: a (job, day) row with a unique constraint
lets only one of them enqueue. See docs/operations.md.
"""

import logging
import signal
import threading

from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections

from omzien.signalling.tasks import DAILY_JOBS, enqueue_due_jobs

logger = logging.getLogger("omzien.tasks")


class Command(BaseCommand):
    help = "Enqueue the daily jobs (retention, overdue digest) once per day; runs until stopped."

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Check once, enqueue what is due and exit."
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=60.0,
            help="Seconds between checks (default: 60).",
        )

    def handle(self, *args, once: bool, interval: float, **options):
        if once:
            self._check()
            return
        stop = threading.Event()

        def shutdown(signum, frame):
            logger.info("scheduler stopping (%s)", signal.strsignal(signum))
            stop.set()

        signal.signal(signal.SIGINT, shutdown)
        signal.signal(signal.SIGTERM, shutdown)
        jobs = ", ".join(f"{job.name} at {job.at:%H:%M}" for job in DAILY_JOBS)
        self.stdout.write(f"Scheduler running: {jobs} (Europe/Amsterdam). Ctrl-C stops it.")
        while not stop.is_set():
            close_old_connections()
            try:
                self._check()
            except DatabaseError:
                # A database hiccup must not end the scheduler; the next check retries.
                logger.exception("scheduler check failed")
            stop.wait(interval)
        close_old_connections()

    def _check(self) -> None:
        for name in enqueue_due_jobs():
            self.stdout.write(f"Enqueued {name}")
