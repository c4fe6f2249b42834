"""Real Celery workers for the tests that need one: a separate program on the test
database, in a process group of its own, and never left running after its test."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path

from django.conf import settings
from django.db import connection


def database_url() -> str:
    """The test database, as the worker's DATABASE_URL."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    return (f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}")


def worker_env(**extra: str) -> dict[str, str]:
    env = {**os.environ, "DATABASE_URL": database_url(),
           "DJANGO_SETTINGS_MODULE": "portal.settings.test", "CELERY_TASK_ALWAYS_EAGER": "0",
           **extra}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return env


def start_worker(env: dict[str, str], log: Path) -> subprocess.Popen:
    """A solo worker writing to `log`; `os.killpg(worker.pid, ...)` reaches all of it."""
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "portal", "worker", "--pool=solo",
         "--loglevel=INFO", f"--hostname=test-{uuid.uuid4().hex[:8]}@%h"],
        cwd=settings.BASE_DIR, env=env, stdout=open(log, "a"),  # noqa: SIM115
        stderr=subprocess.STDOUT, start_new_session=True)


def stop_worker(worker: subprocess.Popen) -> None:
    """Stopped even when stuck in a job: SIGTERM, then SIGKILL."""
    if worker.poll() is not None:
        return
    os.killpg(worker.pid, signal.SIGTERM)
    try:
        worker.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)
