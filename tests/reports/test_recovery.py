"""Lost report jobs: which ones a sweep sends again, and that it sends each once."""

from datetime import timedelta

import pytest
from django.utils import timezone

from reports import tasks
from reports.models import Report
from reports.services import _claim, report_recover_lost, report_render, report_request

pytestmark = pytest.mark.django_db


class Broker(list):
    """What reached the broker; nothing does while `down` is true."""

    down = False

    def publish(self, task, *args):
        if self.down:
            raise ConnectionRefusedError("broker down")
        self.append(args)


@pytest.fixture
def sent(monkeypatch):
    broker = Broker()
    monkeypatch.setattr(tasks, "publish", broker.publish)
    return broker


def ask(units, period, run_jobs):
    return run_jobs(report_request, kind="monthly", period=period, scope=units["BK"], by=None)


def age(report, **fields):
    Report.objects.filter(pk=report.pk).update(**fields)
    report.refresh_from_db()


def test_a_job_the_broker_never_got_is_sent_once_by_the_next_sweeps(units, period, run_jobs,
                                                                   sent):
    sent.down = True
    report = ask(units, period, run_jobs)
    report.refresh_from_db()
    assert report.status == "queued" and report.sent_at is None and sent == []
    sent.down = False
    assert report_recover_lost() == 0  # asked for seconds ago: the request may still send it
    age(report, updated_at=timezone.now() - timedelta(seconds=10))
    assert report_recover_lost() == 1 and report_recover_lost() == 0
    assert sent == [(report.pk, 1)]


def test_asking_again_for_a_job_never_sent_sends_it(units, period, run_jobs, sent):
    sent.down = True
    first = ask(units, period, run_jobs)
    sent.down = False
    again = ask(units, period, run_jobs)
    assert again.pk == first.pk and sent == [(first.pk, 1)]
    again.refresh_from_db()
    assert again.sent_at is not None


def test_a_running_job_is_sent_again_only_when_its_worker_stopped_renewing(
        units, period, run_jobs, sent, settings):
    settings.REPORTS_LEASE_SECONDS = 30
    report = ask(units, period, run_jobs)
    sent.clear()
    assert _claim(report.pk, 1) is not None  # a worker took it
    assert report_recover_lost() == 0 and sent == []
    assert _claim(report.pk, 1) is None  # a second delivery leaves it to the live worker
    age(report, claimed_at=timezone.now() - timedelta(seconds=31))  # the worker was killed
    assert report_recover_lost() == 1 and report_recover_lost() == 0
    report.refresh_from_db()
    assert report.status == "queued" and sent == [(report.pk, 1)]
    assert _claim(report.pk, 1).number == 1  # the new delivery keeps the number


def test_a_job_sent_long_ago_and_still_queued_is_sent_again(units, period, run_jobs, sent,
                                                            settings):
    settings.REPORTS_RESEND_SECONDS = 45
    report = ask(units, period, run_jobs)
    sent.clear()
    age(report, sent_at=timezone.now() - timedelta(seconds=20))
    assert report_recover_lost() == 0
    age(report, sent_at=timezone.now() - timedelta(seconds=50))
    busy = ask_another(units, period, run_jobs)
    sent.clear()
    assert _claim(busy.pk, 1) is not None  # a worker is rendering another report
    assert report_recover_lost() == 0  # so the queued one is waiting its turn, not lost
    Report.objects.filter(pk=busy.pk).update(status="done", rendered_generation=1)
    assert report_recover_lost() == 1 and sent == [(report.pk, 1)]


def ask_another(units, period, run_jobs):
    return run_jobs(report_request, kind="monthly", period=period, scope=units["KHTN"],
                    by=None)


def test_a_render_that_fails_once_is_retried_and_done(units, period, media, run_jobs,
                                                      monkeypatch):
    """The failed attempt gives its claim back: the retry is not taken for a second
    delivery of a job a live worker holds."""
    from reports import render_pdf

    real, calls = render_pdf.render_pdf, []

    def flaky(doc):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("font cache busy")
        return real(doc)

    monkeypatch.setattr(render_pdf, "render_pdf", flaky)
    report = ask(units, period, run_jobs)
    report.refresh_from_db()
    assert report.status == "queued" and report.claimed_at is None  # its retry is due
    report_render(report_id=report.pk, generation=1)  # the retry's delivery
    report.refresh_from_db()
    assert (len(calls), report.status, report.number) == (2, "done", 1)
