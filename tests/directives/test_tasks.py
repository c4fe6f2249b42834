"""The daily jobs: reminders before and after the due date, each once; the next period."""

from datetime import date

import pytest
from django.core import mail

from directives.models import TaskProgress
from directives.tasks import open_periods, send_reminders

pytestmark = pytest.mark.django_db


def _only_bk(directive):
    """Leave the BK rows of task 1 (due 31/03/2026) open, every other row done."""
    rows = TaskProgress.objects.filter(task__directive=directive)
    rows.exclude(unit__code="BK", task__number=1).update(status="done",
                                                         completed_on=date(2026, 3, 2))


def test_the_units_officers_are_reminded_before_the_due_date_once(published, accounts):
    _only_bk(published)
    assert send_reminders("2026-03-20") == 0  # more than 3 working days ahead
    assert send_reminders("2026-03-26") == 1
    assert [m.to for m in mail.outbox] == [[accounts["officer"].email]]
    message = mail.outbox[0]
    assert "Đến hạn ngày 31/03/2026" in message.subject
    assert "Kiện toàn mạng lưới cộng tác viên" in message.body
    assert "/chi-dao/tien-do/" in message.body
    assert send_reminders("2026-03-27") == 0
    assert len(mail.outbox) == 1


def test_and_once_after_it(published, accounts):
    _only_bk(published)
    assert send_reminders("2026-04-02") == 1
    assert "Quá hạn" in mail.outbox[0].subject
    assert send_reminders("2026-04-03") == 0
    assert len(mail.outbox) == 1


def test_nothing_is_sent_for_a_done_task(published, accounts):
    TaskProgress.objects.filter(task__directive=published).update(
        status="done", completed_on=date(2026, 3, 2))
    assert send_reminders("2026-04-02") == 0
    assert mail.outbox == []


def test_the_daily_job_opens_the_current_period(published):
    # Today is long after March 2026: the monthly task's current month opens now.
    before = TaskProgress.objects.filter(task__directive=published, task__number=2).count()
    opened = open_periods()
    assert opened == before
    assert open_periods() == 0
