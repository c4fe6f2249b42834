"""What surveys give the committee's dashboard (see `portal.contributions`): the response
rate of each unit's members across the surveys that ran in the period, the list of those
surveys, and the version of the tables behind them for the dashboard's cache."""

from __future__ import annotations

from django.db.models import Count, Max, Q
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

WEAK_RESPONSE_RATE = 50.0  # percent of invited members who answered


def activity(frame: Frame):
    from .selectors import survey_activity

    return frame.once("surveys.activity", lambda: survey_activity(
        start=frame.period.start, end=frame.period.end, scope=frame.unit))


def response_rate(frame: Frame) -> dict[int, Figure]:
    """A rate of invitations: no list of them to open, so no link; the surveys themselves
    are listed in the panel beside the table."""
    running = activity(frame)
    rates = {r.unit_id: (r.rate, r.invited) for r in running.unit_rates}
    rates[frame.unit.pk] = (running.rate, running.invited)
    figures = {}
    for unit in frame.everyone:
        rate, invited = rates.get(unit.pk, (None, 0))
        figures[unit.pk] = Figure(rate if invited else None,
                                  weak=bool(invited and rate < WEAK_RESPONSE_RATE))
    return figures


def running_panel(frame: Frame) -> dict:
    return {"activity": activity(frame), "weak_below": WEAK_RESPONSE_RATE}


def data_version() -> tuple:
    from .models import Invitation, Survey

    return (table_version(Survey, opens=Max("opens_at"), closes=Max("closes_at"),
                          open=Count("pk", filter=Q(status="open")),
                          closed=Count("pk", filter=Q(status="closed"))),
            table_version(Invitation, ordered_key=False,
                          used=Count("pk", filter=Q(used=True))))


def register() -> None:
    from . import report_document, report_parts

    report_parts.register()
    report_document.register()
    register_indicator(Indicator(
        "survey_rate", _("Survey response rate"), 60, response_rate, suffix="%", decimals=1,
        description=_("under half of invited members answering surveys")))
    register_dashboard_panel(DashboardPanel("surveys", _("Surveys running in the period"),
                                  "surveys/dashboard/_running.html", 30, running_panel))
    register_data_version("surveys", data_version)
