"""Thin views: parse, call one selector or service, render. Every bulletin is looked up
through `visible_to` (read) or `changeable_by` (write): another unit's bulletin is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from portal.files import private_file_response
from portal.permissions import can_change_unit, role_required

from .forms import AnswerForm, BulletinForm, OrientPeriodForm, QuestionForm
from .models import Bulletin, BulletinAttachment, BulletinQuestion
from .selectors import (
    managed_list,
    questions_for,
    reach,
    reading_list,
    time_to_orient,
)
from .services import (
    bulletin_mark_read,
    bulletin_publish,
    bulletin_update,
    in_audience,
    question_answer,
    question_ask,
    question_to_case,
)


def _visible(request, pk: int) -> Bulletin:
    return get_object_or_404(Bulletin.objects.visible_to(request.user).select_related("unit"),
                             pk=pk)


def _changeable(request, pk: int) -> Bulletin:
    return get_object_or_404(Bulletin.objects.changeable_by(request.user)
                             .select_related("unit"), pk=pk)


def _errors(error: ValidationError) -> str:
    return " ".join(error.messages)


@login_required
def bulletin_list(request):
    """What is addressed to the person, unread first, readable on a phone."""
    page = Paginator(reading_list(request.user), 20).get_page(request.GET.get("page"))
    return render(request, "bulletins/list.html", {
        "page_obj": page, "bulletins": page.object_list, "section": "list",
        "manager": request.user.is_officer or request.user.is_committee})


@role_required("officer")
def bulletin_manage(request):
    """What the officer's units issued, with their questions waiting for an answer."""
    page = Paginator(managed_list(request.user), 20).get_page(request.GET.get("page"))
    return render(request, "bulletins/manage.html", {
        "page_obj": page, "bulletins": page.object_list, "section": "manage"})


@login_required
def bulletin_detail(request, pk: int):
    bulletin = _visible(request, pk)
    user = request.user
    manager = can_change_unit(user, bulletin.unit)
    audience = in_audience(bulletin, user)
    if audience:
        bulletin_mark_read(bulletin=bulletin, reader=user)
    return render(request, "bulletins/detail.html", {
        "bulletin": bulletin, "manager": manager,
        "can_ask": audience and bulletin.is_live(),
        "attachments": list(bulletin.attachments.all()),
        "topics": list(bulletin.topics.all()),
        "reports": list(bulletin.answers_reports.visible_to(user).select_related("unit"))
        if user.is_officer or user.is_committee else [],
        "questions": questions_for(bulletin, user, manager=manager),
        "question_form": QuestionForm(), "answer_form": AnswerForm(),
        "section": "list"})


@role_required("officer")
@require_http_methods(["GET", "POST"])
def bulletin_new(request):
    form = BulletinForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            bulletin = bulletin_publish(unit=form.cleaned_data["unit"], by=request.user,
                                        data=form.service_data())
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, _("The bulletin is published to its audience."))
            return redirect(bulletin)
    return render(request, "bulletins/form.html", {"form": form, "section": "new"})


@role_required("officer")
@require_http_methods(["GET", "POST"])
def bulletin_edit(request, pk: int):
    bulletin = _changeable(request, pk)
    form = BulletinForm(request.POST or None, request.FILES or None, instance=bulletin,
                        user=request.user)
    form.fields["unit"].disabled = True
    if request.method == "POST" and form.is_valid():
        try:
            bulletin_update(bulletin=bulletin, by=request.user, data=form.service_data())
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, _("The bulletin is saved."))
            return redirect(bulletin)
    return render(request, "bulletins/form.html",
                  {"form": form, "bulletin": bulletin, "section": "manage"})


def _attach(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@login_required
def attachment(request, pk: int):
    file = get_object_or_404(BulletinAttachment.objects.filter(
        bulletin__in=Bulletin.objects.visible_to(request.user)), pk=pk)
    stem = file.name.rsplit(".", 1)[0] or "tep-dinh-kem"
    return private_file_response(file.file, filename=stem)


@role_required("officer")
def bulletin_reach(request, pk: int):
    """How many of the audience opened it, per unit of the officer's subtree (the
    committee: every unit); people are counted, never listed."""
    bulletin = _visible(request, pk)
    rows, total = reach(bulletin, request.user)
    return render(request, "bulletins/reach.html", {
        "bulletin": bulletin, "rows": rows, "total": total, "section": "manage"})


@login_required
@require_POST
def question_new(request, pk: int):
    bulletin = _visible(request, pk)
    if not in_audience(bulletin, request.user):
        raise Http404
    form = QuestionForm(request.POST)
    if form.is_valid():
        try:
            question_ask(bulletin=bulletin, asker=request.user, text=form.cleaned_data["text"])
        except ValidationError as error:
            messages.error(request, _errors(error))
        else:
            messages.success(request, _("Your question is sent; the answer will be shown "
                                        "under the bulletin."))
    else:
        messages.error(request, _errors(ValidationError(list(form.errors["text"]))))
    return redirect(bulletin)


def _question(request, pk: int) -> BulletinQuestion:
    return get_object_or_404(BulletinQuestion.objects.filter(
        bulletin__in=Bulletin.objects.changeable_by(request.user)).select_related(
        "bulletin__unit"), pk=pk)


@role_required("officer")
@require_POST
def question_reply(request, pk: int):
    question = _question(request, pk)
    form = AnswerForm(request.POST)
    if form.is_valid():
        question_answer(question=question, by=request.user, answer=form.cleaned_data["answer"])
        messages.success(request, _("The answer is shown to the whole audience."))
    else:
        messages.error(request, _errors(ValidationError(list(form.errors["answer"]))))
    return redirect(question.bulletin)


@role_required("officer")
@require_POST
def question_case(request, pk: int):
    question = _question(request, pk)
    try:
        question_to_case(question=question, by=request.user)
    except ValidationError:
        messages.error(request, _("The case could not be opened in the grievance register."))
    else:
        messages.success(request, _("A case is opened in the grievance register; the asker "
                                    "stays anonymous."))
    return redirect(question.bulletin)


@role_required()
def orient(request):
    """The committee's page: for each hot topic, the time from the first opinion report to
    the first bulletin answering it, overall and per grassroots union."""
    form = OrientPeriodForm(request.GET or None)
    period = form.selected_period()
    rows = time_to_orient(period=period)
    return render(request, "bulletins/orient.html", {
        "form": form, "period": period, "rows": rows, "section": "orient"})
