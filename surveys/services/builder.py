"""Writes of the survey builder: surveys, sections, questions, copies and publication.

Once a survey has responses its questionnaire is frozen except for wording (question text,
help text, section titles) and order: any other change would alter what the collected
answers mean, so it is refused with `StructureLocked`, and the officer is offered a copy.

Every write begins by locking the survey's row (`_lock`): two officers (or two tabs)
moving, copying and deleting on one survey at the same moment then take turns, and each
finds the survey as the previous one left it. What has gone meanwhile is refused with a
clear message (`ChangedMeanwhile`), never a server error. On SQLite, where
`select_for_update` does nothing, transactions already take the database's write lock
when they begin (see the settings)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.models import Unit, User
from portal.permissions import require_change

from ..models import Choice, Question, Section, Survey
from .distribution import survey_sync_invitations

QUESTION_FIELDS = ("kind", "text", "help_text", "required", "has_other", "max_choices",
                   "min_value", "max_value")
WORDING_FIELDS = frozenset({"text", "help_text"})


class StructureLocked(ValidationError):
    def __init__(self, survey: Survey, count: int | None = None) -> None:
        count = survey.responses.count() if count is None else count
        super().__init__(
            _("%(n)d responses have already been collected, so the questions can no longer "
              "change in a way that would alter what those answers mean. Make a copy of the "
              "survey to change them.") % {"n": count}, code="locked")
        self.survey = survey


class ChangedMeanwhile(ValidationError):
    def __init__(self) -> None:
        super().__init__(
            _("Someone else changed this survey at the same moment, and what you acted on "
              "is no longer there. The page now shows the survey as it is: check it and try "
              "again if needed."), code="changed_meanwhile")


def _lock(survey: Survey) -> Survey:
    """Lock the survey's row for this transaction, and read it again as it now is (another
    officer may have changed or deleted it while this request waited)."""
    try:
        survey.refresh_from_db(from_queryset=Survey.objects.select_for_update())
    except Survey.DoesNotExist:
        raise ChangedMeanwhile() from None
    return survey


def _lock_item(item: Question | Section) -> Question | Section:
    """Lock the survey of a question or section, then read the item again."""
    survey = _lock(Survey(pk=item.survey_id))
    try:
        item.refresh_from_db()
    except type(item).DoesNotExist:
        raise ChangedMeanwhile() from None
    item.survey = survey
    return item


def is_locked(survey: Survey) -> bool:
    return survey.responses.exists()


def _ensure_unlocked(survey: Survey) -> None:
    if is_locked(survey):
        raise StructureLocked(survey)


def _bump(survey: Survey) -> None:
    Survey.objects.filter(pk=survey.pk).update(structure_version=F("structure_version") + 1)
    survey.structure_version += 1


def _check_conditions(survey: Survey) -> None:
    """Every display condition must point at a question that comes earlier."""
    order = {
        q["id"]: i for i, q in enumerate(
            Question.objects.filter(survey=survey)
            .order_by("section__position", "section_id", "position", "id").values("id"))
    }
    broken = (Question.objects.filter(survey=survey, condition_question__isnull=False)
              .values_list("text", "condition_question_id", "id"))
    for text, condition, question in broken:
        if order.get(condition, -1) >= order[question]:
            raise ValidationError(
                _("“%(question)s” would come before the question its display condition "
                  "depends on. Move it after that question, or change its condition.")
                % {"question": text}, code="condition_order")


# --- surveys ---------------------------------------------------------------------------


@transaction.atomic
def survey_create(*, by: User, fields: dict[str, Any], audience_units: Iterable[Unit]) -> Survey:
    survey = Survey(created_by=by, **fields)
    survey.full_clean()
    audience_units = list(audience_units)
    for unit in (survey.owner_unit, *audience_units):
        require_change(by, unit)
    survey.save()
    survey.audience_units.set(audience_units)
    Section.objects.create(survey=survey, title=_("Questions"), position=0)
    return survey


@transaction.atomic
def survey_update(*, survey: Survey, by: User, fields: dict[str, Any],
                  audience_units: Iterable[Unit]) -> Survey:
    current = Survey.objects.select_for_update().filter(pk=survey.pk).values_list(
        "anonymous", flat=True).first()
    if current is None:
        raise ChangedMeanwhile()
    audience_units = list(audience_units)  # the stored owner, a new one, the audience:
    for unit in (Survey.objects.get(pk=survey.pk).owner_unit,
                 fields.get("owner_unit", survey.owner_unit), *audience_units):
        require_change(by, unit)
    if "anonymous" in fields and fields["anonymous"] != current and is_locked(survey):
        raise StructureLocked(survey)
    for name, value in fields.items():
        setattr(survey, name, value)
    survey._change_reason = "survey settings changed"
    survey.full_clean()
    survey.save()
    survey.audience_units.set(audience_units)
    if survey.status == Survey.Status.OPEN:
        survey_sync_invitations(survey=survey)
    return survey


@transaction.atomic
def survey_open(*, survey: Survey, by: User) -> int:
    """Open a draft (or reopen a closed survey): invite the whole audience. Returns the
    number of members invited."""
    now = timezone.now()
    _lock(survey)
    require_change(by, survey.owner_unit)
    if survey.status == Survey.Status.OPEN:
        raise ValidationError(_("This survey is already open."), code="already_open")
    if not survey.questions.exists():
        raise ValidationError(_("Add at least one question before opening the survey."),
                              code="no_questions")
    if survey.closes_at <= now:
        raise ValidationError(_("The closing time has passed: set a later one first."),
                              code="past")
    survey.status = Survey.Status.OPEN
    survey._change_reason = "opened"
    survey.full_clean()
    survey.save(update_fields=["status"])
    survey_sync_invitations(survey=survey)
    invited = survey.invitations.count()
    if not invited:
        raise ValidationError(_("Nobody with an account is in this survey's audience."),
                              code="empty_audience")
    return invited


@transaction.atomic
def survey_close(*, survey: Survey, by: User) -> Survey:
    _lock(survey)
    require_change(by, survey.owner_unit)
    if survey.status != Survey.Status.OPEN:
        raise ValidationError(_("Only an open survey can be closed."), code="not_open")
    now = timezone.now()
    survey.status = Survey.Status.CLOSED
    fields = ["status"]
    if survey.opens_at < now < survey.closes_at:
        survey.closes_at = now  # figures "closed in this period" use the real closing time
        fields.append("closes_at")
    survey._change_reason = "closed"
    survey.save(update_fields=fields)
    from ..tasks import seal_survey

    transaction.on_commit(lambda: seal_survey.delay(survey.pk))
    return survey


@transaction.atomic
def survey_delete(*, survey: Survey, by: User) -> None:
    _lock(survey)
    require_change(by, survey.owner_unit)
    if survey.status != Survey.Status.DRAFT or is_locked(survey):
        raise ValidationError(_("Only a draft without responses can be deleted."),
                              code="not_draft")
    survey.delete()


@transaction.atomic
def survey_copy(*, survey: Survey, by: User) -> Survey:
    """A new draft with the same settings, audience and questionnaire, and no responses."""
    _lock(survey)  # copied whole, as one officer left it
    require_change(by, survey.owner_unit)
    now = timezone.now().replace(second=0, microsecond=0)
    copy = Survey.objects.create(
        title=(_("Copy of %(title)s") % {"title": survey.title})[:300],
        description=survey.description, topic=survey.topic, owner_unit=survey.owner_unit,
        audience_roles=list(survey.audience_roles),
        audience_staff_groups=list(survey.audience_staff_groups),
        opens_at=now, closes_at=now + max(survey.closes_at - survey.opens_at, timedelta(days=1)),
        anonymous=survey.anonymous, open_link=survey.open_link,
        min_group_size=survey.min_group_size, copied_from=survey, created_by=by)
    copy.audience_units.set(survey.audience_units.all())
    question_map: dict[int, Question] = {}
    choice_map: dict[int, Choice] = {}
    questions = (Question.objects.filter(survey=survey).prefetch_related("choices",
                                                                         "condition_choices")
                 .order_by("section__position", "position", "id"))
    sections = {s.pk: Section.objects.create(survey=copy, title=s.title,
                                             description=s.description, position=s.position)
                for s in survey.sections.all()}
    for question in questions:
        new = Question.objects.create(
            survey=copy, section=sections[question.section_id], position=question.position,
            **{name: getattr(question, name) for name in QUESTION_FIELDS})
        question_map[question.pk] = new
        for choice in question.choices.all():
            choice_map[choice.pk] = Choice.objects.create(question=new, label=choice.label,
                                                          position=choice.position)
    for question in questions:
        if question.condition_question_id:
            new = question_map[question.pk]
            new.condition_question = question_map[question.condition_question_id]
            new.save(update_fields=["condition_question"])
            new.condition_choices.set(choice_map[c.pk] for c in question.condition_choices.all())
    return copy


@transaction.atomic
def survey_publish_results(*, survey: Survey, by: User, questions: Sequence[Question]) -> int:
    """Show the chosen results to the respondents once the survey is over."""
    _lock(survey)
    require_change(by, survey.owner_unit)
    if not survey.is_over():
        raise ValidationError(_("Results can be published only after the survey closes."),
                              code="not_over")
    chosen = {q.pk for q in questions if q.survey_id == survey.pk and q.publishable}
    Question.objects.filter(survey=survey).update(publish_result=False)
    Question.objects.filter(pk__in=chosen).update(publish_result=True)
    survey.results_published_at = timezone.now() if chosen else None
    survey._change_reason = "results published" if chosen else "results withdrawn"
    survey.save(update_fields=["results_published_at"])
    return len(chosen)


# --- sections --------------------------------------------------------------------------


@transaction.atomic
def section_create(*, survey: Survey, by: User, title: str, description: str = "") -> Section:
    _lock(survey)
    require_change(by, survey.owner_unit)
    last = survey.sections.aggregate(m=Max("position"))["m"]
    section = Section(survey=survey, title=title, description=description,
                      position=0 if last is None else last + 1)
    section.full_clean()
    section.save()
    _bump(survey)
    return section


@transaction.atomic
def section_update(*, section: Section, by: User, title: str, description: str) -> Section:
    _lock_item(section)
    require_change(by, section.survey.owner_unit)
    section.title, section.description = title, description
    section.full_clean()
    section.save()
    _bump(section.survey)
    return section


@transaction.atomic
def section_delete(*, section: Section, by: User) -> None:
    _lock_item(section)
    require_change(by, section.survey.owner_unit)
    if section.questions.exists():
        raise ValidationError(_("Move or delete this section's questions first."),
                              code="not_empty")
    if section.survey.sections.count() == 1:
        raise ValidationError(_("A survey keeps at least one section."), code="last")
    survey = section.survey
    section.delete()
    _bump(survey)


def _swap(items: list, item, direction: str) -> bool:
    index = items.index(item)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(items):
        return False
    items[index], items[other] = items[other], items[index]
    return True


@transaction.atomic
def section_move(*, section: Section, by: User, direction: str) -> None:
    _lock_item(section)
    require_change(by, section.survey.owner_unit)
    survey = section.survey
    sections = list(survey.sections.select_for_update().order_by("position", "id"))
    if not _swap(sections, section, direction):
        return
    for position, item in enumerate(sections):
        Section.objects.filter(pk=item.pk).update(position=position)
    _check_conditions(survey)
    _bump(survey)


# --- questions -------------------------------------------------------------------------


def _set_choices(question: Question, labels: Sequence[str]) -> None:
    """Match labels to existing choices by position; refuse to drop one a condition uses."""
    existing = list(question.choices.order_by("position", "id"))
    dropped = existing[len(labels):]
    used = (Question.objects.filter(condition_choices__in=dropped)
            .values_list("text", flat=True).distinct())
    if dropped and used:
        raise ValidationError(
            _("A removed choice is used by the display condition of “%(question)s”: change "
              "that condition first.") % {"question": used[0]}, code="choice_in_condition")
    for choice in dropped:
        choice.delete()
    for position, label in enumerate(labels):
        if position < len(existing):
            choice = existing[position]
            if (choice.label, choice.position) != (label, position):
                choice.label, choice.position = label, position
                choice.save()
        else:
            Choice.objects.create(question=question, label=label, position=position)


def _ensure_present(*items) -> None:
    """What a form chose (a section, the condition's choices) may have been deleted by
    someone else since the form was drawn."""
    for item in items:
        if not type(item).objects.filter(pk=item.pk).exists():
            raise ChangedMeanwhile()


def _condition_of(choices: Sequence[Choice]) -> Question | None:
    return choices[0].question if choices else None


@transaction.atomic
def question_create(*, survey: Survey, by: User, section: Section, fields: dict[str, Any],
                    labels: Sequence[str], condition_choices: Sequence[Choice]) -> Question:
    _lock(survey)
    require_change(by, survey.owner_unit)
    _ensure_present(section, *condition_choices)
    _ensure_unlocked(survey)
    last = section.questions.aggregate(m=Max("position"))["m"]
    question = Question(survey=survey, section=section,
                        position=0 if last is None else last + 1,
                        condition_question=_condition_of(condition_choices), **fields)
    question.full_clean()
    question.save()
    _set_choices(question, labels)
    question.condition_choices.set(condition_choices)
    _check_conditions(survey)
    _bump(survey)
    return question


@transaction.atomic
def question_update(*, question: Question, by: User, section: Section, fields: dict[str, Any],
                    labels: Sequence[str], condition_choices: Sequence[Choice]) -> Question:
    _lock(question.survey)
    require_change(by, question.survey.owner_unit)
    _ensure_present(question, section, *condition_choices)
    survey = question.survey
    condition = _condition_of(condition_choices)
    current_labels = list(question.choices.order_by("position", "id")
                          .values_list("label", flat=True))
    changed = {name for name, value in fields.items() if getattr(question, name) != value}
    structural = (changed - WORDING_FIELDS or list(labels) != current_labels
                  or condition != question.condition_question
                  or {c.pk for c in condition_choices}
                  != set(question.condition_choices.values_list("pk", flat=True)))
    if structural:
        _ensure_unlocked(survey)
    for name, value in fields.items():
        setattr(question, name, value)
    if section.pk != question.section_id:
        last = section.questions.aggregate(m=Max("position"))["m"]
        question.section, question.position = section, 0 if last is None else last + 1
    question.condition_question = condition
    question._change_reason = "question edited"
    question.full_clean()
    question.save()
    if question.kind in Question.CHOICE_KINDS or question.kind == Question.Kind.MATRIX:
        _set_choices(question, labels)
    else:
        _set_choices(question, [])
    question.condition_choices.set(condition_choices)
    _check_conditions(survey)
    _bump(survey)
    return question


@transaction.atomic
def question_delete(*, question: Question, by: User) -> None:
    _lock_item(question)
    require_change(by, question.survey.owner_unit)
    survey = question.survey
    _ensure_unlocked(survey)
    dependent = question.dependents.values_list("text", flat=True).first()
    if dependent:
        raise ValidationError(
            _("“%(question)s” is shown only after this question: change its display "
              "condition first.") % {"question": dependent}, code="has_dependents")
    question.delete()
    _bump(survey)


@transaction.atomic
def question_move(*, question: Question, by: User, direction: str) -> None:
    """Up or down within its section; order changes never alter collected answers."""
    _lock_item(question)
    require_change(by, question.survey.owner_unit)
    survey = question.survey
    siblings = list(Question.objects.select_for_update()
                    .filter(section_id=question.section_id).order_by("position", "id"))
    if not _swap(siblings, question, direction):
        return
    for position, item in enumerate(siblings):
        Question.objects.filter(pk=item.pk).update(position=position)
    _check_conditions(survey)
    _bump(survey)
