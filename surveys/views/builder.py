"""The questionnaire builder: sections, questions, order, conditions and the preview."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..forms import AnswerForm, QuestionForm, SectionForm
from ..models import Choice, Question, Section
from ..questionnaire import questionnaire_of
from ..services import (
    StructureLocked,
    is_locked,
    question_create,
    question_delete,
    question_move,
    question_update,
    section_create,
    section_delete,
    section_move,
    section_update,
)
from ..services.builder import ChangedMeanwhile
from .manage import back_to, managed


def _locked_message(request, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


@login_required
def builder(request, pk: int):
    survey = managed(request, pk)
    questions = (Question.objects.filter(survey=survey)
                 .select_related("condition_question")
                 .prefetch_related(Prefetch("choices", queryset=Choice.objects.order_by(
                     "position", "id")), "condition_choices")
                 .order_by("position", "id"))
    sections = list(survey.sections.prefetch_related(Prefetch("questions", queryset=questions)))
    number = 0
    for section in sections:
        for question in section.questions.all():
            number += 1
            question.number = number
    return render(request, "surveys/builder.html", {
        "survey": survey, "sections": sections, "locked": is_locked(survey),
        "section_form": SectionForm(), "kinds": Question.Kind.choices})


def _question_data(form: QuestionForm) -> dict:
    cleaned = form.cleaned_data
    return {
        "section": cleaned["section"],
        "fields": {name: cleaned[name] for name in ("kind", "text", "help_text", "required",
                                                    "has_other", "max_choices", "min_value",
                                                    "max_value")},
        "labels": cleaned["choices_text"],
        "condition_choices": list(cleaned["condition_choices"]),
    }


@login_required
def question_add(request, pk: int):
    survey = managed(request, pk)
    if is_locked(survey):
        _locked_message(request, StructureLocked(survey))
        return redirect("surveys:builder", pk)
    initial = {"kind": request.GET.get("loai", Question.Kind.SINGLE)}
    section_id = request.GET.get("phan")
    if section_id and section_id.isdigit():
        initial["section"] = survey.sections.filter(pk=section_id).first()
    form = QuestionForm(request.POST or None, survey=survey, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            question_create(survey=survey, by=request.user, **_question_data(form))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The question was added."))
            return redirect("surveys:builder", pk)
    return render(request, "surveys/question_form.html",
                  {"form": form, "survey": survey, "question": None})


@login_required
def question_edit(request, pk: int, question_id: int):
    survey = managed(request, pk)
    question = get_object_or_404(Question, pk=question_id, survey=survey)
    locked = is_locked(survey)
    form = QuestionForm(request.POST or None, instance=question, survey=survey, locked=locked)
    if request.method == "POST" and form.is_valid():
        try:
            question_update(question=question, by=request.user, **_question_data(form))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The question was saved."))
            return redirect("surveys:builder", pk)
    return render(request, "surveys/question_form.html",
                  {"form": form, "survey": survey, "question": question, "locked": locked})


def _act_on(request, pk: int, model, object_id: int, action, done: str = "", **kwargs):
    """POST-only builder actions on one question or section: run the service, say what
    happened (or why not), go back to the builder."""
    survey = managed(request, pk)
    item = model.objects.filter(pk=object_id, survey=survey).first()
    try:
        if item is None:  # deleted by someone else a moment ago
            raise ChangedMeanwhile()
        action(by=request.user, **{model._meta.model_name: item}, **kwargs)
    except ValidationError as error:
        _locked_message(request, error)
    else:
        if done:
            messages.success(request, done)
    return back_to(survey, "surveys:builder")


def _direction(request) -> str:
    return "up" if request.POST.get("huong") == "len" else "down"


@require_POST
@login_required
def question_delete_view(request, pk: int, question_id: int):
    return _act_on(request, pk, Question, question_id, question_delete,
                   _("The question was deleted."))


@require_POST
@login_required
def question_move_view(request, pk: int, question_id: int):
    return _act_on(request, pk, Question, question_id, question_move,
                   direction=_direction(request))


@require_POST
@login_required
def section_add(request, pk: int):
    survey = managed(request, pk)
    form = SectionForm(request.POST)
    if form.is_valid():
        try:
            section_create(survey=survey, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _locked_message(request, error)
            return back_to(survey, "surveys:builder")
        messages.success(request, _("The section was added."))
    else:
        messages.error(request, _("A section needs a title."))
    return redirect("surveys:builder", pk)


@login_required
def section_edit(request, pk: int, section_id: int):
    survey = managed(request, pk)
    section = get_object_or_404(Section, pk=section_id, survey=survey)
    form = SectionForm(request.POST or None, instance=section)
    if request.method == "POST" and form.is_valid():
        try:
            section_update(section=section, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The section was saved."))
            return redirect("surveys:builder", pk)
    return render(request, "surveys/section_form.html",
                  {"form": form, "survey": survey, "section": section})


@require_POST
@login_required
def section_delete_view(request, pk: int, section_id: int):
    return _act_on(request, pk, Section, section_id, section_delete,
                   _("The section was deleted."))


@require_POST
@login_required
def section_move_view(request, pk: int, section_id: int):
    return _act_on(request, pk, Section, section_id, section_move,
                   direction=_direction(request))


@login_required
def preview(request, pk: int):
    """The answering page exactly as a respondent sees it; submitting checks the answers
    and stores nothing."""
    survey = managed(request, pk)
    form = AnswerForm(questionnaire_of(survey), request.POST or None)
    checked = request.method == "POST" and form.is_valid()
    return render(request, "surveys/answer/form.html", {
        "survey": survey, "preview": True, "preview_ok": checked, "action": request.path,
        **form.page_context()})
