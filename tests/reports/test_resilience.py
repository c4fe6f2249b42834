"""Reports survive what real machines do: two people asking at once, a worker killed
mid-render. These run against the real services (PostgreSQL, Redis, a Celery worker)."""

from __future__ import annotations

import os
import signal
import socket
import threading
import time
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse

from reports.models import Report
from reports.services import report_request
from tests.services import need_postgres, need_redis
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
    """No beat and no manual sweep: the new worker finds the job whose worker stopped
    renewing its lease, within a minute of starting. The worker takes jobs from the broker
    this process sends to (Redis in CI, the filesystem broker on a bare machine)."""
    from portal.celery import app

    log = tmp_path / "worker.log"
    env = worker_env(CELERY_BROKER_URL=app.conf.broker_url,
                     CELERY_BROKER_DIR=str(settings.BROKER_DIR),
                     PORTAL_PRIVATE_MEDIA_ROOT=str(media), REPORTS_TEST_RENDER_DELAY="8")
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
            _wait_for(lambda: Report.objects.get(pk=report.pk).status == "done", 60, log)
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


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_report_asked_for_while_the_broker_is_down_answers_at_once_and_is_done_later(
        units, accounts, client_for, period, media, tmp_path, settings):
    """Redis down: the request answers at once with the report queued, asking again does
    too; once the broker is back, a worker started with it sends and renders the job
    within a minute, with no beat."""
    redis = need_redis()
    from portal.celery import app

    broker = (settings.CELERY_BROKER_URL if settings.CELERY_BROKER_URL.startswith("redis")
              else redis.rsplit("/", 1)[0] + "/14")
    client = client_for(accounts["committee"])
    form = {"kind": "monthly", "scope": units["CDDHQG"].pk, "period_start": "20/09/2026",
            "period_end": "19/10/2026"}
    down, eager = f"redis://127.0.0.1:{_closed_port()}/0", app.conf.task_always_eager
    app.conf.broker_url, app.conf.task_always_eager = down, False
    log = tmp_path / "worker.log"
    try:
        started = time.monotonic()
        response = client.post(reverse("reports:new"), form)
        again = client.post(reverse("reports:new"), form)
        took = time.monotonic() - started
        assert response.status_code == again.status_code == 302
        assert took < 5, took  # two requests, each bounded by one short connection attempt
        report = Report.objects.get()
        assert report.status == "queued" and report.sent_at is None
        assert again.url == response.url == report.get_absolute_url()
        page = client.get(response.url).content.decode()
        assert "Đang chờ" in page and "không cần yêu cầu lại" in page

        worker = start_worker(worker_env(CELERY_BROKER_URL=broker,
                                         PORTAL_PRIVATE_MEDIA_ROOT=str(media)), log)
        try:
            _wait_for(lambda: Report.objects.get(pk=report.pk).status == "done", 60, log)
        finally:
            stop_worker(worker)
    finally:
        app.conf.broker_url, app.conf.task_always_eager = settings.CELERY_BROKER_URL, eager
    report.refresh_from_db()
    assert report.number is None  # the university's monthly report: a draft until issued
    assert Path(report.pdf.path).read_bytes().startswith(b"%PDF")
