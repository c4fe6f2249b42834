"""Reads of dialogue sessions: the lists, the public progress page, and the committee's
overview of which units held their annual conference on time and a dialogue in the year."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import cast

from django.conf import settings
from django.db.models import Count, Min, Q, QuerySet
from django.db.models.functions import ExtractYear, Substr
from django.utils import timezone

from portal.models import PATH_STEP, Unit
from portal.tracking import OPEN, TrackedStatus

from ..models import Commitment, DialogueSession, SessionKind
from .querysets import day_start


def conference_months() -> int:
    """The annual staff conference is held within this many months of the working year's
    end (Law 10/2022 on grassroots democracy: three)."""
    return getattr(settings, "DIALOGUE_CONFERENCE_MONTHS", 3)


def conference_deadline(year: int) -> date:
    """The last day a conference reviewing `year` is on time: 31 March of the next year."""
    months = conference_months()
    following = date(year + 1 + months // 12, months % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


def sessions_for(user) -> QuerySet[DialogueSession]:
    """The sessions an officer or the committee works with, with their commitments counted."""
    today = timezone.localdate()
    rows = (DialogueSession.objects.visible_to(user).select_related("unit")
            .annotate(commitment_count=Count("commitments", distinct=True),
                      open_count=Count("commitments", distinct=True,
                                       filter=Q(commitments__status__in=OPEN)),
                      overdue_count=Count("commitments", distinct=True,
                                          filter=Q(commitments__status__in=OPEN,
                                                   commitments__due_on__lt=today))))
    return cast("QuerySet[DialogueSession]", rows)


def commitments_for(user) -> QuerySet[Commitment]:
    return (Commitment.objects.visible_to(user)
            .select_related("session", "unit", "owner").order_by("due_on", "pk"))


@dataclass(frozen=True)
class Progress:
    """The public progress page: the sessions published to a member, the commitments made
    there and how many are done. No internal note, no person's account."""

    sessions: list
    commitments: list
    done: int
    overdue: int

    @property
    def total(self) -> int:
        return len(self.commitments)


def public_progress(user, *, today: date | None = None) -> Progress:
    today = today or timezone.localdate()
    sessions = list(DialogueSession.objects.published_for(user).select_related("unit")
                    .order_by("-starts_at")[:20])
    commitments = list(Commitment.objects.published_for(user)
                       .exclude(status=TrackedStatus.CANCELLED)
                       .select_related("session", "unit")
                       .only("title", "responsible", "due_on", "status", "completed_on",
                             "public_note", "session__title", "session__starts_at",
                             "session__kind", "unit__name", "unit__code")
                       .order_by("due_on", "pk"))
    done = sum(1 for c in commitments if c.status == TrackedStatus.DONE)
    overdue = sum(1 for c in commitments if c.is_overdue(today))
    return Progress(sessions, commitments, done, overdue)


# --- the committee's overview ------------------------------------------------------------


class Held:
    ON_TIME = "on_time"
    LATE = "late"
    MISSING = "missing"
    NOT_DUE = "not_due"


@dataclass
class YearCell:
    year: int
    conference: str  # a Held value
    conference_on: date | None
    dialogues: int

    @property
    def complete(self) -> bool:
        return self.conference == Held.ON_TIME and self.dialogues > 0


@dataclass
class UnitRow:
    unit: Unit
    years: list[YearCell] = field(default_factory=list)


@dataclass
class Overview:
    years: list[int]
    rows: list[UnitRow]

    def totals(self) -> list[dict]:
        """Per year: units on time, with a dialogue, with both."""
        out = []
        for index, year in enumerate(self.years):
            cells = [row.years[index] for row in self.rows]
            out.append({"year": year,
                        "on_time": sum(c.conference == Held.ON_TIME for c in cells),
                        "dialogue": sum(c.dialogues > 0 for c in cells),
                        "complete": sum(c.complete for c in cells)})
        return out


def overview_units(user) -> QuerySet[Unit]:
    """The grassroots unions a person oversees (the conference is held by each of them)."""
    return (Unit.objects.visible_to(user).filter(kind=Unit.Kind.GRASSROOTS, is_active=True)
            .order_by("name"))


def _branch_counts(units: list[Unit], years: list[int]):
    """Two grouped queries, whatever the data size: each unit's (subtree's) first
    conference per reviewed year, and its dialogues held per calendar year."""
    width = 2 * PATH_STEP
    by_path = {u.path[:width]: u.pk for u in units}
    now = timezone.now()
    scope = DialogueSession.objects.filter(starts_at__lt=now).annotate(
        branch=Substr("unit__path", 1, width)).filter(branch__in=list(by_path))
    conferences = (scope.filter(kind=SessionKind.CONFERENCE, working_year__in=years)
                   .values("branch", "working_year").order_by()
                   .annotate(first=Min("starts_at")))
    dialogues = (scope.exclude(kind=SessionKind.CONFERENCE)
                 .filter(starts_at__gte=day_start(date(min(years), 1, 1)),
                         starts_at__lt=day_start(date(max(years) + 1, 1, 1)))
                 .annotate(year=ExtractYear("starts_at")).values("branch", "year").order_by()
                 .annotate(n=Count("pk")))
    held = {(by_path[r["branch"]], r["working_year"]): r["first"] for r in conferences}
    counts = {(by_path[r["branch"]], r["year"]): r["n"] for r in dialogues}
    return held, counts


def conference_overview(user, *, years: list[int] | None = None,
                        today: date | None = None) -> Overview:
    today = today or timezone.localdate()
    years = years or list(range(today.year - 4, today.year + 1))
    units = list(overview_units(user))
    if not units:
        return Overview(years, [])
    held, counts = _branch_counts(units, years)
    rows = []
    for unit in units:
        row = UnitRow(unit)
        for year in years:
            first = held.get((unit.pk, year))
            first_day = timezone.localtime(first).date() if first else None
            if first_day is not None:
                state = Held.ON_TIME if first_day <= conference_deadline(year) else Held.LATE
            else:
                state = Held.NOT_DUE if today <= conference_deadline(year) else Held.MISSING
            row.years.append(YearCell(year, state, first_day, counts.get((unit.pk, year), 0)))
        rows.append(row)
    return Overview(years, rows)
