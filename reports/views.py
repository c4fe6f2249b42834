from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.files import private_file_response
from portal.permissions import role_required

from .forms import ReportRequestForm, ReportReviewForm
from .models import Report
from .services import (
    ReportRequestError,
    report_issue,
    report_regenerate,
    report_request,
    report_request_for_survey,
    report_review,
)

report_reader = role_required("officer")


@report_reader
def report_list(request):
    reports = Report.objects.visible_to(request.user).select_related("scope")
    kind = request.GET.get("kind")
    if kind in Report.Kind.values:
        reports = reports.filter(kind=kind)
    from django.core.paginator import Paginator

    page = Paginator(reports, 25).get_page(request.GET.get("page"))
    return render(request, "reports/report_list.html", {
        "page_obj": page, "reports": page.object_list, "kinds": Report.Kind.choices,
        "chosen_kind": kind, "form": ReportRequestForm(user=request.user)})


def _request_answer(report: Report) -> str | None:
    """What asking for a report found, when the page's status box does not say it: the
    same report may already be done, or have failed. (A report in progress says so in its
    box, which follows it; a notice above it would still say "being prepared" when done.)"""
    if report.status == Report.Status.DONE:
        return _("This report has already been made: it is below, ready to download.")
    if report.status == Report.Status.FAILED:
        return _("This report was asked for before and its generation failed: try again "
                 "below.")
    return None


@report_reader
def report_new(request):
    form = ReportRequestForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["kind"] == Report.Kind.SURVEY:
                report = report_request_for_survey(survey=form.cleaned_data["survey"],
                                                   by=request.user)
            else:
                report = report_request(kind=form.cleaned_data["kind"], period=form.period,
                                        scope=form.cleaned_data["scope"], by=request.user)
        except ReportRequestError as error:
            form.add_error(None, str(error))
        else:
            if answer := _request_answer(report):
                messages.info(request, answer)
            return redirect(report)
    return render(request, "reports/report_new.html", {"form": form})


@report_reader
def report_detail(request, pk: int):
    report = get_object_or_404(Report.objects.visible_to(request.user).select_related(
        "scope", "requested_by"), pk=pk)
    template = "reports/report_detail.html"
    if request.htmx:
        template += "#status"
    return render(request, template, {"report": report})


@require_POST
@report_reader
def report_regenerate_view(request, pk: int):
    report = get_object_or_404(Report.objects.changeable_by(request.user), pk=pk)
    report = report_regenerate(report=report, by=request.user)
    messages.info(request, _("A new version is being generated; the current file stays "
                             "available until it is ready."))
    return redirect(report)


@report_reader
def report_review_view(request, pk: int):
    """The committee reads the draft and writes its introduction and recommendations."""
    from .builders import default_introduction, default_recommendations

    report = get_object_or_404(Report.objects.changeable_by(request.user)
                               .select_related("scope"), pk=pk)
    if not report.is_draft:
        messages.info(request, _("This report is not a draft to review."))
        return redirect(report)
    form = ReportReviewForm(request.POST or None, initial={
        "introduction": report.introduction or default_introduction(report),
        "recommendations": report.recommendations or default_recommendations(report)})
    if request.method == "POST" and form.is_valid():
        try:
            report_review(report=report, by=request.user, **form.cleaned_data)
        except ReportRequestError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Saved; the draft is being generated again."))
            return redirect(report)
    return render(request, "reports/report_review.html", {"report": report, "form": form})


@require_POST
@report_reader
def report_issue_view(request, pk: int):
    report = get_object_or_404(Report.objects.changeable_by(request.user), pk=pk)
    try:
        report = report_issue(report=report, by=request.user)
    except ReportRequestError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Issued as %(number)s; the signed files are being made.")
                         % {"number": report.number_label})
    return redirect(report)


@login_required
def report_download(request, pk: int, fmt: str):
    report = get_object_or_404(Report.objects.visible_to(request.user), pk=pk)
    if not (request.user.is_committee or request.user.is_officer):
        raise PermissionDenied
    field = {"pdf": report.pdf, "docx": report.docx}.get(fmt)
    if field is None:
        raise Http404
    return private_file_response(field, filename=report.download_name, attachment=True)


@report_reader
def dashboard(request):
    from .cache import cached
    from .dashboard import build_dashboard, top_unit
    from .forms import DashboardPeriodForm

    form = DashboardPeriodForm(request.GET or None)
    period = form.selected_period()
    user = request.user
    if user.is_committee:
        scope, university = top_unit(), None
    else:
        if user.unit is None:
            raise PermissionDenied
        scope = user.unit
        top = top_unit()
        university = cached("dashboard", (top.pk, period.start, period.end),
                            lambda: build_dashboard(scope=top, period=period)).total
    board = cached("dashboard", (scope.pk, period.start, period.end),
                   lambda: build_dashboard(scope=scope, period=period))
    return render(request, "reports/dashboard.html", {
        "form": form, "board": board, "university": university})
