"""The app's figures as charts, drawn by the one renderer (portal.charts) so that the pages
and the PDF reports show the same pictures. Each takes a selector's result."""

from __future__ import annotations

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from portal.charts import (
    BAD,
    GOOD,
    NEUTRAL,
    WARNING,
    Series,
    bar_chart,
    column_chart,
    stacked_bar,
)
from portal.numbers import format_figure

from .models import OpinionReport
from .selectors import OpinionCounts, Slice, UnitCoverage

_PREFIXES = ("Công đoàn bộ phận ", "Tổ công đoàn ", "Công đoàn ")

TOPIC_SHORT = {
    OpinionReport.Topic.POLICY: pgettext_lazy("opinion topic", "Policies"),
    OpinionReport.Topic.PAY: pgettext_lazy("opinion topic", "Pay"),
    OpinionReport.Topic.CONDITIONS: pgettext_lazy("opinion topic", "Conditions"),
    OpinionReport.Topic.TEACHING: pgettext_lazy("opinion topic", "Teaching"),
    OpinionReport.Topic.FACILITIES: pgettext_lazy("opinion topic", "Facilities"),
    OpinionReport.Topic.MISINFORMATION: pgettext_lazy("opinion topic", "Misinformation"),
    OpinionReport.Topic.OTHER: pgettext_lazy("opinion topic", "Other"),
}


# The legend of a composition chart has two columns: long role names are shortened.
ROLE_SHORT = {
    "officer": pgettext_lazy("chart", "Opinion officers"),
    "collaborator": pgettext_lazy("chart", "Collaborators"),
}
HALF = 480  # charts laid out two to a row: two legend columns, text still readable


def unit_label(row: UnitCoverage, limit: int = 34) -> str:
    """"Công đoàn Trường Đại học Bách khoa" -> "Trường Đại học Bách khoa" (charts are narrow)."""
    if row.unit is None:
        return _("All units")
    name = row.unit.name
    for prefix in _PREFIXES:
        if name.startswith(prefix):
            name = name[len(prefix):]
            break
    return name if len(name) <= limit else name[: limit - 1] + "…"


def ratio_chart(rows: list[UnitCoverage]) -> SafeString:
    """Collaborators per 100 members, the target as a dashed line, units below it in red."""
    shown = [row for row in rows if row.per_100 is not None]
    target = rows[0].target if rows else None
    return bar_chart(
        [(unit_label(row), row.per_100 or 0) for row in shown],
        title=_("Collaborators per 100 members (target %(t)s)") % {
            "t": format_figure(target, 1) if target is not None else "—"},
        decimals=1, target=target, width=HALF,
        highlight={unit_label(row) for row in shown if row.below_target})


def trained_chart(rows: list[UnitCoverage]) -> SafeString:
    shown = [row for row in rows if row.trained_share is not None]
    return bar_chart([(unit_label(row), row.trained_share or 0) for row in shown],
                     title=_("Share trained in the last 12 months"), suffix="%",
                     decimals=0, max_value=100, width=HALF)


def composition_chart(slices: list[Slice], title: str) -> SafeString:
    return stacked_bar([(str(ROLE_SHORT.get(s.key, s.label)), s.count)
                        for s in slices if s.count], title=title, width=HALF)


def topic_trend_chart(counts: OpinionCounts) -> SafeString:
    return column_chart(
        [str(TOPIC_SHORT[t.key]) for t in counts.by_topic],
        [Series(_("This period"), [t.current for t in counts.by_topic]),
         Series(_("Previous period"), [t.previous for t in counts.by_topic], color="#9bb3d1")],
        title=_("Opinion reports by topic, this period and the previous one"), width=900)


# Sentiment, urgency and spread are good or bad news: their colours say which.
TONES = {
    OpinionReport.Sentiment.POSITIVE: GOOD, OpinionReport.Sentiment.NEUTRAL: NEUTRAL,
    OpinionReport.Sentiment.NEGATIVE: BAD, OpinionReport.Urgency.NORMAL: NEUTRAL,
    OpinionReport.Urgency.SOON: WARNING, OpinionReport.Urgency.URGENT: BAD,
    OpinionReport.Spread.FEW: NEUTRAL, OpinionReport.Spread.GROUP: WARNING,
    OpinionReport.Spread.WIDESPREAD: BAD,
}


def breakdown_chart(trends, title: str) -> SafeString:
    shown = [t for t in trends if t.current]
    return stacked_bar([(str(t.label), t.current) for t in shown], title=title, width=HALF,
                       colors=[TONES.get(t.key) for t in shown])
