from datetime import date

import pytest
from django.core import mail

from portal.home import todos_for
from reports.models import UnitReport
from reports.unit_reports.reminders import reminders_due, send_reminders
from reports.unit_reports.services import unit_report_submit

pytestmark = pytest.mark.django_db


def test_officers_are_reminded_before_and_after_the_due_day_once(accounts, units, draft):
    # 3 November: October's report is due on the 5th, within three working days.
    assert {(u.code, k) for u, k, _m in reminders_due(date(2026, 11, 3))} >= {
        ("BK", "due-soon"), ("KHTN", "due-soon")}
    sent = send_reminders(today=date(2026, 11, 3))
    assert sent >= 2
    to = {address for message in mail.outbox for address in message.to}
    assert accounts["officer"].email in to and accounts["officer2"].email in to
    assert "hạn nộp ngày 05/11/2026" in mail.outbox[0].subject
    assert send_reminders(today=date(2026, 11, 3)) == 0  # once
    unit_report_submit(report=draft, by=accounts["officer"])
    mail.outbox.clear()
    assert send_reminders(today=date(2026, 11, 10)) >= 1  # KHTN is late, BK has sent
    to = {address for message in mail.outbox for address in message.to}
    assert accounts["officer2"].email in to and accounts["officer"].email not in to
    assert "quá hạn" in mail.outbox[0].subject


def test_before_the_due_day_it_is_due_soon_after_it_overdue(accounts, units):
    assert all(kind == "overdue" for _u, kind, _m in reminders_due(date(2026, 11, 20)))
    assert {k for _u, k, _m in reminders_due(date(2026, 11, 2))} == {"due-soon"}


def test_the_daily_task_runs(accounts, units):
    from reports.tasks import unit_report_reminders

    assert unit_report_reminders.apply().get() >= 0


def test_home_todos(accounts, units, draft):
    labels = [str(t.label) for t in todos_for(accounts["officer"])]
    assert any("Báo cáo dư luận tháng" in label and "hạn nộp" in label for label in labels)
    assert not any("chờ ghi nhận" in str(t.label) for t in todos_for(accounts["committee"]))
    unit_report_submit(report=draft, by=accounts["officer"])
    assert any("chờ ghi nhận" in str(t.label) for t in todos_for(accounts["committee"]))
    assert UnitReport.objects.sent().count() == 1
