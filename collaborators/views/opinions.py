import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from portal.permissions import role_required

from .. import charts
from ..forms import CommentForm, EscalateForm, OpinionReportForm, PeriodForm, ReportFilterForm
from ..models import OpinionReport
from ..selectors import notable_reports, opinion_report_counts, review_queue
from ..services import (
    opinion_report_comment,
    opinion_report_escalate,
    opinion_report_file,
    opinion_report_review,
    reporting_unit,
)

FILERS = ("collaborator", "officer")


@role_required(*FILERS)
def report_list(request):
    """A collaborator's own reports; an officer's review queue (waiting ones by default)."""
    user = request.user
    reviewer = user.is_officer or user.is_committee
    params = request.GET.copy()
    if reviewer and "status" not in params:
        params["status"] = OpinionReport.Status.NEW
    form = ReportFilterForm(params, user=user)
    reports = review_queue(user, **form.filters()) if reviewer \
        else review_queue(user).filter(author=user)
    page = Paginator(reports, 20).get_page(request.GET.get("page"))
    return render(request, "collaborators/report_list.html", {
        "form": form, "page_obj": page, "reports": page.object_list, "reviewer": reviewer,
        "section": "reports",
    })


@role_required(*FILERS)
@require_http_methods(["GET", "POST"])
def report_new(request):
    """Made for a phone: tap a topic, write two lines, tap the sentiment, send."""
    if reporting_unit(request.user) is None:
        raise PermissionDenied
    form = OpinionReportForm(request.POST or None, initial={"key": uuid.uuid4()})
    if request.method == "POST" and form.is_valid():
        opinion_report_file(author=request.user, data=form.cleaned_data,
                            key=form.cleaned_data.get("key"))
        messages.success(request, _("Thank you: your report was sent to the union office."))
        return redirect("collaborators:report_list")
    return render(request, "collaborators/report_form.html",
                  {"form": form, "section": "report_new"})


@role_required(*FILERS)
def report_detail(request, pk: int):
    report = get_object_or_404(OpinionReport.objects.visible_to(request.user)
                               .select_related("unit", "author", "collaborator", "reviewed_by",
                                               "escalated_by"), pk=pk)
    can_review = OpinionReport.objects.changeable_by(request.user).filter(pk=pk).exists()
    return render(request, "collaborators/report_detail.html", {
        "report": report, "comments": report.comments.select_related("author"),
        "can_review": can_review, "comment_form": CommentForm(),
        "escalate_form": EscalateForm(), "section": "reports",
    })


def _changeable(request, pk: int) -> OpinionReport:
    return get_object_or_404(OpinionReport.objects.changeable_by(request.user), pk=pk)


@role_required("officer")
@require_POST
def report_review(request, pk: int):
    """Add a comment, and with the "review" button also mark the report as reviewed."""
    report = _changeable(request, pk)
    form = CommentForm(request.POST)
    reviewing = request.POST.get("action") == "review"
    if not form.is_valid() or not (reviewing or form.cleaned_data["body"].strip()):
        messages.error(request, _("Write a comment first (at most 2,000 characters)."))
    elif reviewing:
        opinion_report_review(report=report, by=request.user, comment=form.cleaned_data["body"])
        messages.success(request, _("Marked as reviewed."))
    else:
        opinion_report_comment(report=report, by=request.user, body=form.cleaned_data["body"])
        messages.success(request, _("Your comment was added."))
    return redirect(report)


@role_required("officer")
@require_http_methods(["GET", "POST"])
def report_escalate(request, pk: int):
    report = _changeable(request, pk)
    form = EscalateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        opinion_report_escalate(report=report, by=request.user, note=form.cleaned_data["note"])
        messages.success(request, _("Escalated: it will be followed up as an issue."))
        return redirect(report)
    return render(request, "collaborators/report_escalate.html",
                  {"report": report, "form": form, "section": "reports"})


@role_required("officer")
def hot_topics(request):
    form = PeriodForm(request.GET or None, user=request.user)
    period, unit = form.chosen()
    counts = opinion_report_counts(period=period, unit=unit, viewer=request.user)
    return render(request, "collaborators/hot_topics.html", {
        "form": form, "counts": counts, "unit": unit,
        "notable": notable_reports(period=period, unit=unit, viewer=request.user),
        "charts": {
            "topics": charts.topic_trend_chart(counts),
            "sentiment": charts.breakdown_chart(counts.by_sentiment, _("By sentiment")),
            "urgency": charts.breakdown_chart(counts.by_urgency, _("By urgency")),
            "spread": charts.breakdown_chart(counts.by_spread, _("By how widespread")),
        },
        "section": "hot_topics",
    })
