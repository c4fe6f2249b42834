"""A real Celery worker, started by the test, takes a real task through a real broker."""

from __future__ import annotations

import subprocess
import time
import uuid
from pathlib import Path

import pytest
from celery import Celery
from django.urls import reverse

from tests.services import need_redis
from tests.workers import start_worker, stop_worker, worker_env

pytestmark = pytest.mark.django_db(transaction=True)


def _start_worker(env_extra: dict[str, str], tmp_path: Path) -> subprocess.Popen:
    return start_worker(worker_env(**env_extra, WORKER_HEARTBEAT_SECONDS="1"),
                        tmp_path / "worker.log")


def _round_trip(client_app: Celery, worker: subprocess.Popen, tmp_path: Path, client) -> None:
    try:
        token = uuid.uuid4().hex
        result = client_app.send_task("portal.ping", args=[token])
        assert result.get(timeout=60) == f"pong:{token}"
        # The worker's heartbeat reached the database, so /healthz calls it alive.
        deadline = time.monotonic() + 30
        state = {}
        while time.monotonic() < deadline:
            state = client.get(reverse("healthz")).json()
            if state["worker"] == "up":
                break
            time.sleep(0.5)
        assert state["worker"] == "up", (tmp_path / "worker.log").read_text()
    finally:
        stop_worker(worker)


def test_task_round_trip_through_the_embedded_filesystem_broker(tmp_path, client):
    broker_dir = tmp_path / "broker"
    results = tmp_path / "results"
    results.mkdir()
    env = {"CELERY_BROKER_URL": "filesystem://", "CELERY_BROKER_DIR": str(broker_dir),
           "CELERY_RESULT_BACKEND": f"file://{results}"}
    worker = _start_worker(env, tmp_path)
    folders = {name: str(broker_dir / sub) for name, sub in (
        ("data_folder_in", "queue"), ("data_folder_out", "queue"),
        ("control_folder", "control"))}
    for folder in folders.values():
        Path(folder).mkdir(parents=True, exist_ok=True)
    client_app = Celery(broker="filesystem://", backend=f"file://{results}", set_as_current=False)
    client_app.conf.broker_transport_options = folders
    _round_trip(client_app, worker, tmp_path, client)


def test_task_round_trip_through_redis(tmp_path, client):
    redis_url = need_redis()
    base = redis_url.rsplit("/", 1)[0]
    broker, backend = f"{base}/14", f"{base}/15"
    worker = _start_worker({"CELERY_BROKER_URL": broker, "CELERY_RESULT_BACKEND": backend},
                           tmp_path)
    # Not the current app: shared tasks of later tests must keep using the portal's app.
    _round_trip(Celery(broker=broker, backend=backend, set_as_current=False), worker,
                tmp_path, client)
