"""Reads of inspections and reviews that span models or depend on the viewer; aggregates
are computed in SQL and the number of queries does not grow with the data."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Q, Sum

from portal.models import Unit
from portal.tracking import OPEN

from .models import Inspection, Rating, Recommendation, Review, ReviewAssessment, ReviewRating

CONCLUDED = (Inspection.Status.CONCLUDED, Inspection.Status.CLOSED)

# Open recommendations by how long past their deadline: (key, label index, lower, upper) in
# days overdue; "not due" are open and not yet past their date.
AGE_BANDS = (("not_due", None, 0), ("late_30", 1, 30), ("late_90", 31, 90),
             ("late_more", 91, None))


@dataclass
class RatingRow:
    unit: Unit
    cells: list[str | None]  # a rating (or None) per year, oldest first


@dataclass
class RatingsTable:
    years: list[int]
    rows: list[RatingRow]
    totals: dict[int, dict[str, int]] = field(default_factory=dict)  # year -> rating -> n


def ratings_table(user, *, years: list[int]) -> RatingsTable:
    """Units × years: each unit's rating in the latest concluded inspection of each year
    (two queries whatever the number of units and years)."""
    rows = (Inspection.objects.visible_to(user)
            .filter(status__in=CONCLUDED, programme__year__in=years)
            .order_by("unit_id", "programme__year", "concluded_on", "pk")
            .values_list("unit_id", "programme__year", "rating"))
    grid: dict[int, dict[int, str]] = defaultdict(dict)
    totals: dict[int, dict[str, int]] = {y: dict.fromkeys(Rating.values, 0) for y in years}
    for unit_id, year, rating in rows:
        grid[unit_id][year] = rating  # the latest of the year wins
    for cells in grid.values():
        for year, rating in cells.items():
            totals[year][rating] += 1
    units = Unit.objects.filter(pk__in=list(grid)).order_by("path")
    return RatingsTable(years, [RatingRow(u, [grid[u.pk].get(y) for y in years])
                                for u in units], totals)


def recommendations_by_age(queryset, *, today: date) -> dict[str, int]:
    """Open recommendations counted by age band (one query)."""
    bands = {}
    for key, low, high in AGE_BANDS:
        if low is None:
            bands[key] = Count("pk", filter=Q(due_on__gte=today))
            continue
        condition = Q(due_on__lte=today - timedelta(days=low))
        if high is not None:
            condition &= Q(due_on__gte=today - timedelta(days=high))
        bands[key] = Count("pk", filter=condition)
    return queryset.filter(status__in=OPEN).aggregate(**bands)


def inspection_counts(queryset) -> dict[str, int]:
    """Inspections by status, in one query."""
    counts = dict(queryset.order_by().values_list("status").annotate(n=Count("pk")))
    return {status: counts.get(status, 0) for status in Inspection.Status.values}


@dataclass
class InspectionTotals:
    self_total: object
    team_total: object
    maximum: int


def score_totals(inspection: Inspection) -> InspectionTotals:
    figures = inspection.scores.aggregate(mine=Sum("self_score"), team=Sum("score"),
                                          top=Sum("max_score"))
    return InspectionTotals(figures["mine"], figures["team"], figures["top"] or 0)


@dataclass
class ReviewUnitRow:
    unit: Unit
    done_well: int
    done: int
    not_done: int
    rating: ReviewRating | None

    @property
    def assessed(self) -> int:
        return self.done_well + self.done + self.not_done


def review_summary(review: Review, units) -> list[ReviewUnitRow]:
    """Each taking-part unit's self-assessment counts and its rating (three queries)."""
    R = ReviewAssessment.Result
    counts = {row["unit"]: row for row in (
        ReviewAssessment.objects.filter(review=review).order_by().values("unit").annotate(
            done_well=Count("pk", filter=Q(result=R.DONE_WELL)),
            done=Count("pk", filter=Q(result=R.DONE)),
            not_done=Count("pk", filter=Q(result=R.NOT_DONE))))}
    ratings = {r.unit_id: r for r in ReviewRating.objects.filter(review=review)}
    empty = {"done_well": 0, "done": 0, "not_done": 0}
    rows = []
    for unit in units:
        row = counts.get(unit.pk, empty)
        rows.append(ReviewUnitRow(unit, row["done_well"], row["done"], row["not_done"],
                                  rating=ratings.get(unit.pk)))
    return rows


def recommendations_for(user):
    """The recommendations a person sees, with what the list shows."""
    return (Recommendation.objects.visible_to(user)
            .select_related("unit", "owner", "inspection", "inspection__programme__unit"))
