"""Reads of the grievance register: the officer's queue and the figures per unit, in SQL
and in a number of queries that does not grow with the cases."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import cast

from django.db.models import Count, F, Q, QuerySet, Window
from django.db.models.functions import RowNumber, Substr

from portal.contributions import counts_by_branch
from portal.models import PATH_STEP, Unit
from portal.numbers import percent, rounded
from portal.tracking import OPEN

from ..models.cases import Case, CaseEntry
from .querysets import CaseQuerySet
from .services import is_handler

__all__ = ["UnitFigures", "case_queue", "figures_by_unit", "medians_by_branch",
           "public_entries", "timeline"]


def case_queue(user, *, today: date, stage: str = "", unit: Unit | None = None,
               overdue: bool = False, query: str = "") -> QuerySet:
    """The cases an officer handles (their units' and those they are in charge of), overdue
    first, then by deadline."""
    cases = cast(CaseQuerySet, Case.objects.changeable_by(user)
                 | Case.objects.filter(owner=user.pk))
    if stage:
        cases = cases.filter(stage=stage)
    if unit is not None:
        cases = cases.filter(unit__path__startswith=unit.path)
    if overdue:
        cases = cases.filter(status__in=OPEN, due_on__lt=today)
    if query:
        cases = cases.filter(Q(title__icontains=query) | Q(description__icontains=query))
    return cases.select_related("unit", "owner").queue_order(today)


def timeline(case: Case, *, public_only: bool) -> QuerySet:
    entries = case.entries.select_related("by")
    return entries.filter(public=True) if public_only else entries


def public_entries(case: Case) -> QuerySet:
    """What the member reads: changes, answers and their own messages; never a note."""
    return case.entries.filter(public=True).exclude(kind=CaseEntry.Kind.NOTE)


def can_see_name(user, case: Case) -> bool:
    return is_handler(user, case)


def medians_by_branch(queryset: QuerySet, *, scope: Unit,
                      field: str) -> dict[str, Decimal | None]:
    """The median of `field` for each child branch of `scope` ("" for the whole scope), in
    SQL that SQLite and PostgreSQL both run: number the rows of each branch in order with a
    window, keep the middle one or two, average those. Two queries, whatever the size."""
    width = len(scope.path) + PATH_STEP
    rows = queryset.filter(**{f"{field}__isnull": False,
                              "unit__path__startswith": scope.path})
    result: dict[str, Decimal | None] = {}
    for key, partition in (("branch", [Substr("unit__path", 1, width)]), ("all", [])):
        ranked = rows.annotate(
            branch=Substr("unit__path", 1, width) if key == "branch" else Substr(
                "unit__path", 1, len(scope.path)),
            position=Window(RowNumber(), partition_by=partition or None,
                            order_by=[F(field).asc(), F("pk").asc()]),
            size=Window(Count("pk"), partition_by=partition or None))
        middle = ranked.filter(Q(position=(F("size") + 1) / 2) | Q(position=(F("size") + 2) / 2))
        picked: dict[str, list[int]] = {}
        for branch, value in middle.values_list("branch", field):
            picked.setdefault(branch if key == "branch" else "", []).append(value)
        for branch, values in picked.items():
            result[branch] = rounded(Decimal(sum(values)) / len(values), 1)
    return result


@dataclass(frozen=True)
class UnitFigures:
    unit: Unit
    received: int
    accepted: int
    forwarded: int
    answered: int
    in_time: int
    overdue: int
    median_days: Decimal | None

    @property
    def in_time_share(self):
        return percent(self.in_time, self.answered)


def figures_by_unit(scope: Unit, children: list[Unit], *, today: date,
                    year: int | None = None) -> list[UnitFigures]:
    """Every child unit's figures and the scope's total (first): received, accepted,
    forwarded, answered within the deadline, overdue now, median working days to answer.
    Three queries, whatever the number of cases."""
    cases = Case.objects.all()
    if year:
        cases = cases.filter(received_on__year=year)
    counts = counts_by_branch(
        cases, unit_path="unit__path", scope=scope, children=children,
        received=Count("pk"), accepted=Count("pk", filter=Q(accepted_on__isnull=False)),
        forwarded=Count("pk", filter=Q(forwarded_on__isnull=False)),
        answered=Count("pk", filter=Q(answered_on__isnull=False)),
        in_time=Count("pk", filter=Q(answered_in_time=True)),
        overdue=Count("pk", filter=Q(status__in=OPEN, due_on__lt=today)))
    medians = medians_by_branch(cases, scope=scope, field="answer_days")
    empty = dict.fromkeys(("received", "accepted", "forwarded", "answered", "in_time",
                           "overdue"), 0)
    figures = [UnitFigures(scope, **{**empty, **counts.get(scope.pk, {})},
                           median_days=medians.get(""))]
    for child in children:
        figures.append(UnitFigures(child, **{**empty, **counts.get(child.pk, {})},
                                   median_days=medians.get(child.path)))
    return figures
