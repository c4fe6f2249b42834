"""What the good-practice library gives the committee's dashboard (see
`portal.contributions`): practices published and adoptions recorded per unit in the
period, the most adopted practices, and the version of its tables for the cache."""

from __future__ import annotations

from urllib.parse import urlencode

from django.db.models import Count, Max, Q
from django.urls import reverse
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


def library_link(unit) -> str:
    pk = Frame.link_unit(unit)
    return reverse("practices:library") + (f"?{urlencode({UNIT_PARAM: pk})}" if pk else "")


def _counts(frame: Frame, key: str, queryset, unit_path: str, moment: str) -> dict[int, dict]:
    def read():
        start, end = frame.period.bounds
        previous_start, _ = frame.period.previous.bounds
        rows = queryset.filter(**{f"{moment}__gte": previous_start, f"{moment}__lt": end})
        return counts_by_branch(rows, unit_path=unit_path, scope=frame.unit,
                                children=frame.children,
                                now=Count("pk", filter=Q(**{f"{moment}__gte": start})),
                                before=Count("pk", filter=Q(**{f"{moment}__lt": start})))

    return frame.once(key, read)


def _figures(frame: Frame, counts: dict[int, dict]) -> dict[int, Figure]:
    return {unit.pk: Figure(counts.get(unit.pk, {}).get("now", 0),
                            counts.get(unit.pk, {}).get("before", 0),
                            url=library_link(unit))
            for unit in frame.everyone}


def published(frame: Frame) -> dict[int, Figure]:
    from .models import Practice

    return _figures(frame, _counts(frame, "practices.published", Practice.objects.published(),
                                   "unit__path", "published_at"))


def adopted(frame: Frame) -> dict[int, Figure]:
    from .models import Adoption

    return _figures(frame, _counts(frame, "practices.adopted", Adoption.objects.all(),
                                   "unit__path", "created_at"))


def most_adopted_panel(frame: Frame) -> dict:
    from .selectors import most_adopted

    return {"practices": most_adopted(5, within=frame.unit)}


def data_version() -> tuple:
    from .models import Adoption, Practice

    return (table_version(Practice, at=Max("updated_at")), table_version(Adoption))


def register() -> None:
    register_indicator(Indicator("practices_published", _("Good practices published"), 110,
                                 published))
    register_indicator(Indicator("practices_adopted", _("Good practices adopted"), 111,
                                 adopted))
    register_dashboard_panel(DashboardPanel("practices", _("Most adopted good practices"),
                                            "practices/dashboard/_most_adopted.html", 110,
                                            most_adopted_panel))
    register_data_version("practices", data_version)
