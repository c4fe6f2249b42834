"""The daily reminder of follow-up actions: the owner (and, once overdue, the unit's
officers) get one email per action and kind; a second run sends nothing more."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from directives.meetings.tasks import send_action_reminders

from .factories import make_action, make_meeting

pytestmark = pytest.mark.django_db


def test_overdue_and_due_soon_actions_are_reminded_once(units, accounts, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    today = timezone.localdate()
    meeting = make_meeting(units["BK"], day=today - timedelta(days=30))
    late = make_action(meeting, accounts["member"], due_on=today - timedelta(days=2),
                       title="Báo cáo quá hạn")
    make_action(meeting, accounts["member"], due_on=today + timedelta(days=1),
                title="Sắp đến hạn")
    make_action(meeting, accounts["member"], due_on=today + timedelta(days=30),
                title="Còn lâu")
    make_action(meeting, accounts["member"], due_on=today - timedelta(days=2),
                status="done", title="Đã xong")
    assert send_action_reminders.delay().get() == 2
    subjects = sorted(m.subject for m in mail.outbox)
    assert any("quá hạn: Báo cáo quá hạn" in s for s in subjects)
    assert any("sắp đến hạn: Sắp đến hạn" in s for s in subjects)
    assert not any("Còn lâu" in s or "Đã xong" in s for s in subjects)
    to = {address for m in mail.outbox if "Báo cáo quá hạn" in m.subject for address in m.to}
    assert {accounts["member"].email, accounts["officer"].email} <= to
    assert f"/giao-ban/viec/{late.pk}/" in mail.outbox[0].body + mail.outbox[-1].body
    sent = len(mail.outbox)
    assert send_action_reminders.delay().get() == 0
    assert len(mail.outbox) == sent


def test_the_schedule_runs_once_a_day():
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.get(task="meetings.remind_actions")
    assert (task.crontab.hour, task.crontab.minute) == ("7", "0")
