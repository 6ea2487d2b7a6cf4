"""The task queue's settings (issue 13, docs/scaling.md): RQ on Redis when configured, with the
worker's job class; refused with a message that names the setting when Redis is missing."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

import omzien

pytestmark = pytest.mark.issue(13)
#: The source tree under test (not another checkout installed in the same venv).
SRC = str(Path(omzien.__file__).resolve().parents[1])


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("OMZIEN_", "DATABASE"))}
    environment |= {"SECRET_KEY": "test-secret", "DJANGO_SETTINGS_MODULE": "omzien.settings",
                    "PYTHONPATH": SRC}  # fmt: skip
    return subprocess.run(
        [sys.executable, "-m", "omzien.manage", *args],
        env=environment | env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip


def test_rq_without_a_redis_url_refuses_to_start():
    result = manage("check", OMZIEN_TASKS_BACKEND="rq")
    assert result.returncode != 0
    assert "OMZIEN_TASKS_BACKEND=rq needs Redis: set OMZIEN_RQ_URL" in result.stderr


def test_an_unknown_task_backend_is_named():
    result = manage("check", OMZIEN_TASKS_BACKEND="celery")
    assert result.returncode != 0
    assert "OMZIEN_TASKS_BACKEND must be 'db' or 'rq', not 'celery'" in result.stderr


SHOW = (
    "from django.conf import settings as s; print(s.TASKS['default']['BACKEND'], "
    "getattr(s, 'RQ_QUEUES', {}).get('default', {}).get('URL'), getattr(s, 'RQ', {}))"
)


@pytest.mark.parametrize(
    ("env", "shown"),
    [
        ({}, "django_tasks_db.DatabaseBackend None {}"),
        (
            {"OMZIEN_TASKS_BACKEND": "rq", "OMZIEN_CACHE_URL": "redis://cache:6379/0"},
            "django_tasks_rq.RQBackend redis://cache:6379/0 {'JOB_CLASS': 'django_tasks_rq.Job'}",
        ),
        (
            {
                "OMZIEN_TASKS_BACKEND": "RQ",
                "OMZIEN_CACHE_URL": "redis://cache:6379/0",
                "OMZIEN_RQ_URL": "redis://queue:6379/1",
            },  # fmt: skip
            "django_tasks_rq.RQBackend redis://queue:6379/1 {'JOB_CLASS': 'django_tasks_rq.Job'}",
        ),
    ],
)
def test_the_task_backend_follows_the_environment_and_passes_the_checks(env, shown):
    result = manage("shell", "-c", SHOW, **env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == shown
    checked = manage("check", **env)  # django-tasks-rq's checks: queues, rq version
    assert checked.returncode == 0 and "no issues" in checked.stdout, checked.stderr
