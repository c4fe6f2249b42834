"""Reads of the directives app that span models or depend on the viewer."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import QuerySet
from django.utils.translation import pgettext

from portal.models import Unit
from portal.tracking import TrackedStatus

from .models import Directive, DirectiveTask, TaskProgress


def directive_tasks(directive: Directive) -> QuerySet[DirectiveTask]:
    """The directive's tasks in their order (other areas assess units against them)."""
    return DirectiveTask.objects.filter(directive=directive).order_by("number")


def tasks_for_unit(unit) -> QuerySet[DirectiveTask]:
    """The published tasks `unit` (or a grassroots union under it) must carry out."""
    return (DirectiveTask.objects
            .filter(directive__status=Directive.Status.PUBLISHED,
                    progress__unit__path__startswith=unit.path)
            .select_related("directive").distinct()
            .order_by("-directive__issued_on", "directive_id", "number"))


# --- the matrix -----------------------------------------------------------------------------

OVERDUE = "overdue"  # a status filter value: open and past its due date
BADGES = {OVERDUE: "text-bg-danger", TrackedStatus.DONE: "text-bg-success",
          TrackedStatus.IN_PROGRESS: "text-bg-warning",
          TrackedStatus.CANCELLED: "text-bg-secondary",
          TrackedStatus.NOT_STARTED: "text-bg-light border"}


@dataclass
class Cell:
    progress: TaskProgress
    overdue: bool
    label: str = ""  # the status in words, with "overdue" (never colour alone)

    @property
    def state(self) -> str:
        """The cell's look: overdue, or the row's status."""
        return OVERDUE if self.overdue else self.progress.status

    @property
    def badge(self) -> str:
        return BADGES[self.state]

    @property
    def has_evidence(self) -> bool:
        return bool(self.progress.evidence or self.progress.evidence_link)

    def matches(self, status: str) -> bool:
        return self.overdue if status == OVERDUE else self.progress.status == status


@dataclass
class MatrixRow:
    unit: Unit
    cells: list[Cell | None]
    done: int = 0
    total: int = 0


@dataclass
class Matrix:
    tasks: list[DirectiveTask]
    rows: list[MatrixRow]
    done_by_task: list[int] = field(default_factory=list)
    total_by_task: list[int] = field(default_factory=list)
    overdue: int = 0

    @property
    def columns(self) -> list[tuple[int, int]]:
        """(done, total) of each task's column."""
        return list(zip(self.done_by_task, self.total_by_task, strict=True))


def progress_matrix(*, directive: Directive, user, today: date, area: str = "",
                    status: str = "", unit: Unit | None = None) -> Matrix:
    """Units × tasks of one directive, the latest period of a recurring task, as far as
    `user` may see; filtered by area (columns), status (units with a cell in it; other cells
    left blank) and unit subtree. Three queries whatever the size: tasks, rows, units."""
    tasks = list(directive_tasks(directive).filter(**({"area": area} if area else {})))
    rows = (TaskProgress.objects.visible_to(user).filter(task__in=[t.pk for t in tasks])
            .only("unit_id", "task_id", "status", "due_on", "evidence", "evidence_link")
            .order_by("unit__path", "task_id", "period_start"))
    if unit is not None:
        rows = rows.filter(unit__path__startswith=unit.path)
    latest: dict[int, dict[int, TaskProgress]] = {}  # unit id -> task id -> its row
    for row in rows:  # ordered by period: the last one of each pair stays
        latest.setdefault(row.unit_id, {})[row.task_id] = row
    units = Unit.objects.in_bulk(list(latest))
    words = {value: str(label) for value, label in TrackedStatus.choices}
    late = " · " + pgettext("tracked item", "overdue")

    def make_cell(progress: TaskProgress) -> Cell:
        overdue = progress.is_overdue(today)
        return Cell(progress, overdue, words[progress.status] + (late if overdue else ""))

    matrix = Matrix(tasks=tasks, rows=[], done_by_task=[0] * len(tasks),
                    total_by_task=[0] * len(tasks))
    for unit_id, mine in latest.items():
        cells = [make_cell(mine[t.pk]) if t.pk in mine else None for t in tasks]
        if status:
            cells = [c if c and c.matches(status) else None for c in cells]
            if not any(cells):
                continue
        row = MatrixRow(units[unit_id], cells)
        for i, cell in enumerate(cells):
            if cell is None or cell.progress.status == TrackedStatus.CANCELLED:
                continue
            row.total += 1
            matrix.total_by_task[i] += 1
            matrix.overdue += cell.overdue
            if cell.progress.status == TrackedStatus.DONE:
                row.done += 1
                matrix.done_by_task[i] += 1
        matrix.rows.append(row)
    return matrix
