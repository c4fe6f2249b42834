"""Celery tasks of the directives app, run once a day by beat (see the migration that
schedules them): open the next period's rows of recurring tasks, and remind the units'
officers before and after each due date."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from portal.reminders import absolute_url, officers_of, send_once, tracked_reminders

from .models import Directive, TaskProgress
from .services import progress_open_periods


def remind_before_working_days() -> int:
    return getattr(settings, "DIRECTIVES_REMIND_BEFORE_WORKING_DAYS", 3)


@shared_task(name="directives.open_periods", acks_late=True, soft_time_limit=600,
             time_limit=660)
def open_periods() -> int:
    return progress_open_periods()


def _message(item: TaskProgress, kind: str) -> tuple[str, str]:
    task = item.task
    values = {"number": task.directive.number, "n": task.number, "title": task.title,
              "unit": item.unit.name, "day": f"{item.due_on:%d/%m/%Y}",
              "url": absolute_url(item.get_absolute_url())}
    if kind == "overdue":
        subject = _("Overdue: task %(n)s of directive %(number)s") % values
        lead = _("The task below was due on %(day)s and is not done yet.") % values
    else:
        subject = _("Due on %(day)s: task %(n)s of directive %(number)s") % values
        lead = _("The task below is due on %(day)s.") % values
    body = "\n\n".join([
        _("Dear officers of %(unit)s,") % values, lead,
        _("Task %(n)s of directive %(number)s: %(title)s") % values,
        _("Please report its progress and evidence in the portal: %(url)s") % values])
    return subject, body


@shared_task(name="directives.send_reminders", acks_late=True, soft_time_limit=600,
             time_limit=660)
def send_reminders(today_iso: str | None = None) -> int:
    """Email each unit's officers once before a task's due date and once after it."""
    from datetime import date

    today = date.fromisoformat(today_iso) if today_iso else timezone.localdate()
    rows = (TaskProgress.objects.filter(task__directive__status=Directive.Status.PUBLISHED)
            .select_related("unit", "task__directive"))
    sent = 0
    with override("vi"):
        for item, kind in tracked_reminders(rows, today=today,
                                            before_working_days=remind_before_working_days()):
            assert isinstance(item, TaskProgress)
            subject, body = _message(item, kind)
            sent += send_once(item=item, kind=kind, recipients=officers_of(item.unit),
                              subject=subject, body=body, today=today)
    return sent
