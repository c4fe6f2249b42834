"""Pages of the directives app: thin, every lookup through visible_to / changeable_by."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from collaborators.excel import XLSX_TYPE
from portal.files import private_file_response
from portal.history import record_history
from portal.models import Unit
from portal.permissions import can_change_unit, role_required, scope_of
from portal.tracking import OPEN, TrackedStatus

from .exports import matrix_workbook
from .forms import DirectiveForm, MatrixFilterForm, ProgressFilterForm, ProgressForm, TaskForm
from .models import Directive, DirectiveTask, TaskProgress
from .periods import period_label
from .selectors import OVERDUE, directive_tasks, progress_matrix
from .services import (
    directive_delete,
    directive_publish,
    directive_save,
    progress_report,
    task_delete,
    task_save,
)

DUE_SOON_DAYS = 7


def _refused(form, error: ValidationError) -> None:
    """A service's refusal shown on the form it came from."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _in_view(user) -> Q:
    """The progress rows of the viewer's units (all for the committee)."""
    scope = scope_of(user)
    if scope.everything:
        return Q()
    return Q(tasks__progress__unit__path__startswith=scope.unit_path or "-")


@role_required("officer")
def directive_list(request):
    user = request.user
    today = timezone.localdate()
    mine = _in_view(user)
    open_ = Q(tasks__progress__status__in=OPEN)
    directives = (Directive.objects.visible_to(user).select_related("unit")
                  .annotate(total=Count("tasks__progress", filter=mine & ~Q(
                                tasks__progress__status=TrackedStatus.CANCELLED)),
                            done=Count("tasks__progress", filter=mine & Q(
                                tasks__progress__status=TrackedStatus.DONE)),
                            late=Count("tasks__progress", filter=mine & open_ & Q(
                                tasks__progress__due_on__lt=today)),
                            task_count=Count("tasks", distinct=True))
                  .order_by("-issued_on", "-pk"))
    page = Paginator(directives, 20).get_page(request.GET.get("page"))
    return render(request, "directives/directive_list.html", {
        "page_obj": page, "directives": page.object_list, "section": "directives",
        "can_add": Unit.objects.changeable_by(user).exists(),
    })


@role_required("officer")
def directive_detail(request, pk: int):
    user = request.user
    directive = get_object_or_404(Directive.objects.visible_to(user).select_related("unit"),
                                  pk=pk)
    can_change = can_change_unit(user, directive.unit)
    tasks = list(directive_tasks(directive).select_related("target_unit"))
    return render(request, "directives/directive_detail.html", {
        "directive": directive, "tasks": tasks, "can_change": can_change,
        "history": record_history(directive) if can_change else [],
        "section": "directives",
    })


@role_required("officer")
@require_http_methods(["GET", "POST"])
def directive_form(request, pk: int | None = None):
    user = request.user
    directive = None
    if pk is not None:
        directive = get_object_or_404(Directive.objects.changeable_by(user), pk=pk)
    initial = {"unit": user.unit_id if user.is_officer else
               Unit.objects.filter(parent=None).values_list("pk", flat=True).first(),
               "issued_on": timezone.localdate()}
    form = DirectiveForm(request.POST or None, request.FILES or None, instance=directive,
                         user=user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = directive_save(data=form.cleaned_data, by=user, directive=directive,
                                   attachment=form.cleaned_data.get("attachment"))
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("The directive was saved.") if directive else
                             _("The directive was saved as a draft; now add its tasks."))
            return redirect(saved)
    return render(request, "directives/directive_form.html", {
        "form": form, "directive": directive, "section": "directives",
        "title": _("Edit the directive") if directive else _("New directive"),
    })


@role_required("officer")
@require_POST
def directive_publish_view(request, pk: int):
    directive = get_object_or_404(Directive.objects.changeable_by(request.user), pk=pk)
    try:
        count = directive_publish(directive=directive, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The directive was published: %(n)s progress records "
                                    "were opened for the units.") % {"n": count})
    return redirect(directive)


@role_required("officer")
@require_POST
def directive_delete_view(request, pk: int):
    directive = get_object_or_404(Directive.objects.changeable_by(request.user), pk=pk)
    try:
        directive_delete(directive=directive, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(directive)
    messages.success(request, _("The draft directive was deleted."))
    return redirect("directives:list")


@role_required("officer")
def directive_attachment(request, pk: int):
    directive = get_object_or_404(Directive.objects.visible_to(request.user), pk=pk)
    return private_file_response(directive.attachment,
                                 filename=f"van-ban-{directive.pk}")


@role_required("officer")
@require_http_methods(["GET", "POST"])
def task_form(request, pk: int | None = None, directive_pk: int | None = None):
    user = request.user
    task = None
    if pk is not None:
        task = get_object_or_404(DirectiveTask.objects.changeable_by(user)
                                 .select_related("directive__unit"), pk=pk)
        directive = task.directive
    else:
        directive = get_object_or_404(Directive.objects.changeable_by(user)
                                      .select_related("unit"), pk=directive_pk)
    following = (directive.tasks.order_by("-number").values_list("number", flat=True)
                 .first() or 0) + 1
    form = TaskForm(request.POST or None, instance=task, directive=directive, user=user,
                    initial={"number": following, "target_unit": directive.unit_id})
    if request.method == "POST" and form.is_valid():
        try:
            task_save(directive=directive, data=form.cleaned_data, by=user, task=task)
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("The task was saved."))
            return redirect(directive)
    return render(request, "directives/task_form.html", {
        "form": form, "directive": directive, "task": task, "section": "directives",
        "title": _("Edit task %(n)s") % {"n": task.number} if task else _("Add a task"),
    })


