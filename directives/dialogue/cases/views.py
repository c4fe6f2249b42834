"""Views of the grievance register: thin; every case is looked up through `changeable_by`,
`visible_to` or `raised_by`, so another unit's case is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from portal.files import private_file_response
from portal.models import Unit
from portal.permissions import role_required

from ..models.cases import AnswerTemplate, Case
from . import receipts, selectors, services
from .forms import (
    AnswerForm,
    AssignForm,
    CaseForm,
    IntakeForm,
    LinkForm,
    MemberCaseForm,
    QueueFilterForm,
    ReceiptForm,
    SurveyCaseForm,
    TemplateForm,
    TextForm,
    apply_errors,
)

PAGE = 25


def _handled(request, pk) -> Case:
    return get_object_or_404(Case.objects.changeable_by(request.user)
                             .select_related("unit", "owner"), pk=pk)


def _seen(request, pk) -> Case:
    """Staff read: the unit's officers, the person in charge, the committee."""
    cases = Case.objects.changeable_by(request.user) | Case.objects.filter(owner=request.user.pk)
    return get_object_or_404(cases.select_related("unit", "owner", "linked_to",
                                                  "opinion_report", "survey"), pk=pk)


@role_required("officer")
def queue(request):
    form = QueueFilterForm(request.GET or None, user=request.user)
    filters = form.filters()
    today = timezone.localdate()
    cases = selectors.case_queue(request.user, today=today, stage=filters.get("stage", ""),
                                 unit=filters.get("unit"), overdue=filters.get("overdue", False),
                                 query=filters.get("q", ""))
    page = Paginator(cases, PAGE).get_page(request.GET.get("page"))
    return render(request, "dialogue/cases/queue.html", {
        "form": form, "page_obj": page, "cases": page.object_list, "today": today})


