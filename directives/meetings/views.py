"""Thin views of briefing meetings: parse, call one selector or service, render. Every
object is looked up through `visible_to`/`changeable_by`: another unit's is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from portal.history import record_history
from portal.models import Unit, User
from portal.permissions import can_change_unit, role_required
from portal.services import tracked_item_progress

from . import selectors
from .forms import (
    ActionFilterForm,
    ActionForm,
    AttendanceForm,
    CadenceForm,
    MeetingFilterForm,
    MeetingForm,
    ProgressForm,
)
from .models import Action, Meeting
from .services import action_create, meeting_create, meeting_set_attendance, meeting_update

PAGE_SIZE = 20


def _page(request, rows, name="page"):
    return Paginator(rows, PAGE_SIZE).get_page(request.GET.get(name))


@role_required("officer")
def meeting_list(request):
    form = MeetingFilterForm(request.GET or None, user=request.user)
    rows = selectors.meeting_rows(request.user, form.filters())
    upcoming = rows.upcoming().order_by("starts_at", "pk")[:PAGE_SIZE]
    past = _page(request, rows.past().order_by("-starts_at", "-pk"))
    return render(request, "meetings/meeting_list.html", {
        "form": form, "upcoming": upcoming, "page_obj": past, "past": past.object_list,
        "can_add": Unit.objects.changeable_by(request.user).exists()})


def _pdf_url(meeting: Meeting) -> str:
    """The printable minutes, once `reports` offers documents about a record."""
    try:
        return reverse("reports:subject_pdf", kwargs={"kind": "meeting_minutes",
                                                      "pk": meeting.pk})
    except NoReverseMatch:
        return ""


@role_required("officer")
def meeting_detail(request, pk: int):
    meeting = get_object_or_404(Meeting.objects.visible_to(request.user)
                                .select_related("unit"), pk=pk)
    return render(request, "meetings/meeting_detail.html", {
        "data": selectors.meeting_page(meeting, request.user), "meeting": meeting,
        "can_change": can_change_unit(request.user, meeting.unit),
        "pdf_url": _pdf_url(meeting), "today": timezone.localdate()})


@role_required("officer")
@require_http_methods(["GET", "POST"])
def meeting_form(request, pk: int | None = None):
    meeting = None
    if pk is not None:
        meeting = get_object_or_404(Meeting.objects.changeable_by(request.user), pk=pk)
    form = MeetingForm(request.POST or None, instance=meeting, user=request.user,
                       initial={} if meeting else {"unit": request.user.unit_id})
    if request.method == "POST" and form.is_valid():
        try:
            if meeting is None:
                meeting = meeting_create(data=form.cleaned_data, by=request.user)
                messages.success(request, _("The meeting was saved; now record who attended."))
                return redirect("meetings:attendance", pk=meeting.pk)
            meeting_update(meeting=meeting, data=form.cleaned_data, by=request.user)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect(meeting)
    return render(request, "meetings/meeting_form.html", {
        "form": form, "meeting": meeting,
        "title": _("Edit the meeting") if meeting else _("Record a briefing meeting")})


def _form_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _people(meeting: Meeting):
    """The accounts of the meeting's unit (and, at the university level, the committee)."""
    people = Q(unit__path__startswith=meeting.unit.path)
    if meeting.unit.parent_id is None:
        people |= Q(role=User.Role.COMMITTEE)
    return (User.objects.filter(people, is_active=True).select_related("unit")
            .order_by("unit__path", "full_name"))


@role_required("officer")
@require_http_methods(["GET", "POST"])
def meeting_attendance(request, pk: int):
    meeting = get_object_or_404(Meeting.objects.changeable_by(request.user)
                                .select_related("unit"), pk=pk)
    rows = list(meeting.attendance.all())
    recorded = {a.account_id: a for a in rows if a.account_id}
    guests = "\n".join(", ".join(filter(None, [a.guest_name, a.guest_title]))
                       for a in rows if not a.account_id)
    people = _people(meeting)
    if meeting.unit.parent_id is None:  # the whole university: those who run its unions
        people = people.filter(Q(role__in=[User.Role.COMMITTEE, User.Role.OFFICER])
                               | Q(pk__in=list(recorded)))
    form = AttendanceForm(request.POST or None, candidates=people, recorded=recorded,
                          initial={"guests": guests})
    if request.method == "POST" and form.is_valid():
        try:
            count = meeting_set_attendance(meeting=meeting, accounts=form.cleaned_data["accounts"],
                                           guests=form.cleaned_data["guest_rows"],
                                           by=request.user)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Attendance saved: %(n)s people.") % {"n": count})
            return redirect(meeting)
    return render(request, "meetings/attendance_form.html", {"meeting": meeting, "form": form})


@role_required("officer")
@require_http_methods(["GET", "POST"])
def action_new(request, pk: int):
    meeting = get_object_or_404(Meeting.objects.changeable_by(request.user)
                                .select_related("unit"), pk=pk)
    form = ActionForm(request.POST or None, people=_people(meeting))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            action_create(meeting=meeting, title=data["title"], owner=data["owner"],
                          due_on=data["due_on"], by=request.user)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The action was added."))
            return redirect(meeting)
    return render(request, "meetings/action_form.html", {"meeting": meeting, "form": form})


@login_required
def action_list(request):
    """The follow-up actions a person sees: their own, and their units' for an officer."""
    today = timezone.localdate()
    form = ActionFilterForm(request.GET or None, user=request.user)
    filters = form.filters()
    if not (request.user.is_officer or request.user.is_committee):
        filters["mine"] = True
    page = _page(request, selectors.action_rows(request.user, filters, today))
    return render(request, "meetings/action_list.html", {
        "form": form, "page_obj": page, "actions": page.object_list, "today": today})


@login_required
@require_http_methods(["GET", "POST"])
def action_detail(request, pk: int):
    """An action's progress: reported by its unit's officers or the person in charge."""
    action = get_object_or_404(Action.objects.visible_to(request.user)
                               .select_related("meeting", "meeting__unit", "owner"), pk=pk)
    form = ProgressForm(request.POST or None, initial={
        "status": action.status, "note": action.note, "evidence_link": action.evidence_link})
    if request.method == "POST" and form.is_valid():
        try:
            tracked_item_progress(item=action, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            action.refresh_from_db()
            _form_errors(form, error)
        else:
            messages.success(request, _("The progress was saved."))
            return redirect(action)
    history = record_history(action, limit=10)
    return render(request, "meetings/action_detail.html", {
        "action": action, "form": form, "history": history, "today": timezone.localdate(),
        "can_see_meeting": Meeting.objects.visible_to(request.user)
        .filter(pk=action.meeting_id).exists()})


@role_required("officer")
def cadence(request):
    """Which units held the meetings their level expects in a period, and which did not."""
    form = CadenceForm(request.GET or None, user=request.user)
    period, scope = form.chosen(request.user)
    units = [scope, *Unit.objects.filter(parent=scope, is_active=True).order_by("path")] \
        if scope else []
    rows = selectors.cadence_by_unit(units, period)
    return render(request, "meetings/cadence.html", {
        "form": form, "period": period, "scope": scope,
        "rows": [rows[u.pk] for u in units]})
