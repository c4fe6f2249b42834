"""The units' opinion reports on the home page: an officer's report to send (with its due
date), the committee's reports to acknowledge."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.home import Todo, register_todos
from portal.models import Unit
from portal.periods import months_before

from ..models import UnitReport
from ..models.unit_reports import due_on
from .services import first_of_month


@register_todos
def unit_report_todos(user) -> list[Todo]:
    if user.is_committee:
        waiting = UnitReport.objects.filter(status=UnitReport.Status.SUBMITTED).count()
        if not waiting:
            return []
        return [Todo(_("Units’ opinion reports to acknowledge"),
                     reverse("reports:unit_report_list") + "?status=submitted", waiting,
                     "info")]
    if not user.is_officer or user.unit is None or user.unit.kind != Unit.Kind.GRASSROOTS:
        return []
    today = timezone.localdate()
    month = months_before(first_of_month(today), 1)
    report = UnitReport.objects.periodic().filter(unit=user.unit_id, month=month).first()
    if report is not None and not report.is_draft:
        return []
    due = due_on(month)
    label = _("Opinion report for %(month)s due on %(due)s") % {
        "month": f"{month:%m/%Y}", "due": f"{due:%d/%m/%Y}"}
    url = (reverse("reports:unit_report_edit", args=[report.pk]) if report
           else reverse("reports:unit_report_new"))
    return [Todo(label, url, 0, "danger" if today > due else "warning")]