@role_required("officer")
@require_http_methods(["GET", "POST"])
def new(request):
    form = CaseForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = services.case_open(by=request.user, unit=data["unit"], title=data["title"],
                                      description=data["description"], source=data["source"],
                                      category=data["category"], kind=data["kind"],
                                      urgency=data["urgency"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The case was recorded."))
            return redirect(case)
    return render(request, "dialogue/cases/form.html", {
        "form": form, "title": _("Record a case"), "multipart": False})


@role_required("officer")
def detail(request, pk):
    case = _seen(request, pk)
    handler = services.is_handler(request.user, case)
    name = None
    if handler and request.GET.get("ten") == "1":
        name = services.case_name_read(case=case, by=request.user)
    today = timezone.localdate()
    return render(request, "dialogue/cases/detail.html", {
        "case": case, "handler": handler, "name": name, "today": today,
        "entries": selectors.timeline(case, public_only=False),
        "linked": case.linked_cases.select_related("unit"),
        "intake_form": IntakeForm(), "answer_form": AnswerForm(initial=_template_initial(
            request, case)), "note_form": TextForm(label=_("Internal note")),
        "decline_form": TextForm(label=_("Why it is declined")),
        "assign_form": AssignForm(case=case, initial={"owner": case.owner_id}),
        "link_form": LinkForm(), "templates": AnswerTemplate.objects.for_officer(request.user),
        "allowed": {step: case.stage in stages
                    for step, stages in services.ALLOWED_FROM.items()},
        "name_reads": case.name_reads.select_related("by")[:20] if handler else (),
    })


def _template_initial(request, case: Case) -> dict:
    chosen = request.GET.get("mau", "")
    if chosen.isdigit():
        template = AnswerTemplate.objects.for_officer(request.user).filter(pk=chosen).first()
        if template:
            return {"answer": template.body}
    return {"answer": case.answer}


def _act(request, case: Case, call, success: str):
    try:
        call()
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, success)
    return redirect(case)


@role_required("officer")
@require_POST
def intake(request, pk):
    case = _handled(request, pk)
    form = IntakeForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect(case)
    return _act(request, case, lambda: services.case_intake(
        case=case, by=request.user, **form.cleaned_data), _("The intake was recorded."))


def _step_view(service, success):
    """A step that takes nothing but the click: start handling, close, bring to the
    committee."""

    @role_required("officer")
    @require_POST
    def view(request, pk):
        case = _handled(request, pk)
        return _act(request, case, lambda: service(case=case, by=request.user), success)

    return view


start = _step_view(services.case_start, gettext_lazy("The case is being handled."))
close = _step_view(services.case_close, gettext_lazy("The case was closed."))
escalate = _step_view(services.case_escalate,
                      gettext_lazy("The case was brought to the committee."))


@role_required("officer")
@require_POST
def answer(request, pk):
    """The public answer asks to confirm first: an internal note sent as an answer by
    mistake would reach the member."""
    case = _handled(request, pk)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return render(request, "dialogue/cases/answer_confirm.html",
                      {"case": case, "form": form}, status=400)
    if not form.cleaned_data["confirmed"]:
        form = AnswerForm(initial={**form.cleaned_data, "confirmed": True})
        return render(request, "dialogue/cases/answer_confirm.html",
                      {"case": case, "form": form, "preview": form.initial["answer"]})
    return _act(request, case, lambda: services.case_answer(
        case=case, by=request.user, answer=form.cleaned_data["answer"],
        together=form.cleaned_data["together"]), _("The answer was sent to the member."))


def _text_action(request, pk, service, success: str, **extra):
    case = _handled(request, pk)
    form = TextForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write the text first."))
        return redirect(case)
    return _act(request, case, lambda: service(case=case, by=request.user,
                                               **{extra.get("field", "body"):
                                                  form.cleaned_data["body"]}), success)


@role_required("officer")
@require_POST
def decline(request, pk):
    return _text_action(request, pk, services.case_decline, _("The case was declined."),
                        field="reason")


@role_required("officer")
@require_POST
def note(request, pk):
    return _text_action(request, pk, services.case_note, _("The internal note was added."))


@role_required("officer")
@require_POST
def assign(request, pk):
    case = _handled(request, pk)
    form = AssignForm(request.POST, case=case)
    if not form.is_valid():
        messages.error(request, _("Choose an officer of this unit or a unit above it."))
        return redirect(case)
    return _act(request, case, lambda: services.case_assign(
        case=case, by=request.user, owner=form.cleaned_data["owner"]),
        _("The person in charge was saved."))


@role_required("officer")
@require_POST
def link(request, pk):
    case = _handled(request, pk)
    form = LinkForm(request.POST)
    ref = form.data.get("lead", "").strip().lower()
    lead = None
    if ref:
        lead = (Case.objects.changeable_by(request.user).exclude(pk=case.pk)
                .filter(id__startswith=ref).first()) if _is_hex(ref) else None
        if lead is None:
            messages.error(request, _("No case of your units has this reference."))
            return redirect(case)
    return _act(request, case, lambda: services.case_link(case=case, by=request.user,
                                                          lead=lead),
                _("The link was saved."))


def _is_hex(value: str) -> bool:
    return len(value) == 8 and all(ch in "0123456789abcdef" for ch in value)


@login_required
def attachment(request, pk):
    """The attached file, for the case's handlers and the member who raised it."""
    cases = (Case.objects.changeable_by(request.user) | Case.objects.filter(owner=request.user.pk)
             | Case.objects.raised_by(request.user))
    case = get_object_or_404(cases, pk=pk)
    return private_file_response(case.attachment, filename=f"kien-nghi-{case.short_ref}")


# --- members ------------------------------------------------------------------------------


@login_required
def mine(request):
    cases = Case.objects.raised_by(request.user).select_related("unit").order_by(
        "-received_on", "title")
    page = Paginator(cases, PAGE).get_page(request.GET.get("page"))
    return render(request, "dialogue/cases/mine.html",
                  {"page_obj": page, "cases": page.object_list})


@login_required
@require_http_methods(["GET", "POST"])
def raise_case(request):
    form = MemberCaseForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case, code = services.case_raise_by_member(
                by=request.user, title=data["title"], description=data["description"],
                category=data["category"], kind=data["kind"], urgency=data["urgency"],
                anonymous=data["anonymous"], attachment=data.get("attachment"))
        except ValidationError as error:
            apply_errors(form, error)
        else:
            if code:
                # Shown once, on this response only: never in a URL, a message or a log.
                response = render(request, "dialogue/cases/receipt_code.html",
                                  {"code": code, "case": case})
                response["Cache-Control"] = "no-store"
                return response
            messages.success(request, _("Your concern was sent to the union."))
            return redirect("dialogue:my_case", pk=case.pk)
    return render(request, "dialogue/cases/form.html", {
        "form": form, "title": _("Raise a concern"), "multipart": True,
        "submit": _("Send the concern"),
        "intro": _("The union answers within the deadlines the law sets; you follow it on "
                   "“My concerns”.")})


def _member_view(request, case: Case, *, can_reopen: bool, status: int = 200):
    return render(request, "dialogue/cases/member_case.html", {
        "case": case, "entries": selectors.public_entries(case),
        "reopen_form": TextForm(label=_("Why the answer does not resolve it")),
        "can_reopen": can_reopen}, status=status)


@login_required
def my_case(request, pk):
    """What the member who raised a case reads (its handlers may look too): no internal
    note, no name of whoever handles it beyond the union."""
    cases = Case.objects.raised_by(request.user) | Case.objects.changeable_by(request.user)
    case = get_object_or_404(cases.select_related("unit"), pk=pk)
    own = case.raised_by_id == request.user.pk
    return _member_view(request, case, can_reopen=own and case.stage in
                        services.ALLOWED_FROM["reopen"])


@login_required
@require_POST
def reopen(request, pk):
    case = get_object_or_404(Case.objects.raised_by(request.user), pk=pk)
    form = TextForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the answer does not resolve it."))
        return redirect("dialogue:my_case", pk=case.pk)
    try:
        services.case_reopen(case=case, by=request.user, message=form.cleaned_data["body"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The case was reopened; the union will answer again."))
    return redirect("dialogue:my_case", pk=case.pk)


@require_http_methods(["GET", "POST"])
def receipt(request):
    """Follow an anonymous case by its receipt code, without an account. The code travels
    in the body, never the address; a wrong, missing or rate-limited code gets one same
    message."""
    form = ReceiptForm(request.POST or None)
    error = ""
    if request.method == "POST":
        client = request.META.get("REMOTE_ADDR", "")
        case = None
        if not receipts.too_many_tries(client):
            receipts.count_try(client)
            if form.is_valid():
                case = (Case.objects.filter(receipt_hash=receipts.code_hash(
                    form.cleaned_data["code"]), anonymous=True).select_related("unit")
                    .first())
        if case is not None:
            response = _member_view(request, case, can_reopen=False)
            response["Cache-Control"] = "no-store"
            return response
        form = ReceiptForm()  # the code typed is not shown back
        error = _("No case matches this code, or too many codes were tried: check the code "
                  "and try again later.")
    response = render(request, "dialogue/cases/receipt.html", {"form": form, "error": error})
    response["Cache-Control"] = "no-store"
    return response


# --- committee and templates ---------------------------------------------------------------


@role_required("officer")
def overview(request):
    today = timezone.localdate()
    scope = (Unit.objects.filter(parent__isnull=True).order_by("pk").first()
             if request.user.is_committee else request.user.unit)
    if scope is None:
        raise PermissionDenied
    year = request.GET.get("nam", "")
    year = int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else None
    children = list(Unit.objects.active().filter(parent=scope).order_by("code"))
    escalated = (Case.objects.visible_to(request.user).escalated().select_related("unit")
                 .queue_order(today)[:20])
    return render(request, "dialogue/cases/overview.html", {
        "figures": selectors.figures_by_unit(scope, children, today=today, year=year),
        "escalated": escalated, "year": year, "years": range(today.year, today.year - 4, -1),
        "today": today})


@role_required("officer")
def templates(request):
    items = AnswerTemplate.objects.for_officer(request.user).select_related("unit")
    return render(request, "dialogue/cases/templates.html", {"templates": items})


@role_required("officer")
@require_http_methods(["GET", "POST"])
def template_edit(request, pk=None):
    template = (get_object_or_404(AnswerTemplate.objects.changeable_by(request.user), pk=pk)
                if pk else None)
    form = TemplateForm(request.POST or None, instance=template, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.answer_template_save(by=request.user, unit=data["unit"],
                                          title=data["title"], body=data["body"],
                                          category=data["category"], template=template)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The answer template was saved."))
            return redirect("dialogue:case_templates")
    return render(request, "dialogue/cases/form.html", {
        "form": form, "title": _("Answer template"), "multipart": False})


@role_required("officer")
@require_http_methods(["GET", "POST"])
def from_survey(request, survey_id: int, question_id: int):
    """Open a case from one free-text answer of a survey the officer's unit owns: the text
    is copied, the survey and question linked; who wrote it never reaches the case."""
    from surveys.models import Answer, Question, Response, Survey
    from surveys.suppression import withheld

    survey = get_object_or_404(Survey.objects.changeable_by(request.user)
                               .select_related("owner_unit"), pk=survey_id)
    question = get_object_or_404(Question, pk=question_id, survey=survey)
    answers: list = []  # none while the survey's figures are withheld, as in its results
    if not withheld(survey, Response.objects.filter(survey=survey).count()):
        answers = list(Answer.objects.filter(question=question, choice__isnull=True)
                       .exclude(text="").order_by("id").values_list("id", "text")[:200])
    form = SurveyCaseForm(request.POST or None, answers=answers)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = services.case_from_survey_answer(
                by=request.user, survey=survey, question=question, answer_id=data["answer"],
                title=data["title"], category=data["category"], kind=data["kind"],
                urgency=data["urgency"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The case was recorded."))
            return redirect(case)
    return render(request, "dialogue/cases/from_survey.html", {
        "form": form, "survey": survey, "question": question,
        "back": reverse("surveys:text_answers", args=[survey.pk, question.pk])})
