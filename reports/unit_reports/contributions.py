"""What the units' opinion reports give the dashboard (see `portal.contributions`): the
share of grassroots unions that sent the last due monthly report on time, a panel naming
those that have not, and the version of the table for the dashboard's cache."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.contributions import (
    DashboardPanel,
    Figure,
    Frame,
    Indicator,
    register_dashboard_panel,
    register_data_version,
    register_indicator,
    table_version,
)
from portal.models import PATH_STEP
from portal.numbers import percent
from portal.periods import months_before

from ..models import UnitReport
from ..models.unit_reports import due_on
from .selectors import LATE, MISSING, ON_TIME, state_of
from .services import first_of_month, reporting_units


def month_due_by(day: date) -> date:
    """The latest month whose report was due on or before `day`."""
    month = months_before(first_of_month(day), 1)
    return month if due_on(month) <= day else months_before(month, 1)


@dataclass
class Reporting:
    month: date | None
    due: date | None
    states: dict[int, str] = field(default_factory=dict)  # unit id -> state
    units: list = field(default_factory=list)

    @property
    def summary(self) -> dict[str, int]:
        found = dict.fromkeys((ON_TIME, LATE, MISSING), 0)
        for state in self.states.values():
            found[state] = found.get(state, 0) + 1
        return found

    @property
    def missing(self) -> list:
        return [u for u in self.units if self.states.get(u.pk) == MISSING]


def reporting(frame: Frame) -> Reporting:
    """Each reporting unit of the frame's subtree and the state of its report for the last
    due month: two queries."""

    def build() -> Reporting:
        month = month_due_by(min(frame.period.end, timezone.localdate()))
        units = list(reporting_units().filter(path__startswith=frame.unit.path)
                     .order_by("path"))
        rows = {row["unit_id"]: row for row in UnitReport.objects.periodic().filter(
            month=month, unit__in=units).values("unit_id", "submitted_at", "due_on")}
        today = max(frame.period.end, due_on(month))
        return Reporting(month, due_on(month),
                         {u.pk: state_of(month, rows.get(u.pk), today) for u in units}, units)

    return frame.once("reports.unit_reporting", build)


def on_time_share(frame: Frame) -> dict[int, Figure]:
    data = reporting(frame)
    width = len(frame.unit.path) + PATH_STEP
    url = reverse("reports:unit_report_status")
    branches: dict[int, list[str]] = {frame.unit.pk: list(data.states.values())}
    by_path = {child.path: child.pk for child in frame.children}
    for unit in data.units:
        child = by_path.get(unit.path[:width])
        if child is not None:
            branches.setdefault(child, []).append(data.states[unit.pk])
    figures = {}
    for pk, states in branches.items():
        if not states:
            continue
        share = percent(sum(s == ON_TIME for s in states), len(states))
        figures[pk] = Figure(share, weak=MISSING in states, url=url)
    return figures


def register() -> None:
    register_indicator(Indicator(
        "unit_reports_on_time", _("Monthly reports on time"), order=80, compute=on_time_share,
        suffix="%", decimals=0,
        description=_("Monthly reports on time: weak when a grassroots union has not sent "
                      "the last due monthly opinion report.")))
    register_dashboard_panel(DashboardPanel(
        "unit_reports", _("Units’ monthly opinion reports"),
        "reports/unit_reports/_panel.html", order=80, context=reporting))
    register_data_version("reports-units", lambda: table_version(UnitReport))
