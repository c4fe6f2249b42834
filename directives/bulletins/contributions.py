"""What official information gives the committee's dashboard (see `portal.contributions`):
the time to orient per union (the median, over the hot topics raised in the period, of the
hours from the first opinion report to the first bulletin answering it), a panel with the
per-topic times, and the version of its tables for the dashboard's cache."""

from __future__ import annotations

from django.urls import reverse
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

#: Past this many hours, the time to orient is shown as weak.
SLOW_HOURS = 72


def _rows(frame: Frame):
    from .selectors import time_to_orient

    return frame.once("bulletins.orient",
                      lambda: time_to_orient(period=frame.period, scope=frame.unit))


def time_to_orient_figures(frame: Frame) -> dict[int, Figure]:
    url = reverse("bulletins:orient")
    figures = {}
    for row in _rows(frame):
        unit = frame.unit if row.unit is None else row.unit
        median = row.median
        figures[unit.pk] = Figure(median, weak=median is not None and median > SLOW_HOURS,
                                  url=url)
    return figures


def orient_panel(frame: Frame):
    return {"rows": _rows(frame)[:1]}


def data_version() -> tuple:
    from .models import Bulletin, BulletinQuestion, BulletinRead, BulletinTopic

    return tuple(table_version(model) for model in (Bulletin, BulletinTopic, BulletinRead,
                                                    BulletinQuestion))


def register() -> None:
    register_indicator(Indicator(
        "time_to_orient", _("Hours to orient"), 60, time_to_orient_figures, decimals=1,
        higher_is_better=False,
        description=_("over 72 hours from the first opinion report to the first answer")))
    register_dashboard_panel(DashboardPanel("orient", _("Time to orient"),
                                            "bulletins/dashboard/_orient.html", 60,
                                            orient_panel))
    register_data_version("bulletins", data_version)
