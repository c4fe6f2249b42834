"""Reports survive what real machines do: two people asking at once, a worker killed
mid-render. These run against the real services (PostgreSQL, Redis, a Celery worker)."""

from __future__ import annotations

import os
import signal
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection

from reports.models import Report
from reports.services import report_request, report_requeue_stale
from tests.services import need_postgres
from tests.workers import start_worker, stop_worker, worker_env

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_people_asking_at_the_same_instant_get_one_report(units, period, media,
                                                              monkeypatch):
    need_postgres()
    from reports import services

    enqueued = []
    monkeypatch.setattr(services, "_enqueue", lambda report: enqueued.append(report.pk))
    barrier = threading.Barrier(8)
    results, errors = [], []

    def ask():
        try:
            barrier.wait()
            results.append(report_request(kind="monthly", period=period,
                                          scope=units["BK"], by=None).pk)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(set(results)) == 1 and Report.objects.count() == 1
    assert len(enqueued) == 1  # one job


def _wait_for(condition, seconds: float, log: Path):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.3)
    raise AssertionError("timed out; worker log:\n" + log.read_text()[-4000:])


def test_killing_the_worker_mid_render_still_ends_in_exactly_one_report(
        units, period, media, tmp_path, settings):
    """The worker takes jobs from the broker this process sends to (Redis in CI, the
    filesystem broker on a bare machine)."""
    from portal.celery import app

    log = tmp_path / "worker.log"
    env = worker_env(CELERY_BROKER_URL=app.conf.broker_url,
                     CELERY_BROKER_DIR=str(settings.BROKER_DIR),
                     PORTAL_PRIVATE_MEDIA_ROOT=str(media), REPORTS_TEST_RENDER_DELAY="6")
    app.conf.task_always_eager = False
    try:
        first = start_worker(env, log)
        report = report_request(kind="monthly", period=period, scope=units["BK"], by=None)
        _wait_for(lambda: Report.objects.get(pk=report.pk).status == "running", 60, log)
        os.killpg(first.pid, signal.SIGKILL)  # mid-render: the job sleeps before writing
        first.wait(timeout=10)
        assert Report.objects.get(pk=report.pk).status == "running"

        env["REPORTS_TEST_RENDER_DELAY"] = "0"
        second = start_worker(env, log)
        try:
            report_requeue_stale(older_than=timedelta(0))
            _wait_for(lambda: Report.objects.get(pk=report.pk).status == "done", 90, log)
            time.sleep(2)  # let any second delivery of the same job finish too
        finally:
            stop_worker(second)
    finally:
        stop_worker(first)
        app.conf.task_always_eager = True
    report = Report.objects.get(pk=report.pk)
    assert Report.objects.count() == 1 and report.number == 1
    files = sorted(p.name for p in Path(media).rglob("*") if p.is_file())
    assert files == [f"{report.pk}-monthly-g1.docx", f"{report.pk}-monthly-g1.pdf"], files
    assert Path(report.pdf.path).read_bytes().startswith(b"%PDF")
