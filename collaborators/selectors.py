"""Reads of the collaborators app. Every figure is counted in SQL, in a fixed number of
queries however many collaborators and reports there are.

Public, for the `reports` app (dashboards and PDF reports) as well as this app's pages:

- `coverage_by_unit(units, *, on=None, target=None) -> list[UnitCoverage]`
- `coverage_summary(*, unit=None, on=None, target=None) -> CoverageSummary`
- `composition(collaborators, *, on=None) -> Composition`
- `opinion_report_counts(*, period, unit=None, viewer=None) -> OpinionCounts`
- `notable_reports(*, period, unit=None, viewer=None, limit=10) -> list[OpinionReport]`
- `target_per_100() -> float`
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Count, F, Func, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from portal.ages import AgeBand
from portal.db import count_of
from portal.models import Unit, User
from portal.numbers import rounded
from portal.text import fold

from .models import Collaborator, OpinionReport
from .periods import Period, local_midnight, training_window_start

# --- the roster ------------------------------------------------------------------------


def _given(**filters: str) -> dict[str, str]:
    """The equality filters that were chosen (an empty choice means "any")."""
    return {field: value for field, value in filters.items() if value}


def roster(user: User, *, q: str = "", unit: Unit | None = None, group: str = "",
           role: str = "", status: str = "", trained: str = "",
           on: date | None = None) -> QuerySet[Collaborator]:
    """The collaborators `user` may see, filtered, in Vietnamese name order, each with
    `last_trained_on`. `trained` is "yes" or "no" (in the 12 months before `on`)."""
    people = (Collaborator.objects.visible_to(user).select_related("unit")
              .with_last_training())
    if unit is not None:
        people = people.in_subtree(unit)
    if q:
        match = Q(search_text__contains=fold(q))
        digits = re.sub(r"[\s.\-]", "", q)
        if digits.isdigit() and len(digits) >= 3:
            match |= Q(phone__contains=digits)
        people = people.filter(match)
    people = people.filter(**_given(group=group, network_role=role, status=status))
    if trained in ("yes", "no"):
        condition = Collaborator.objects.trained_q(training_window_start(on))
        people = people.filter(condition if trained == "yes" else ~condition)
    return people.order_by(*Collaborator._meta.ordering)


def collaborator_trainings(collaborator: Collaborator):
    """Training history of one person, newest first."""
    return (collaborator.attendances.select_related("training", "training__organiser")
            .order_by("-training__held_on"))


# --- coverage --------------------------------------------------------------------------


def target_per_100() -> float:
    """Collaborators per 100 members a unit is expected to have (setting
    COLLABORATORS_TARGET_PER_100)."""
    return float(getattr(settings, "COLLABORATORS_TARGET_PER_100", 2.0))


def _percent(part: int, whole: int) -> float | None:
    return part * 100 / whole if whole else None


@dataclass(frozen=True)
class UnitCoverage:
    """A unit with everyone below it: active collaborators, those trained in the last 12
    months, and its members (its own count, or its sub-units' when it has none)."""

    unit: Unit | None
    members: int
    collaborators: int
    trained: int
    target: float

    @property
    def per_100(self) -> float | None:
        return _percent(self.collaborators, self.members)

    @property
    def trained_share(self) -> float | None:
        """Percent of active collaborators trained in the last 12 months."""
        return _percent(self.trained, self.collaborators)

    @property
    def below_target(self) -> bool:
        """Judged on the figure as shown (portal.numbers, one decimal): a unit shown at
        2,0 per 100 is not flagged below a target of 2."""
        shown = rounded(self.per_100, 1)
        return shown is not None and shown < rounded(self.target, 1)

    @property
    def members_missing(self) -> bool:
        return not self.members


def coverage_by_unit(units: Iterable[Unit] | QuerySet[Unit], *, on: date | None = None,
                     target: float | None = None) -> list[UnitCoverage]:
    """Coverage of each unit (with its subtree), in tree order: one query."""
    ids = units.values("pk") if isinstance(units, QuerySet) else [u.pk for u in units]
    active = Collaborator.objects.filter(status=Collaborator.Status.ACTIVE,
                                         unit__path__startswith=OuterRef("path"))
    trained = active.filter(Collaborator.objects.trained_q(training_window_start(on)))
    children_members = (Unit.objects.filter(parent=OuterRef("pk")).order_by()
                        .annotate(total=Func(F("member_count"), function="SUM")).values("total"))
    rows = (Unit.objects.filter(pk__in=ids).select_related("parent")
            .annotate(n_collaborators=count_of(active), n_trained=count_of(trained),
                      children_members=Coalesce(Subquery(children_members), 0))
            .order_by("path"))
    goal = target_per_100() if target is None else target
    return [UnitCoverage(unit=u, members=u.member_count or u.children_members,
                         collaborators=u.n_collaborators, trained=u.n_trained, target=goal)
            for u in rows]


@dataclass(frozen=True)
class Slice:
    key: str
    label: str | Promise
    count: int
    share: float | None  # percent of the total


@dataclass(frozen=True)
class Composition:
    total: int
    by_group: list[Slice]
    by_gender: list[Slice]
    by_age: list[Slice]
    by_role: list[Slice]


def composition(collaborators: QuerySet[Collaborator], *, on: date | None = None) -> Composition:
    """Who the given collaborators are, by group, gender, age band and role: one query."""
    year = (on or timezone.localdate()).year
    genders = [*Collaborator.Gender.choices, ("", _("Not recorded"))]
    dimensions = {
        "group": [(v, label, Q(group=v)) for v, label in Collaborator.Group.choices],
        "gender": [(v, label, Q(gender=v)) for v, label in genders],
        "age": AgeBand.conditions(year),
        "role": [(v, label, Q(network_role=v)) for v, label in Collaborator.NetworkRole.choices],
    }
    aggregates = {f"{name}__{key}": Count("pk", filter=condition)
                  for name, slices in dimensions.items() for key, _l, condition in slices}
    row = collaborators.order_by().aggregate(total=Count("pk"), **aggregates)
    total = row["total"]

    def slices(name: str) -> list[Slice]:
        return [Slice(key, label, row[f"{name}__{key}"], _percent(row[f"{name}__{key}"], total))
                for key, label, _c in dimensions[name]]

    return Composition(total, slices("group"), slices("gender"), slices("age"), slices("role"))


@dataclass(frozen=True)
class CoverageSummary:
    """The figures of one scope (a unit and everything below it, or all of VNU-HCM), and of
    each unit right below it."""

    scope: Unit | None
    total: UnitCoverage
    units: list[UnitCoverage]  # the units right below the scope (for all: the grassroots)
    composition: Composition

    @property
    def below_target(self) -> list[UnitCoverage]:
        return [row for row in self.units if row.below_target]


def coverage_summary(*, unit: Unit | None = None, on: date | None = None,
                     target: float | None = None) -> CoverageSummary:
    """Coverage of `unit` (None: everything) and of each unit right below it: two queries.

    For everything, the total is the sum over the top units of the tree (their members are
    the sum of their sub-units' when they record none themselves)."""
    if unit is None:
        rows = coverage_by_unit(Unit.objects.filter(Q(parent=None) | Q(parent__parent=None)),
                                on=on, target=target)
        roots = [r for r in rows if r.unit.parent_id is None]
        total = UnitCoverage(None, sum(r.members for r in roots),
                             sum(r.collaborators for r in roots), sum(r.trained for r in roots),
                             target_per_100() if target is None else target)
        below = [r for r in rows if r.unit.parent_id is not None]
        people = Collaborator.objects.active()
    else:
        rows = coverage_by_unit(Unit.objects.filter(Q(pk=unit.pk) | Q(parent=unit)), on=on,
                                target=target)
        total, below = rows[0], rows[1:]
        people = Collaborator.objects.active().in_subtree(unit)
    return CoverageSummary(unit, total, below, composition(people, on=on))


# --- opinion reports -------------------------------------------------------------------


@dataclass(frozen=True)
class Trend:
    key: str
    label: str | Promise
    current: int
    previous: int

    @property
    def change(self) -> int:
        return self.current - self.previous

    @property
    def change_percent(self) -> float | None:
        return _percent(self.change, self.previous)

    @property
    def direction(self) -> str:
        return "up" if self.change > 0 else "down" if self.change < 0 else "flat"


@dataclass(frozen=True)
class OpinionCounts:
    period: Period
    previous: Period
    total: Trend
    by_topic: list[Trend]  # most reported first
    by_sentiment: list[Trend]
    by_urgency: list[Trend]
    by_spread: list[Trend]
    negative_by_topic: dict[str, int]  # this period
    urgent_by_topic: dict[str, int]  # this period


def _reports_in_scope(unit: Unit | None, viewer: User | None) -> QuerySet[OpinionReport]:
    reports = OpinionReport.objects.all()
    if viewer is not None:
        reports = reports.visible_to(viewer)
    if unit is not None:
        reports = reports.filter(unit__path__startswith=unit.path)
    return reports


def opinion_report_counts(*, period: Period, unit: Unit | None = None,
                          viewer: User | None = None) -> OpinionCounts:
    """Reports filed in `period` and in the period of the same length before it, by topic,
    sentiment, urgency and spread, for `unit` and below (None: everywhere) as `viewer` may
    see them (None: no restriction). One grouped query."""
    start, end = period.bounds
    previous_start, _end = period.previous.bounds
    rows = (_reports_in_scope(unit, viewer)
            .filter(created_at__gte=previous_start, created_at__lt=end)
            .values("topic", "sentiment", "urgency", "spread").order_by()
            .annotate(current=Count("pk", filter=Q(created_at__gte=start)),
                      previous=Count("pk", filter=Q(created_at__lt=start))))
    rows = list(rows)

    def trends(field: str, choices) -> list[Trend]:
        return [Trend(value, label,
                      sum(r["current"] for r in rows if r[field] == value),
                      sum(r["previous"] for r in rows if r[field] == value))
                for value, label in choices]

    by_topic = sorted(trends("topic", OpinionReport.Topic.choices),
                      key=lambda t: (-t.current, -t.previous))
    negative: dict[str, int] = {}
    urgent: dict[str, int] = {}
    for r in rows:
        if not r["current"]:
            continue
        if r["sentiment"] == OpinionReport.Sentiment.NEGATIVE:
            negative[r["topic"]] = negative.get(r["topic"], 0) + r["current"]
        if r["urgency"] == OpinionReport.Urgency.URGENT:
            urgent[r["topic"]] = urgent.get(r["topic"], 0) + r["current"]
    total = Trend("all", _("All reports"), sum(r["current"] for r in rows),
                  sum(r["previous"] for r in rows))
    return OpinionCounts(period, period.previous, total, by_topic,
                         trends("sentiment", OpinionReport.Sentiment.choices),
                         trends("urgency", OpinionReport.Urgency.choices),
                         trends("spread", OpinionReport.Spread.choices), negative, urgent)


def notable_reports(*, period: Period, unit: Unit | None = None, viewer: User | None = None,
                    limit: int = 10) -> list[OpinionReport]:
    """The period's urgent or widespread reports, newest first: what to read first."""
    start, end = period.bounds
    return list(_reports_in_scope(unit, viewer).between(start, end)
                .filter(OpinionReport.needs_attention())
                .select_related("unit")[:limit])


def review_queue(user: User, *, status: str = "", topic: str = "", urgency: str = "",
                 unit: Unit | None = None, attention: str = "", start: date | None = None,
                 end: date | None = None) -> QuerySet[OpinionReport]:
    """Reports `user` may see (an officer: their subtree; a collaborator: their own),
    filed between the local days `start` and `end` (both included, either may be open);
    `attention` keeps the urgent or widespread ones, as the dashboards count them."""
    reports = (OpinionReport.objects.visible_to(user)
               .select_related("unit", "author", "collaborator")
               .annotate(comment_count=Count("comments")))
    reports = reports.filter(**_given(status=status, topic=topic, urgency=urgency))
    if unit is not None:
        reports = reports.filter(unit__path__startswith=unit.path)
    if attention:
        reports = reports.filter(OpinionReport.needs_attention())
    if start is not None:
        reports = reports.filter(created_at__gte=local_midnight(start))
    if end is not None:
        reports = reports.filter(created_at__lt=local_midnight(end + timedelta(days=1)))
    return reports.order_by("-created_at", "-pk")


def waiting_reports(user: User) -> dict[str, int]:
    """Reports waiting for review that `user` may act on: {"all": n, "urgent": m}."""
    return OpinionReport.objects.changeable_by(user).waiting().aggregate(
        all=Count("pk"), urgent=Count("pk", filter=Q(urgency=OpinionReport.Urgency.URGENT)))
