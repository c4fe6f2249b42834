"""Thin views of dialogue sessions: parse, call one selector or service, render. Every
object is looked up through `visible_to`/`changeable_by`: another unit's record is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from portal.files import private_file_response
from portal.models import Unit
from portal.permissions import can_change_unit, role_required
from portal.tracking import OPEN, TrackedStatus

from ..models import Commitment, DialogueSession
from . import selectors, services
from .forms import (
    CommitmentFilterForm,
    CommitmentForm,
    MinutesForm,
    QuestionFormSet,
    SessionFilterForm,
    SessionForm,
    SummaryForm,
    YearsForm,
)

PER_PAGE = 25
DUE_SOON_DAYS = 7


def _errors_to_form(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def print_url(session: DialogueSession) -> str:
    """The printable minutes (the reports app renders them), once that address exists."""
    try:
        return reverse("reports:subject_pdf", args=["dialogue_minutes", session.pk])
    except NoReverseMatch:
        return ""


@role_required("officer")
def session_list(request):
    form = SessionFilterForm(request.GET or None, user=request.user)
    filters = form.filters()
    sessions = selectors.sessions_for(request.user)
    if filters.get("unit"):
        sessions = sessions.filter(unit__path__startswith=filters["unit"].path)
    if filters.get("kind"):
        sessions = sessions.filter(kind=filters["kind"])
    if filters.get("year"):
        sessions = sessions.in_year(filters["year"])
    page = Paginator(sessions.order_by("-starts_at", "-pk"), PER_PAGE).get_page(
        request.GET.get("page"))
    return render(request, "dialogue/sessions/session_list.html", {
        "form": form, "page_obj": page, "sessions": page.object_list, "section": "sessions",
        "can_add": Unit.objects.changeable_by(request.user).exists(),
        "now": timezone.now()})


@role_required("officer")
def session_detail(request, pk: int):
    session = get_object_or_404(DialogueSession.objects.visible_to(request.user)
                                .select_related("unit", "organiser"), pk=pk)
    today = timezone.localdate()
    commitments = list(session.commitments.select_related("owner").order_by("due_on", "pk"))
    return render(request, "dialogue/sessions/session_detail.html", {
        "session": session, "questions": session.questions.all(),
        "commitments": commitments, "today": today,
        "held": session.starts_at <= timezone.now(),
        "can_change": can_change_unit(request.user, session.unit),
        "print_url": print_url(session), "section": "sessions"})


@role_required("officer")
@require_http_methods(["GET", "POST"])
def session_form(request, pk: int | None = None):
    session = None
    if pk is not None:
        session = get_object_or_404(DialogueSession.objects.changeable_by(request.user), pk=pk)
    elif not Unit.objects.changeable_by(request.user).exists():
        return redirect("dialogue:session_list")
    form = SessionForm(request.POST or None, instance=session, user=request.user,
                       initial={"unit": request.user.unit_id})
    if request.method == "POST" and form.is_valid():
        try:
            if session is None:
                session = services.session_create(data=form.cleaned_data, by=request.user)
                messages.success(request, _("The session was saved."))
            else:
                services.session_update(session=session, data=form.cleaned_data,
                                        by=request.user)
                messages.success(request, _("The changes were saved."))
            return redirect(session)
        except ValidationError as error:
            _errors_to_form(form, error)
    return render(request, "dialogue/sessions/session_form.html", {
        "form": form, "session": session, "section": "sessions",
        "title": _("Edit the session") if session else _("Plan a dialogue session")})


@role_required("officer")
@require_POST
def session_agenda_sent(request, pk: int):
    session = get_object_or_404(DialogueSession.objects.changeable_by(request.user), pk=pk)
    try:
        services.session_mark_agenda_sent(session=session, by=request.user)
        messages.success(request, _("The agenda is marked as sent today."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(session)


@role_required("officer")
@require_http_methods(["GET", "POST"])
def session_minutes(request, pk: int):
    session = get_object_or_404(DialogueSession.objects.changeable_by(request.user)
                                .select_related("unit"), pk=pk)
    if session.starts_at > timezone.now():
        messages.error(request, _("The session has not taken place yet: record its minutes "
                                  "once it has been held."))
        return redirect(session)
    form = MinutesForm(request.POST or None, request.FILES or None, instance=session)
    questions = QuestionFormSet(request.POST or None, prefix="q", initial=[
        {"asked_by": q.asked_by, "question": q.question, "answer": q.answer}
        for q in session.questions.all()])
    if request.method == "POST" and form.is_valid() and questions.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "signed_minutes"}
        upload = form.cleaned_data.get("signed_minutes")
        try:
            services.session_record_minutes(
                session=session, data=data, by=request.user,
                questions=[q for q in questions.cleaned_data if q],
                signed_minutes=upload if hasattr(upload, "size") else None)
            messages.success(request, _("The minutes were saved."))
            return redirect(session)
        except ValidationError as error:
            session.refresh_from_db()
            _errors_to_form(form, error)
    return render(request, "dialogue/sessions/session_minutes.html", {
        "form": form, "questions": questions, "session": session, "section": "sessions"})


@role_required("officer")
def session_signed_minutes(request, pk: int):
    session = get_object_or_404(DialogueSession.objects.visible_to(request.user), pk=pk)
    return private_file_response(session.signed_minutes,
                                 filename=f"bien-ban-doi-thoai-{session.pk}")


@role_required("officer")
@require_http_methods(["GET", "POST"])
def session_publish(request, pk: int):
    session = get_object_or_404(DialogueSession.objects.changeable_by(request.user)
                                .select_related("unit"), pk=pk)
    form = SummaryForm(request.POST or None, initial={"summary": session.summary})
    if request.method == "POST" and form.is_valid():
        try:
            services.session_publish_summary(session=session, by=request.user,
                                             summary=form.cleaned_data["summary"])
            messages.success(request, _("The summary is published to the unit's members."))
            return redirect(session)
        except ValidationError as error:
            session.refresh_from_db()
            _errors_to_form(form, error)
    return render(request, "dialogue/sessions/session_publish.html", {
        "form": form, "session": session, "section": "sessions"})


@role_required("officer")
@require_http_methods(["GET", "POST"])
def commitment_create(request, pk: int):
    session = get_object_or_404(DialogueSession.objects.changeable_by(request.user)
                                .select_related("unit"), pk=pk)
    form = CommitmentForm(request.POST or None, session=session)
    if request.method == "POST" and form.is_valid():
        try:
            services.commitment_create(session=session, data=form.cleaned_data,
                                       by=request.user)
            messages.success(request, _("The commitment was added."))
            return redirect(session)
        except ValidationError as error:
            _errors_to_form(form, error)
    return render(request, "dialogue/sessions/commitment_form.html", {
        "form": form, "session": session, "section": "sessions",
        "title": _("Add a commitment")})


@role_required("officer")
@require_http_methods(["GET", "POST"])
def commitment_edit(request, pk: int):
    commitment = get_object_or_404(Commitment.objects.changeable_by(request.user)
                                   .select_related("session", "session__unit"), pk=pk)
    session = commitment.session
    form = CommitmentForm(request.POST or None, instance=commitment, session=session)
    if request.method == "POST" and form.is_valid():
        try:
            services.commitment_update(commitment=commitment, data=form.cleaned_data,
                                       by=request.user)
            messages.success(request, _("The changes were saved."))
            return redirect(session)
        except ValidationError as error:
            _errors_to_form(form, error)
    return render(request, "dialogue/sessions/commitment_form.html", {
        "form": form, "session": session, "commitment": commitment, "section": "sessions",
        "title": _("Commitment and its progress")})


@role_required("officer")
def commitment_list(request):
    form = CommitmentFilterForm(request.GET or None, user=request.user)
    filters = form.filters()
    today = timezone.localdate()
    items = selectors.commitments_for(request.user)
    if filters.get("unit"):
        items = items.filter(unit__path__startswith=filters["unit"].path)
    state = filters.get("state")
    if state == "open":
        items = items.filter(status__in=OPEN)
    elif state == "overdue":
        items = items.overdue(today)
    elif state == "due":
        items = items.due_within(DUE_SOON_DAYS, today)
    elif state == "done":
        items = items.filter(status=TrackedStatus.DONE)
    page = Paginator(items, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "dialogue/sessions/commitment_list.html", {
        "form": form, "page_obj": page, "commitments": page.object_list, "today": today,
        "section": "commitments"})


@role_required("officer")
def overview(request):
    form = YearsForm(request.GET or None)
    today = timezone.localdate()
    until = today.year
    if form.is_valid() and form.cleaned_data.get("until"):
        until = form.cleaned_data["until"]
    years = list(range(until - 4, until + 1))
    data = selectors.conference_overview(request.user, years=years, today=today)
    return render(request, "dialogue/sessions/overview.html", {
        "form": form, "overview": data, "totals": data.totals(), "section": "overview",
        "deadline": selectors.conference_deadline(until - 1)})


@login_required
def progress(request):
    """The public progress page of a member's unit: the published sessions and every
    commitment made there with its progress. Nothing internal."""
    data = selectors.public_progress(request.user)
    return render(request, "dialogue/sessions/progress.html", {
        "progress": data, "today": timezone.localdate(), "section": "progress"})


@login_required
def session_summary(request, pk: int):
    session = get_object_or_404(DialogueSession.objects.published_for(request.user)
                                .select_related("unit"), pk=pk)
    commitments = (session.commitments.exclude(status=TrackedStatus.CANCELLED)
                   .only("title", "responsible", "due_on", "status", "completed_on",
                         "public_note", "session_id", "unit_id").order_by("due_on", "pk"))
    return render(request, "dialogue/sessions/session_summary.html", {
        "session": session, "commitments": commitments, "today": timezone.localdate(),
        "section": "progress"})
