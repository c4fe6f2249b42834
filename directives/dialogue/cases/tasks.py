"""Celery tasks of the grievance register: the daily reminder of case deadlines (scheduled
at 07:00 by migration 0003), through `portal.reminders` so each goes out once."""

from __future__ import annotations

from datetime import date
from typing import cast

from celery import shared_task
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

__all__ = ["remind_cases", "send_case_reminders"]


def send_case_reminders(*, today: date | None = None) -> int:
    """Email the person in charge of each open case (or its unit's officers) once when its
    deadline is near, and once when it has passed. Returns how many emails went out. The
    email names the case, never who raised it."""
    from portal.reminders import absolute_url, officers_of, send_once, tracked_reminders

    from ..models.cases import Case
    from .deadlines import remind_days

    today = today or timezone.localdate()
    cases = Case.objects.select_related("unit", "owner")
    sent = 0
    with override("vi"):
        for item, kind in tracked_reminders(cases, today=today,
                                            before_working_days=remind_days()):
            case = cast(Case, item)
            people = [case.owner] if case.owner is not None and case.owner.email \
                else officers_of(case.unit)
            subject = (_("Case overdue: %(title)s") if kind == "overdue"
                       else _("Case due soon: %(title)s")) % {"title": case.title}
            body = _("The case “%(title)s” (%(stage)s) of %(unit)s is due on %(day)s.\n"
                     "%(url)s") % {
                "title": case.title, "stage": case.get_stage_display(),
                "unit": case.unit.name, "day": f"{case.due_on:%d/%m/%Y}",
                "url": absolute_url(reverse("dialogue:case_detail", args=[case.pk]))}
            # A new deadline (verification, follow-up, reopening) reminds again.
            sent += send_once(item=case, kind=f"{kind}-{case.due_on:%Y%m%d}",
                              recipients=people, subject=subject, body=body, today=today)
    return sent


@shared_task(name="dialogue.remind_cases", acks_late=True, soft_time_limit=600,
             time_limit=660)
def remind_cases() -> int:
    return send_case_reminders()
