"""What the grievance register gives the committee's dashboard: cases answered within the
deadline, overdue cases, the median working days to answer; and its data version."""

from __future__ import annotations

from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from portal.contributions import (
    Figure,
    Indicator,
    counts_by_branch,
    register_data_version,
    register_indicator,
    table_version,
)
from portal.filters import UNIT_PARAM
from portal.numbers import percent
from portal.tracking import overdue_indicator

from ..models.cases import Case, CaseEntry
from .selectors import medians_by_branch

WEAK_IN_TIME_BELOW = 80


def queue_url(unit_id: int | None, which: str) -> str:
    params: dict[str, str] = {UNIT_PARAM: str(unit_id)} if unit_id else {}
    if which == "overdue":
        params["overdue"] = "on"
    query = urlencode(params)
    return reverse("dialogue:case_queue") + (f"?{query}" if query else "")


def _answered(frame):
    return Case.objects.filter(answered_on__gte=frame.period.start,
                               answered_on__lte=frame.period.end)


def in_time(frame) -> dict:
    counts = counts_by_branch(_answered(frame), unit_path="unit__path", scope=frame.unit,
                              children=frame.children, answered=Count("pk"),
                              in_time=Count("pk", filter=Q(answered_in_time=True)))
    figures = {}
    for unit in frame.everyone:
        row = counts.get(unit.pk, {"answered": 0, "in_time": 0})
        share = percent(row["in_time"], row["answered"])
        figures[unit.pk] = Figure(share, weak=share is not None and share < WEAK_IN_TIME_BELOW,
                                  url=queue_url(frame.link_unit(unit), ""))
    return figures


def median_days(frame) -> dict:
    medians = medians_by_branch(_answered(frame), scope=frame.unit, field="answer_days")
    return {unit.pk: Figure(medians.get("" if unit.pk == frame.unit.pk else unit.path),
                            url=queue_url(frame.link_unit(unit), ""))
            for unit in frame.everyone}


def data_version() -> tuple:
    return (table_version(Case, ordered_key=False, at=Max("updated_at")),
            table_version(CaseEntry))


def register() -> None:
    register_indicator(Indicator(
        "cases_in_time", _("Cases answered within the deadline"), 340, in_time, suffix="%",
        decimals=0, description=_("fewer than four in five of the cases answered in the "
                                  "period were answered within the deadline")))
    register_indicator(overdue_indicator(key="cases_overdue", label=_("Cases overdue"),
                                         order=350, model=Case, list_url=queue_url))
    register_indicator(Indicator(
        "cases_median_days", _("Median working days to answer a case"), 360, median_days,
        decimals=1, higher_is_better=False))
    register_data_version("dialogue_cases", data_version)


__all__ = ["queue_url", "register"]