@role_required("officer")
@require_POST
def task_delete_view(request, pk: int):
    task = get_object_or_404(DirectiveTask.objects.changeable_by(request.user)
                             .select_related("directive__unit"), pk=pk)
    try:
        task_delete(task=task, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The task was deleted."))
    return redirect(task.directive)


def _matrix(request, pk: int):
    user = request.user
    directive = get_object_or_404(Directive.objects.visible_to(user).select_related("unit"),
                                  pk=pk)
    form = MatrixFilterForm(request.GET or None, user=user)
    filters = form.filters()
    matrix = progress_matrix(directive=directive, user=user, today=timezone.localdate(),
                             area=filters.get("area", ""), status=filters.get("status", ""),
                             unit=filters.get("unit"))
    return directive, form, matrix


@role_required("officer")
def matrix(request, pk: int):
    directive, form, found = _matrix(request, pk)
    return render(request, "directives/matrix.html", {
        "directive": directive, "form": form, "matrix": found, "section": "directives",
        "query": request.GET.urlencode(),
        # Each cell opens its row: one reverse for the 1,200 cells of a large matrix.
        "cell_base": reverse("directives:progress", args=[0]).removesuffix("0/"),
    })


@role_required("officer")
def matrix_export(request, pk: int):
    directive, _form, found = _matrix(request, pk)
    response = HttpResponse(matrix_workbook(directive, found), content_type=XLSX_TYPE)
    name = f"tien-do-chi-dao-{directive.pk}-{timezone.localdate():%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@role_required("officer")
def progress_list(request):
    """The progress rows of the viewer's units: what the home to-do and the dashboard's
    figures open (`?tinh-trang=overdue|due|open|done`)."""
    user = request.user
    today = timezone.localdate()
    data = request.GET.copy()
    if "tinh-trang" in data:
        data["state"] = data["tinh-trang"]
    form = ProgressFilterForm(data or None, user=user)
    filters = form.filters()
    rows = (TaskProgress.objects.visible_to(user)
            .filter(task__directive__status=Directive.Status.PUBLISHED)
            .select_related("unit", "task__directive"))
    state = filters.get("state", "")
    if state == OVERDUE:
        rows = rows.overdue(today)
    elif state == "due":
        rows = rows.due_within(DUE_SOON_DAYS, today)
    elif state == "open":
        rows = rows.open()
    elif state == "done":
        rows = rows.filter(status=TrackedStatus.DONE)
    if filters.get("area"):
        rows = rows.filter(task__area=filters["area"])
    if filters.get("unit"):
        rows = rows.filter(unit__path__startswith=filters["unit"].path)
    page = Paginator(rows.order_by("due_on", "unit__path", "task__number", "pk"),
                     30).get_page(request.GET.get("page"))
    shown = list(page.object_list)
    for row in shown:
        row.late = row.is_overdue(today)
    return render(request, "directives/progress_list.html", {
        "page_obj": page, "rows": shown, "form": form, "today": today,
        "section": "progress", "query": request.GET.urlencode(),
    })


@role_required("officer")
@require_http_methods(["GET", "POST"])
def progress_detail(request, pk: int):
    user = request.user
    progress = get_object_or_404(TaskProgress.objects.visible_to(user)
                                 .select_related("unit", "task__directive__unit"), pk=pk)
    can_report = (can_change_unit(user, progress.unit)
                  and progress.task.directive.is_published)
    form = None
    if can_report:
        form = ProgressForm(request.POST or None, request.FILES or None, initial={
            "status": progress.status, "note": progress.note,
            "evidence_link": progress.evidence_link})
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                progress_report(progress=progress, by=user, status=data["status"],
                                note=data["note"], evidence=data.get("evidence"),
                                evidence_link=data["evidence_link"])
            except ValidationError as error:
                progress.refresh_from_db()
                _refused(form, error)
            else:
                messages.success(request, _("The progress was saved."))
                return redirect(progress)
    elif request.method == "POST":
        return redirect(progress)
    earlier = (TaskProgress.objects.visible_to(user)
               .filter(task=progress.task, unit=progress.unit).exclude(pk=progress.pk)
               .order_by("-period_start"))
    return render(request, "directives/progress_detail.html", {
        "progress": progress, "task": progress.task, "directive": progress.task.directive,
        "form": form, "history": record_history(progress), "earlier": earlier,
        "period": period_label(progress.task.rhythm, progress.period_start),
        "overdue": progress.is_overdue(timezone.localdate()), "section": "progress",
    })


@role_required("officer")
def progress_evidence(request, pk: int):
    progress = get_object_or_404(TaskProgress.objects.visible_to(request.user), pk=pk)
    return private_file_response(progress.evidence, filename=f"minh-chung-{progress.pk}")
