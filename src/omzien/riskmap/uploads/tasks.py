"""A large upload of figures as a Django task (django-tasks, database backend by default:
``manage.py db_worker`` runs it). Running a job twice does it once (``run_upload`` claims a
waiting job)."""

from __future__ import annotations

from django_tasks import task

from omzien.riskmap.uploads import jobs


@task()
def run_upload_task(job_id: int) -> str:
    """Check and apply one upload job; returns its end state."""
    return str(jobs.run_upload(job_id))
