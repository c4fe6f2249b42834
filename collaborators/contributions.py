"""What the opinion network gives the committee's dashboard and reports (see
`portal.contributions`): coverage and training per unit, opinion reports and the urgent ones,
with the change from the previous period; the coverage and hot-topics charts; the version of
its tables for the dashboard's cache."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from portal.contributions import (
    DashboardPanel,
    Figure,
    Frame,
    Indicator,
    counts_by_branch,
    register_dashboard_panel,
    register_data_version,
    register_indicator,
    table_version,
)
from portal.filters import UNIT_PARAM
from portal.numbers import format_figure

WEAK_TRAINED_SHARE = 50.0  # percent of collaborators trained in the last 12 months


def link(name: str, **params) -> str:
    """A list's address with its filters. None leaves a parameter out; "" is kept
    (status="" asks the report queue for every status)."""
    query = urlencode({k: v for k, v in params.items() if v is not None})
    return reverse(name) + (f"?{query}" if query else "")


def coverage(frame: Frame) -> dict:
    """Coverage of the frame's unit and of each child with its subtree, read once."""
    from .selectors import coverage_by_unit

    return frame.once("collaborators.coverage", lambda: {
        c.unit.pk: c for c in coverage_by_unit(frame.everyone, on=frame.period.end)})


def _active(unit) -> dict:
    from .models import Collaborator

    return {UNIT_PARAM: Frame.link_unit(unit), "status": Collaborator.Status.ACTIVE}


def members(frame: Frame) -> dict[int, Figure]:
    return {pk: Figure(c.members, weak=not c.members) for pk, c in coverage(frame).items()}


def per_100(frame: Frame) -> dict[int, Figure]:
    # No change shown: collaborator counts have no history to compare with.
    return {c.unit.pk: Figure(c.per_100, weak=c.below_target or c.per_100 is None,
                              url=link("collaborators:list", **_active(c.unit)))
            for c in coverage(frame).values()}


def trained(frame: Frame) -> dict[int, Figure]:
    """The share of active collaborators trained in the 12 months before the period's end;
    its link opens exactly them (the window ends with the period; today's is the default)."""
    end = frame.period.end
    on = end.isoformat() if end != timezone.localdate() else None
    return {c.unit.pk: Figure(c.trained_share,
                              weak=c.trained_share is not None
                              and c.trained_share < WEAK_TRAINED_SHARE,
                              url=link("collaborators:list", **_active(c.unit), trained="yes",
                                       on=on))
            for c in coverage(frame).values()}


def _opinion_counts(frame: Frame) -> dict[int, dict]:
    """Reports this period, last period, and urgent or widespread ones this period, for the
    frame's unit and each child with its subtree: one grouped scan of the two periods."""
    from .models import OpinionReport

    def read():
        start, end = frame.period.bounds
        previous_start, _ = frame.period.previous.bounds
        now = Q(created_at__gte=start)
        reports = OpinionReport.objects.filter(created_at__gte=previous_start,
                                               created_at__lt=end)
        return counts_by_branch(
            reports, unit_path="unit__path", scope=frame.unit, children=frame.children,
            now=Count("pk", filter=now), before=Count("pk", filter=Q(created_at__lt=start)),
            urgent=Count("pk", filter=OpinionReport.needs_attention() & now))

    return frame.once("collaborators.opinions", read)


def _filed(frame: Frame, unit) -> dict:
    """The reports counted: every status, filed in the period."""
    return {UNIT_PARAM: Frame.link_unit(unit), "status": "",
            "start": frame.period.start.isoformat(), "end": frame.period.end.isoformat()}


def opinions(frame: Frame) -> dict[int, Figure]:
    counts = _opinion_counts(frame)
    figures = {}
    for unit in frame.everyone:
        row = counts.get(unit.pk, {})
        figures[unit.pk] = Figure(row.get("now", 0), row.get("before", 0),
                                  weak=not row.get("now", 0),
                                  url=link("collaborators:report_list", **_filed(frame, unit)))
    return figures


def urgent(frame: Frame) -> dict[int, Figure]:
    counts = _opinion_counts(frame)
    return {unit.pk: Figure(counts.get(unit.pk, {}).get("urgent", 0),
                            url=link("collaborators:report_list", **_filed(frame, unit),
                                     attention="1"))
            for unit in frame.everyone}


def coverage_panel(frame: Frame) -> dict:
    from .charts import ratio_chart

    rows = [c for pk, c in coverage(frame).items() if pk != frame.unit.pk]
    return {"chart": ratio_chart(rows) if rows else ""}


@dataclass(frozen=True)
class TopicsPanel:
    """The period's opinion counts with their chart; reads through to the counts
    (`board.opinions.by_topic`)."""

    counts: Any
    chart: str

    def __getattr__(self, name: str):
        if name.startswith("__") or name in ("counts", "chart"):
            raise AttributeError(name)
        return getattr(self.counts, name)


def topics_panel(frame: Frame) -> TopicsPanel:
    from .charts import topic_trend_chart
    from .selectors import opinion_report_counts

    counts = opinion_report_counts(period=frame.period, unit=frame.unit)
    return TopicsPanel(counts, topic_trend_chart(counts)
                       if counts.total.current or counts.total.previous else "")


def data_version() -> tuple:
    from .models import Attendance, Collaborator, OpinionReport, Training

    return (table_version(Collaborator, at=Max("updated_at")),
            *(table_version(model) for model in (Training, Attendance, OpinionReport)))


def register() -> None:
    from . import report_parts

    report_parts.register()
    from .selectors import target_per_100

    register_indicator(Indicator("members", _("Members"), 10, members,
                                 description=_("no member count")))
    register_indicator(Indicator(
        "per_100", _("Collaborators per 100 members"), 20, per_100, decimals=1,
        description=format_lazy(_("below {target} collaborators per 100 members"),
                                target=format_figure(target_per_100(), 1))))
    register_indicator(Indicator("trained", _("Trained in 12 months"), 30, trained,
                                 suffix="%",
                                 description=_("under half trained in 12 months")))
    register_indicator(Indicator("opinions", _("Opinion reports"), 40, opinions,
                                 description=_("no opinion report in the period")))
    register_indicator(Indicator("urgent", _("Urgent or widespread"), 50, urgent,
                                 higher_is_better=False))
    register_dashboard_panel(DashboardPanel("coverage", _("Collaborators per 100 members"),
                                  "collaborators/dashboard/_coverage.html", 10, coverage_panel))
    register_dashboard_panel(DashboardPanel("opinions", _("Hot topics"),
                                  "collaborators/dashboard/_topics.html", 20, topics_panel))
    register_data_version("collaborators", data_version)
