"""Daily reminders to the officers of grassroots unions whose monthly opinion report is
due within a few working days, or past due and not sent (`portal.reminders` sends each
one once per unit, month and kind)."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from portal.models import Unit, User
from portal.periods import months_before
from portal.workdays import working_days_between

from ..models import UnitReport
from ..models.unit_reports import due_on
from .services import first_of_month, reporting_units


def remind_days() -> int:
    return int(getattr(settings, "UNIT_REPORT_REMIND_DAYS", 3))


def reminders_due(today: date) -> list[tuple[Unit, str, date]]:
    """(unit, kind, month) for every unit to remind today."""
    month = months_before(first_of_month(today), 1)
    due = due_on(month)
    if today > due:
        kind = "overdue"
    elif working_days_between(today, due) <= remind_days():
        kind = "due-soon"
    else:
        return []
    sent = set(UnitReport.objects.periodic().sent().filter(month=month)
               .values_list("unit_id", flat=True))
    return [(unit, kind, month) for unit in reporting_units().order_by("path")
            if unit.pk not in sent]


def send_reminders(*, today: date) -> int:
    from portal.reminders import absolute_url, send_once

    wanted = reminders_due(today)
    officers: dict[int, list] = {}
    for user in User.objects.filter(role=User.Role.OFFICER, is_active=True,
                                    unit__in=[u for u, _k, _m in wanted]):
        officers.setdefault(user.unit_id, []).append(user)
    url = absolute_url(reverse("reports:unit_report_new"))
    count = 0
    with translation.override("vi"):
        for unit, kind, month in wanted:
            if not officers.get(unit.pk):
                continue
            values = {"month": f"{month:%m/%Y}", "due": f"{due_on(month):%d/%m/%Y}",
                      "unit": unit.name, "url": url}
            if kind == "overdue":
                subject = _("The opinion report for %(month)s is late") % values
                body = _("Dear colleague,\n\nThe monthly opinion report of %(unit)s for "
                         "%(month)s was due on %(due)s and has not been sent yet. Please "
                         "send it as soon as possible: %(url)s") % values
            else:
                subject = _("The opinion report for %(month)s is due on %(due)s") % values
                body = _("Dear colleague,\n\nThe monthly opinion report of %(unit)s for "
                         "%(month)s is due on %(due)s. You can draft it now: %(url)s") % values
            count += bool(send_once(item=unit, kind=f"unit-report-{month:%Y-%m}-{kind}",
                                    recipients=officers[unit.pk], subject=subject,
                                    body=body, today=today))
    return count
