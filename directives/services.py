"""Every write of the directives app: keyword-only, atomic, `require_change` first.

A directive is drafted with its tasks, then published: publishing creates one progress row
per task and grassroots union of the task's target subtree (for a recurring task, the
rows of the current period; `progress_open_periods` opens each next period's rows). Each
unit's officers then report their progress with `progress_report`."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from portal.files import validate_upload
from portal.models import Unit, User
from portal.permissions import require_change
from portal.services import tracked_item_progress

from .models import Directive, DirectiveTask, TaskProgress
from .periods import period_of

DIRECTIVE_FIELDS = ("unit", "number", "issued_on", "issuer", "subject", "body")
TASK_FIELDS = ("number", "title", "description", "area", "rhythm", "due_on", "target_unit")


def carrying_units(target: Unit) -> list[Unit]:
    """The units that carry out a task given to `target`'s subtree: every active grassroots
    union in it; a target below the grassroots level carries it out itself."""
    found = list(Unit.objects.filter(path__startswith=target.path, is_active=True,
                                     kind=Unit.Kind.GRASSROOTS).order_by("path"))
    return found or [target]


def _check_due_date(task: DirectiveTask, directive: Directive) -> None:
    if task.due_on and directive.issued_on and task.due_on < directive.issued_on:
        raise ValidationError({"due_on": _("The due date cannot be before the directive's "
                                           "date (%(day)s).")
                               % {"day": f"{directive.issued_on:%d/%m/%Y}"}})


# --- directives ---------------------------------------------------------------------------


@transaction.atomic
def directive_save(*, data: Mapping[str, Any], by: User, directive: Directive | None = None,
                   attachment=None) -> Directive:
    """Create a directive (a draft) or change one. Its tasks' due dates stay on or after
    its date; the attachment is a PDF."""
    if directive is not None:
        require_change(by, directive.unit)  # the unit it belongs to now, before the change
    else:
        directive = Directive(created_by=by)
    require_change(by, data["unit"])
    if directive.pk and directive.is_published and data["unit"] != directive.unit:
        raise ValidationError({"unit": _("A published directive keeps its issuing unit.")})
    for field in DIRECTIVE_FIELDS:
        setattr(directive, field, data[field])
    if attachment:
        try:
            validate_upload(attachment, suffixes=(".pdf",))
        except ValidationError as error:
            raise ValidationError({"attachment": error.messages}) from None
        directive.attachment = attachment
    if directive.pk:
        early = directive.tasks.filter(due_on__lt=directive.issued_on).order_by("number").first()
        if early:
            raise ValidationError({"issued_on": _(
                "Task %(n)s is due before this date; change its due date first.")
                % {"n": early.number}})
    directive.full_clean()
    directive._history_user = by  # type: ignore[attr-defined]
    directive.save()
    return directive


@transaction.atomic
def directive_delete(*, directive: Directive, by: User) -> None:
    """Only a draft is deleted; a published directive has units' progress on it."""
    require_change(by, directive.unit)
    if directive.is_published:
        raise ValidationError(_("A published directive cannot be deleted."), code="published")
    directive._history_user = by  # type: ignore[attr-defined]
    directive.delete()


@transaction.atomic
def directive_publish(*, directive: Directive, by: User, today: date | None = None) -> int:
    """Publish a draft: every task needs a target unit, and due dates on or after the
    directive's date. Creates the progress rows; returns how many."""
    require_change(by, directive.unit)
    directive = Directive.objects.select_for_update().get(pk=directive.pk)
    if directive.is_published:
        raise ValidationError(_("This directive is already published."), code="published")
    tasks = list(directive.tasks.select_related("target_unit").order_by("number"))
    if not tasks:
        raise ValidationError(_("Add at least one task before publishing."), code="no_tasks")
    for task in tasks:
        if task.target_unit is None:
            raise ValidationError(_("Task %(n)s has no unit to carry it out: choose one.")
                                  % {"n": task.number}, code="no_unit")
        try:
            _check_due_date(task, directive)
        except ValidationError:
            raise ValidationError(_("Task %(n)s is due before the directive's date.")
                                  % {"n": task.number}, code="early") from None
    today = today or timezone.localdate()
    directive.status = Directive.Status.PUBLISHED
    directive.published_at = timezone.now()
    directive.full_clean()
    directive._history_user = by  # type: ignore[attr-defined]
    directive.save()
    return sum(_open_rows(task, today=today, by=by) for task in tasks)


