"""The import of a large extract as a Django task (django-tasks, database backend by default:
``manage.py db_worker`` runs it). Running a job twice does it once (``run_import`` claims a
waiting job)."""

from __future__ import annotations

from django_tasks import task

from omzien.visits.imports import jobs


@task()
def run_import_task(job_id: int) -> str:
    """Check and store one address import; returns its end state."""
    return str(jobs.run_import(job_id))
