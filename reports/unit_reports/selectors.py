"""Reads of the units' opinion reports: who reported for which month, on time or late,
in a constant number of queries whatever the number of units and months."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import cast

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.periods import months_before

from ..models import UnitReport
from ..models.unit_reports import UnitReportQuerySet, due_on
from .services import first_of_month, reporting_units

ON_TIME, LATE, MISSING, PENDING, DRAFT = "on_time", "late", "missing", "pending", "draft"


# How each state shows in the table: its words and its badge.
SHOWN = {ON_TIME: (_("on time"), "text-bg-success"), LATE: (_("late"), "text-bg-warning"),
         MISSING: (_("not reported"), "text-bg-danger"),
         DRAFT: (_("draft"), "text-bg-light border"),
         PENDING: (_("not yet due"), "text-bg-light border")}


@dataclass(frozen=True)
class Cell:
    month: date
    state: str  # one of ON_TIME, LATE, MISSING (past due, not sent), PENDING, DRAFT
    report_id: int | None = None
    acknowledged: bool = False
    submitted_on: date | None = None
    url: str = ""  # the report's page, when there is one
    label: str = ""
    css: str = ""


@dataclass
class UnitLine:
    unit: object
    cells: list[Cell] = field(default_factory=list)

    def count(self, state: str) -> int:
        return sum(cell.state == state for cell in self.cells)


def months_ending(last: date, count: int) -> list[date]:
    """`count` months ending with `last`'s, oldest first (their first days)."""
    last = first_of_month(last)
    return [months_before(last, n) for n in range(count - 1, -1, -1)]


def last_due_month(today: date) -> date:
    """The latest month whose report is already due or due this month: the previous one."""
    return months_before(first_of_month(today), 1)


def state_of(month: date, row: dict | None, today: date) -> str:
    if row and row["submitted_at"] is not None:
        submitted = timezone.localdate(row["submitted_at"])
        return LATE if submitted > row["due_on"] else ON_TIME
    if today > due_on(month):
        return MISSING
    return DRAFT if row else PENDING


def reporting_table(*, user, months: list[date], today: date | None = None) -> list[UnitLine]:
    """Each reporting unit the user sees, with one cell per month: two queries."""
    today = today or timezone.localdate()
    units = list(reporting_units().filter(pk__in=_visible_unit_ids(user)).order_by("path"))
    # visible_to is typed as returning ScopedQuerySet; it returns this queryset's own class
    visible = cast(UnitReportQuerySet, UnitReport.objects.visible_to(user))
    rows = (visible.periodic()
            .filter(month__in=months, unit__in=units)
            .values("pk", "unit_id", "month", "status", "submitted_at", "due_on"))
    found = {(row["unit_id"], row["month"]): row for row in rows}
    detail = reverse("reports:unit_report_detail", args=[0]).removesuffix("0/")
    shown = {state: (str(label), css) for state, (label, css) in SHOWN.items()}
    lines = []
    for unit in units:
        line = UnitLine(unit)
        for month in months:
            row = found.get((unit.pk, month))
            state = state_of(month, row, today)
            line.cells.append(Cell(
                month, state, row["pk"] if row else None,
                bool(row and row["status"] == UnitReport.Status.ACKNOWLEDGED),
                timezone.localdate(row["submitted_at"]) if row and row["submitted_at"]
                else None, f"{detail}{row['pk']}/" if row else "", *shown[state]))
        lines.append(line)
    return lines


def _visible_unit_ids(user):
    from portal.models import Unit

    return Unit.objects.visible_to(user).values("pk")


def month_summary(lines: list[UnitLine], index: int) -> dict[str, int]:
    """How many units are in each state for one month (a column of the table)."""
    summary = dict.fromkeys((ON_TIME, LATE, MISSING, PENDING, DRAFT), 0)
    for line in lines:
        summary[line.cells[index].state] += 1
    return summary


def to_acknowledge_count() -> int:
    return UnitReport.objects.filter(status=UnitReport.Status.SUBMITTED).count()


def unit_reports_for(user):
    """The reports a person may read, newest first, with what the list shows."""
    return (UnitReport.objects.visible_to(user).select_related("unit")
            .annotate(issue_count=Count("issues", filter=Q(issues__isnull=False)))
            .order_by(*UnitReport._meta.ordering))  # a grouped query drops Meta.ordering
