from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.files import private_file_response
from portal.permissions import role_required

from ..models import UnitReport
from . import selectors
from .forms import AcknowledgeForm, IssueFormSet, StatusForm, UnitReportForm, UnitReportStartForm
from .services import (
    EDITABLE,
    ISSUE_FIELDS,
    UnitReportError,
    unit_report_acknowledge,
    unit_report_render,
    unit_report_start,
    unit_report_submit,
    unit_report_update,
)

officer = role_required("officer")
committee = role_required()  # only the committee (role_required lets it through always)


@officer
def unit_report_list(request):
    reports = selectors.unit_reports_for(request.user)
    status = request.GET.get("status")
    if status in UnitReport.Status.values:
        reports = reports.filter(status=status)
    page = Paginator(reports, 25).get_page(request.GET.get("page"))
    return render(request, "reports/unit_reports/list.html", {
        "page_obj": page, "reports": page.object_list, "statuses": UnitReport.Status.choices,
        "chosen_status": status})


@officer
def unit_report_new(request):
    form = UnitReportStartForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            report = unit_report_start(
                unit=form.cleaned_data["unit"], kind=form.cleaned_data["kind"],
                month=form.chosen_month, subject=form.cleaned_data["subject"],
                by=request.user)
        except UnitReportError as error:
            form.add_error(None, str(error))
        else:
            return redirect("reports:unit_report_edit", report.pk)
    return render(request, "reports/unit_reports/new.html", {"form": form})


@officer
def unit_report_detail(request, pk: int):
    report = get_object_or_404(UnitReport.objects.visible_to(request.user).select_related(
        "unit", "submitted_by", "acknowledged_by"), pk=pk)
    return render(request, "reports/unit_reports/detail.html", {
        "report": report, "issues": report.issues.all(),
        "acknowledge_form": AcknowledgeForm(),
        "history": report.history.select_related("history_user")[:20]})


def _issue_initial(report: UnitReport) -> list[dict]:
    return [{name: getattr(issue, name) for name in ISSUE_FIELDS}
            for issue in report.issues.all()]


@officer
def unit_report_edit(request, pk: int):
    report = get_object_or_404(UnitReport.objects.changeable_by(request.user)
                               .select_related("unit"), pk=pk)
    if not report.is_draft:
        messages.error(request, _("This report was submitted: it can no longer be changed."))
        return redirect(report)
    data = request.POST if request.method == "POST" else None
    form = UnitReportForm(data, instance=UnitReport.objects.get(pk=report.pk))
    issues = IssueFormSet(data, initial=_issue_initial(report), prefix="issues")
    if data is not None and form.is_valid() and issues.is_valid():
        kept = [f.cleaned_data for f in issues.forms
                if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        try:
            unit_report_update(report=report, by=request.user,
                               fields={k: form.cleaned_data.get(k) for k in EDITABLE
                                       if k in form.cleaned_data}, issues=kept)
            if "submit" in request.POST:
                unit_report_submit(report=report, by=request.user)
                messages.success(request, _("The report was sent to the university."))
            else:
                messages.success(request, _("The draft was saved."))
        except UnitReportError as error:
            form.add_error(None, str(error))
        else:
            return redirect(report)
    return render(request, "reports/unit_reports/edit.html", {
        "report": report, "form": form, "issues": issues})


@require_POST
@officer
def unit_report_submit_view(request, pk: int):
    report = get_object_or_404(UnitReport.objects.changeable_by(request.user), pk=pk)
    try:
        unit_report_submit(report=report, by=request.user)
    except UnitReportError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The report was sent to the university."))
    return redirect(report)


@require_POST
@officer
def unit_report_acknowledge_view(request, pk: int):
    report = get_object_or_404(UnitReport.objects.visible_to(request.user), pk=pk)
    if not request.user.is_committee:
        raise PermissionDenied
    form = AcknowledgeForm(request.POST)
    if form.is_valid():
        try:
            unit_report_acknowledge(report=report, by=request.user,
                                    comment=form.cleaned_data["comment"])
        except UnitReportError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The report was acknowledged."))
    else:
        messages.error(request, _("The comment is too long."))
    return redirect(report)


@officer
def unit_report_download(request, pk: int, fmt: str):
    report = get_object_or_404(UnitReport.objects.visible_to(request.user), pk=pk)
    if fmt not in ("pdf", "docx") or report.is_draft:
        raise Http404
    if not report.pdf:  # its job has not run yet: make the files now
        report = unit_report_render(report_id=report.pk) or report
    field = report.pdf if fmt == "pdf" else report.docx
    return private_file_response(field, filename=report.download_name, attachment=True)


@committee
def unit_report_status(request):
    today = timezone.localdate()
    last, count = selectors.last_due_month(today), 6
    form = StatusForm(request.GET or None, last=last)
    if form.is_valid():
        count = form.cleaned_data["months"] or 6
        if form.cleaned_data["last"]:
            year, month = form.cleaned_data["last"].split("-")
            last = last.replace(year=int(year), month=int(month))
    months = selectors.months_ending(last, count)
    lines = selectors.reporting_table(user=request.user, months=months, today=today)
    return render(request, "reports/unit_reports/status.html", {
        "form": form, "months": months, "lines": lines,
        "summaries": [selectors.month_summary(lines, n) for n in range(len(months))]})
