"""The home visits' daily job: erase the addresses of rounds closed longer ago than their
retention (``privacy/retention.py``), enqueued at night by ``run_scheduler`` through
``core.extensions.daily_jobs``. Cron can call ``manage.py erase_visit_addresses`` instead."""

from __future__ import annotations

import datetime as dt
import logging

from django_tasks import task

from omzien.core.extensions import DailyJob, daily_jobs
from omzien.visits.privacy.retention import run_address_retention

logger = logging.getLogger("omzien.tasks")


@task()
def erase_visit_addresses(municipality_code: str | None = None) -> dict[str, dict[str, int]]:
    """Erase what is due; returns counts per municipality code (no personal data)."""
    results = run_address_retention(code=municipality_code)
    for code, tally in results.items():
        logger.info("visit address retention municipality=%s %s", code, tally)
    return results


def register_daily_jobs() -> None:
    daily_jobs.register(
        DailyJob("erase_visit_addresses", erase_visit_addresses, dt.time(2, 30), 30)
    )
