"""Reads of briefing meetings that span models or depend on the viewer: the lists, one
meeting's page, and the cadence (which units held the meetings their level expects)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import cast

from django.conf import settings
from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from portal.models import Unit
from portal.periods import Period
from portal.tracking import OPEN, TrackedItemQuerySet

from .models import Action, Attendance, Meeting

DEFAULT_CADENCE = {"university": "monthly", "unit": "monthly"}


def meeting_rows(user, filters: dict) -> QuerySet[Meeting]:
    """The meetings a person sees, with what the list shows of each, in a fixed number of
    queries whatever their number."""
    meetings = cast("QuerySet[Meeting]", Meeting.objects.visible_to(user))
    if unit := filters.get("unit"):
        meetings = meetings.filter(unit__path__startswith=unit.path)
    for field in ("level", "kind"):
        if value := filters.get(field):
            meetings = meetings.filter(**{field: value})
    if start := filters.get("start"):
        meetings = meetings.filter(starts_at__date__gte=start)
    if end := filters.get("end"):
        meetings = meetings.filter(starts_at__date__lte=end)
    # Correlated counts: joining both the attendance and the actions would multiply rows.
    present = (Attendance.objects.filter(meeting=OuterRef("pk"), status="present")
               .order_by().values("meeting").annotate(n=Count("pk")).values("n"))
    open_actions = (Action.objects.filter(meeting=OuterRef("pk"), status__in=OPEN)
                    .order_by().values("meeting").annotate(n=Count("pk")).values("n"))
    return meetings.select_related("unit").annotate(
        present=Coalesce(Subquery(present), 0), open_actions=Coalesce(Subquery(open_actions), 0))


@dataclass(frozen=True)
class MeetingPage:
    meeting: Meeting
    agenda: list
    attendance: list
    counts: dict
    actions: list
    carried_over: list
    opinion_reports: list
    surveys: list


def meeting_page(meeting: Meeting, user) -> MeetingPage:
    """Everything one meeting's page shows. Linked reports and surveys are shown only as
    far as the viewer may see them."""
    from collaborators.models import OpinionReport
    from surveys.models import Survey

    attendance = list(Attendance.objects.filter(meeting=meeting).listed())
    counts = {status: sum(1 for a in attendance if a.status == status)
              for status in Attendance.Status.values}
    actions = list(meeting.actions.select_related("owner").order_by("due_on", "pk"))
    carried = list(Action.objects.carried_over_to(meeting).select_related("owner", "meeting")
                   .order_by("due_on", "pk"))
    reports = list(OpinionReport.objects.visible_to(user)
                   .filter(pk__in=meeting.opinion_reports.values("pk")).select_related("unit"))
    surveys = list(Survey.objects.visible_to(user).filter(pk__in=meeting.surveys.values("pk"))
                   .select_related("owner_unit"))
    return MeetingPage(meeting, list(meeting.agenda.all()), attendance, counts, actions,
                       carried, reports, surveys)


def action_rows(user, filters: dict, today: date) -> QuerySet[Action]:
    actions = cast(TrackedItemQuerySet, Action.objects.visible_to(user))
    if unit := filters.get("unit"):
        actions = actions.filter(unit__path__startswith=unit.path)
    if filters.get("mine"):
        actions = actions.filter(owner=user)
    due = filters.get("due")
    if due == "overdue":
        actions = actions.overdue(today)
    elif due == "due":
        actions = actions.due_within(7, today)
    elif due == "open":
        actions = actions.open()
    if status := filters.get("status"):
        actions = actions.filter(status=status)
    return actions.select_related("owner", "unit", "meeting").order_by("due_on", "pk")


# --- the cadence --------------------------------------------------------------------------


def cadence_of(level: str) -> str:
    return getattr(settings, "MEETINGS_CADENCE", DEFAULT_CADENCE).get(level, "monthly")


def slot_of(day: date, cadence: str) -> date:
    """The first day of the week (Monday) or month a day falls in."""
    if cadence == "weekly":
        return day - timedelta(days=day.weekday())
    return day.replace(day=1)


def slot_end(start: date, cadence: str) -> date:
    if cadence == "weekly":
        return start + timedelta(days=6)
    following = (start.replace(day=28) + timedelta(days=4)).replace(day=1)
    return following - timedelta(days=1)


def slots(period: Period, cadence: str) -> list[date]:
    """The weeks or months that overlap the period, by their first day."""
    found, day = [], slot_of(period.start, cadence)
    while day <= period.end:
        found.append(day)
        day = slot_end(day, cadence) + timedelta(days=1)
    return found


@dataclass(frozen=True)
class Cadence:
    """One unit over a period: the weeks or months its level expects a meeting in (those
    over by today, and any not over in which it already met), and those it met in."""

    unit: Unit
    cadence: str
    expected: int
    held: int
    missed: list[date]

    @property
    def share(self):
        from portal.numbers import percent

        return percent(self.held, self.expected)


def cadence_by_unit(units: list[Unit], period: Period, today: date | None = None
                    ) -> dict[int, Cadence]:
    """For each unit, its own meetings (not its subunits') in the weeks or months (as its
    level's cadence says) that overlap the period: a month the period cuts into counts whole,
    so a unit that met early in it is not shown as missing it. One query whatever the number
    of units."""
    today = today or timezone.localdate()
    cadences = {unit.pk: cadence_of(Meeting.level_for(unit)) for unit in units}
    first = min((slot_of(period.start, c) for c in set(cadences.values())),
                default=period.start)
    last = max((slot_end(slot_of(period.end, c), c) for c in set(cadences.values())),
               default=period.end)
    start, end = Period(first, last).bounds
    days = (Meeting.objects.filter(unit__in=units, starts_at__gte=start, starts_at__lt=end,
                                   starts_at__lte=timezone.now())
            .annotate(day=TruncDate("starts_at")).values_list("unit", "day").distinct())
    met: dict[int, set[date]] = {}
    for unit_pk, day in days:
        met.setdefault(unit_pk, set()).add(slot_of(day, cadences[unit_pk]))
    result = {}
    for unit in units:
        cadence = cadences[unit.pk]
        overlapping = slots(period, cadence)
        held = met.get(unit.pk, set()) & set(overlapping)
        expected = [s for s in overlapping if slot_end(s, cadence) < today or s in held]
        result[unit.pk] = Cadence(unit, cadence, len(expected), len(held),
                                  [s for s in expected if s not in held])
    return result
