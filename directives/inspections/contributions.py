"""What inspections and reviews give the committee's dashboard and reports (see
`portal.contributions`): overdue recommendations per unit, open recommendations by age and
the latest ratings (panels), the reviews' part of the periodic report, the inspection
conclusion as a numbered document, and the version of the tables for the cache."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlencode

from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.contributions import (
    DashboardPanel,
    Frame,
    register_dashboard_panel,
    register_data_version,
    register_indicator,
    table_version,
)
from portal.filters import UNIT_PARAM
from portal.tracking import overdue_indicator


def recommendations_url(unit_id: int | None, show: str) -> str:
    params: dict[str, str | int] = {"loc": show}
    if unit_id is not None:
        params[UNIT_PARAM] = unit_id
    return reverse("inspections:recommendations") + "?" + urlencode(params)


def ages_panel(frame: Frame) -> dict:
    """Open recommendations of the frame's subtree by how long they are overdue, on the
    period's last day."""
    from .models import Recommendation
    from .selectors import recommendations_by_age

    items = Recommendation.objects.filter(unit__path__startswith=frame.unit.path)
    return {"ages": recommendations_by_age(items, today=frame.period.end + timedelta(days=1)),
            "url": recommendations_url(Frame.link_unit(frame.unit), "overdue")}


def data_version() -> tuple:
    from .models import (
        Inspection,
        InspectionScore,
        Recommendation,
        Review,
        ReviewAssessment,
        ReviewRating,
    )

    return (table_version(Inspection, at=Max("updated_at")), table_version(InspectionScore),
            table_version(Recommendation, at=Max("updated_at")), table_version(Review),
            table_version(ReviewAssessment, at=Max("updated_at")),
            table_version(ReviewRating, at=Max("updated_at")))


def register() -> None:
    from . import report_document, report_parts
    from .models import Recommendation

    report_parts.register()
    report_document.register()
    register_indicator(overdue_indicator(
        key="inspection_overdue", label=_("Overdue inspection recommendations"), order=80,
        model=Recommendation, list_url=recommendations_url))
    register_dashboard_panel(DashboardPanel(
        "inspection_ages", _("Open inspection recommendations by age"),
        "inspections/dashboard/_ages.html", 60, ages_panel))
    register_data_version("inspections", data_version)