def _open_rows(task: DirectiveTask, *, today: date, by: User | None = None) -> int:
    """The rows of `task` for the period holding `today` (the directive's date at the
    earliest) that do not exist yet."""
    directive = task.directive
    assert task.target_unit is not None  # checked when the task was saved
    if task.is_recurring:
        period = period_of(task.rhythm, max(today, directive.issued_on))
        start, due = period.start, period.end
    else:
        assert task.due_on is not None  # a task done once has its date (a constraint)
        start, due = directive.issued_on, task.due_on
    units = carrying_units(task.target_unit)
    have = set(TaskProgress.objects.filter(task=task, period_start=start)
               .values_list("unit_id", flat=True))
    rows = [TaskProgress(task=task, unit=unit, period_start=start, due_on=due)
            for unit in units if unit.pk not in have]
    if rows:
        bulk_create_with_history(rows, TaskProgress, default_user=by)
    return len(rows)


def progress_open_periods(*, today: date | None = None) -> int:
    """The daily job: open the current period's rows of every published recurring task.
    Returns how many rows it created (none on a second run the same day)."""
    today = today or timezone.localdate()
    tasks = (DirectiveTask.objects.filter(directive__status=Directive.Status.PUBLISHED)
             .exclude(rhythm=DirectiveTask.Rhythm.ONCE).exclude(target_unit=None)
             .select_related("directive", "target_unit"))
    created = 0
    for task in tasks:
        with transaction.atomic():
            created += _open_rows(task, today=today)
    return created


# --- tasks --------------------------------------------------------------------------------


@transaction.atomic
def task_save(*, directive: Directive, data: Mapping[str, Any], by: User,
              task: DirectiveTask | None = None, today: date | None = None) -> DirectiveTask:
    """Add a task to a directive or change one. The target unit lies inside the issuing
    unit's subtree; a published task keeps its rhythm and target (its rows exist), and
    a new task of a published directive gets its rows at once."""
    require_change(by, directive.unit)
    if task is not None and task.directive_id != directive.pk:
        raise ValidationError(_("This task belongs to another directive."))
    target = data.get("target_unit")
    if target is None:
        raise ValidationError({"target_unit": _("Choose the unit that carries out the task.")})
    require_change(by, target)
    if not target.path.startswith(directive.unit.path):
        raise ValidationError({"target_unit": _("Choose a unit under the issuing unit.")})
    new = task is None
    task = task or DirectiveTask(directive=directive)
    if not new and directive.is_published and (
            data["rhythm"] != task.rhythm or target != task.target_unit):
        raise ValidationError(_("A published task keeps its rhythm and its unit: add a new "
                                "task instead."), code="published")
    for field in TASK_FIELDS:
        setattr(task, field, data.get(field))
    _check_due_date(task, directive)
    task.full_clean()
    task._history_user = by  # type: ignore[attr-defined]
    task.save()
    if directive.is_published:
        if new:
            _open_rows(task, today=today or timezone.localdate(), by=by)
        elif not task.is_recurring:
            TaskProgress.objects.filter(task=task).open().update(due_on=task.due_on)
    return task


@transaction.atomic
def task_delete(*, task: DirectiveTask, by: User) -> None:
    require_change(by, task.directive.unit)
    if task.directive.is_published:
        raise ValidationError(_("A task of a published directive cannot be deleted."),
                              code="published")
    task._history_user = by  # type: ignore[attr-defined]
    task.delete()


# --- progress -----------------------------------------------------------------------------


def check_portal_link(link: str) -> str:
    """A link to a record of this portal: a path the portal answers ("/giao-ban/4/"),
    never another site. Returns it trimmed."""
    link = (link or "").strip()
    if not link:
        return ""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or not link.startswith("/") or link.startswith("//"):
        raise ValidationError({"evidence_link": _(
            "Give an address inside the portal, starting with /, such as /giao-ban/4/.")},
            code="outside")
    try:
        resolve(parts.path)
    except Resolver404:
        raise ValidationError({"evidence_link": _(
            "No page of the portal has this address; copy it from the address bar.")},
            code="unknown") from None
    return link


@transaction.atomic
def progress_report(*, progress: TaskProgress, by: User, status: str, note: str = "",
                    evidence=None, evidence_link: str = "",
                    today: date | None = None) -> TaskProgress:
    """A unit's officer (or one above, or the committee) reports progress on one row."""
    require_change(by, progress.unit)
    if not progress.task.directive.is_published:
        raise ValidationError(_("The directive is not published."), code="draft")
    link = check_portal_link(evidence_link)
    return tracked_item_progress(item=progress, by=by, status=status, note=note,
                                 evidence=evidence, evidence_link=link, today=today)
