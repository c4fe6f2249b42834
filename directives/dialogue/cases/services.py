"""Every write of the grievance register. Keyword-only, atomic; officers' services call
`require_change(by, unit)` first, `full_clean()` before saving, and raise PermissionDenied
or ValidationError having stored nothing.

Public service other areas call (kept stable): `case_open`, with the source "bulletin" for
a question asked on a bulletin."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from functools import wraps

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from portal.files import validate_upload
from portal.models import PATH_STEP, Unit, User
from portal.permissions import can_change_unit, require_change
from portal.text import nfc
from portal.workdays import add_working_days, working_days_between

from ..models.cases import (
    ANSWERED,
    STATUS_OF,
    AnswerTemplate,
    Case,
    CaseEntry,
    CaseNameRead,
    CaseSource,
    CaseStage,
)
from . import deadlines, receipts

__all__ = ["answer_template_save", "case_answer", "case_assign", "case_close", "case_decline",
           "case_escalate", "case_from_opinion_report", "case_from_survey_answer",
           "case_intake", "case_link", "case_name_read", "case_note", "case_open",
           "case_raise_by_member", "case_reopen", "case_start", "is_handler"]

# Which stages each step may start from: anything else is refused with one message.
ALLOWED_FROM = {
    "intake": (CaseStage.RECEIVED, CaseStage.VERIFYING),
    "start": (CaseStage.ACCEPTED, CaseStage.FORWARDED),
    "answer": (CaseStage.ACCEPTED, CaseStage.FORWARDED, CaseStage.IN_PROGRESS),
    "decline": (CaseStage.ACCEPTED, CaseStage.FORWARDED, CaseStage.IN_PROGRESS),
    "close": ANSWERED,
    "reopen": (*ANSWERED, CaseStage.CLOSED),
}
INTAKE_OUTCOMES = (CaseStage.ACCEPTED, CaseStage.VERIFYING, CaseStage.NOT_FOR_UNION,
                   CaseStage.FORWARDED)
TEXT_LIMIT = 5000


def _stored_in_site_language(service: Callable) -> Callable:
    """What a service writes on a timeline (and its messages) is in the portal's language,
    whatever language the caller's request or task runs in."""

    @wraps(service)
    def wrapped(*args, **kwargs):
        with override(settings.LANGUAGE_CODE):
            return service(*args, **kwargs)

    return wrapped


def is_handler(user, case: Case) -> bool:
    """Who handles a case and may read the name of who raised it: the person in charge and
    the officers of its unit and the units above (not the committee as such)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if case.owner_id and case.owner_id == user.pk:
        return True
    return bool(user.is_officer and can_change_unit(user, case.unit))


def _require_stage(case: Case, step: str) -> None:
    if case.stage not in ALLOWED_FROM[step]:
        raise ValidationError(
            _("This change is not possible while the case is “%(stage)s”.")
            % {"stage": case.get_stage_display()}, code="stage")


def _text(value: str, field: str, *, required: bool = True, limit: int = TEXT_LIMIT) -> str:
    value = nfc(value or "").strip()
    if required and not value:
        raise ValidationError({field: _("This field is required.")}, code="required")
    if len(value) > limit:
        raise ValidationError({field: _("Write at most %(n)s characters.") % {"n": limit}},
                              code="long")
    return value


def _entry(case: Case, *, kind: str, by, body: str = "", public: bool = True,
           stage: str = "") -> CaseEntry:
    entry = CaseEntry(case=case, kind=kind, by=by, body=body, public=public, stage=stage)
    entry.full_clean()
    entry.save()
    return entry


def _save(case: Case, by) -> Case:
    case.status = STATUS_OF[case.stage]
    case.full_clean()
    case._history_user = by  # type: ignore[attr-defined]
    case.save()
    return case


def _move(case: Case, stage: str, by, body: str = "") -> Case:
    case.stage = stage
    _save(case, by)
    _entry(case, kind=CaseEntry.Kind.CHANGE, by=by, body=body, stage=stage)
    return case


def _choice(value: str, choices, field: str) -> str:
    if value not in choices.values:
        raise ValidationError({field: _("Choose one of the options offered.")}, code="choice")
    return value


def _new_case(*, unit: Unit, title: str, description: str, source: str, category: str,
              kind: str, urgency: str, today: date, **fields) -> Case:
    from ..models.cases import CaseCategory, CaseKind, CaseUrgency

    _choice(source, CaseSource, "source")
    case = Case(unit=unit, title=_text(title, "title", limit=200),
                description=_text(description, "description"),
                source=source, category=_choice(category, CaseCategory, "category"),
                kind=_choice(kind, CaseKind, "kind"),
                urgency=_choice(urgency, CaseUrgency, "urgency"), received_on=today, **fields)
    case.intake_due_on = deadlines.intake_due(today, kind, urgency)
    case.due_on = case.intake_due_on
    case.stage, case.status = CaseStage.RECEIVED, STATUS_OF[CaseStage.RECEIVED]
    return case


@_stored_in_site_language
@transaction.atomic
def case_open(*, by, unit, title: str, description: str, source: str,
              category: str = "other", kind: str = "feedback", urgency: str = "normal",
              raised_by=None, anonymous: bool = False, opinion_report=None) -> Case:
    """An officer (or the committee) records a case for `unit`: from a dialogue, an email, the
    suggestion box, a bulletin's question ("bulletin")... `raised_by` names the member when
    known; `anonymous` keeps no person at all."""
    require_change(by, unit)
    if anonymous:
        raised_by = None
    today = timezone.localdate()
    case = _new_case(unit=unit, title=title, description=description, source=source,
                     category=category, kind=kind, urgency=urgency, today=today,
                     raised_by=raised_by, anonymous=anonymous, opinion_report=opinion_report)
    if opinion_report is not None:
        case.escalated_on = today
    _save(case, by)
    _entry(case, kind=CaseEntry.Kind.CHANGE, by=by, stage=CaseStage.RECEIVED,
           body=_("Case recorded (%(source)s).") % {"source": case.get_source_display()})
    return case


def _grassroots_of(unit: Unit) -> Unit:
    """An anonymous case belongs to the member's grassroots union, not their small group."""
    if unit.depth <= 1:
        return unit
    return Unit.objects.get(path=unit.path[:2 * PATH_STEP])


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


@_stored_in_site_language
@transaction.atomic
def case_raise_by_member(*, by, title: str, description: str, category: str = "other",
                         kind: str = "feedback", urgency: str = "normal",
                         anonymous: bool = False, attachment=None) -> tuple[Case, str | None]:
    """A member raises their own concern (from a phone). Returns the case and, when it is
    anonymous, its receipt code: shown to the member once, stored only as a keyed hash.

    An anonymous case keeps no link to the account: no person, the grassroots union rather
    than the member's group, the day without the time, no history row, no timeline entry."""
    if not getattr(by, "is_authenticated", False) or not by.is_active:
        raise PermissionDenied
    if by.unit_id is None:
        raise ValidationError(_("Your account belongs to no unit: ask the union office to "
                                "add it to one."), code="no_unit")
    try:
        validate_upload(attachment)
    except ValidationError as error:
        raise ValidationError({"attachment": error.messages}) from None
    today = timezone.localdate()
    code = receipts.new_code() if anonymous else None
    case = _new_case(unit=_grassroots_of(by.unit) if anonymous else by.unit, title=title,
                     description=description, source=CaseSource.MEMBER, category=category,
                     kind=kind, urgency=urgency, today=today,
                     raised_by=None if anonymous else by, anonymous=anonymous,
                     receipt_hash=receipts.code_hash(code) if code else None)
    if attachment:
        case.attachment = attachment
    case.full_clean()
    if anonymous:
        case.skip_history_when_saving = True  # type: ignore[attr-defined]
        case.save()
        del case.skip_history_when_saving  # type: ignore[attr-defined]
        # auto_now wrote the time; the day is all an anonymous case keeps.
        Case.objects.filter(pk=case.pk).update(updated_at=_day_start(today))
    else:
        case._history_user = by  # type: ignore[attr-defined]
        case.save()
        _entry(case, kind=CaseEntry.Kind.CHANGE, by=by, stage=CaseStage.RECEIVED,
               body=_("Raised by the member."))
    return case, code


@_stored_in_site_language
@transaction.atomic
def case_from_opinion_report(*, report, by) -> Case:
    """The case an escalated opinion report opens (once: a second call returns it)."""
    require_change(by, report.unit)
    existing = Case.objects.filter(opinion_report=report).first()
    if existing is not None:
        return existing
    title = _("Opinion report: %(topic)s") % {"topic": report.get_topic_display()}
    body = report.summary
    if report.proposal:
        body += "\n\n" + _("Proposal: %(text)s") % {"text": report.proposal}
    urgency = {"urgent": "urgent", "soon": "soon"}.get(report.urgency, "normal")
    category = report.topic if report.topic in ("pay", "conditions", "teaching",
                                                 "facilities") else "other"
    return case_open(by=by, unit=report.unit, title=title, description=body[:TEXT_LIMIT],
                     source=CaseSource.OPINION_REPORT, category=category, urgency=urgency,
                     opinion_report=report)


@_stored_in_site_language
@transaction.atomic
def case_from_survey_answer(*, by, survey, question, answer_id, title: str,
                            category: str = "other", kind: str = "feedback",
                            urgency: str = "normal") -> Case:
    """A case from one free-text answer of a survey the officer's unit owns. The text is
    copied and the survey and question linked; the answer, its response and anything about
    who wrote it never reach the case (see surveys/models/responses.py)."""
    from surveys.models import Answer, Response
    from surveys.suppression import withheld

    require_change(by, survey.owner_unit)
    if question.survey_id != survey.pk:
        raise ValidationError(_("This question is not part of the survey."), code="question")
    if withheld(survey, Response.objects.filter(survey=survey).count()):
        # As every figure of the survey: an answer read while it runs, or among too few,
        # could be traced to who wrote it.
        raise ValidationError(_("The survey's answers cannot be shown yet: wait until it "
                                "closes and has enough answers."), code="withheld")
    text = (Answer.objects.filter(pk=answer_id, question=question, choice__isnull=True)
            .exclude(text="").values_list("text", flat=True).first()
            if _is_uuid(answer_id) else None)
    if text is None:
        raise ValidationError(_("Choose one of the answers listed."), code="answer")
    case = case_open(by=by, unit=survey.owner_unit, title=title,
                     description=text[:TEXT_LIMIT], source=CaseSource.SURVEY,
                     category=category, kind=kind, urgency=urgency, anonymous=True)
    case.survey, case.survey_question = survey, question
    return _save(case, by)


def _is_uuid(value) -> bool:
    import uuid

    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


@_stored_in_site_language
@transaction.atomic
def case_intake(*, case: Case, by, outcome: str, verify_until: date | None = None,
                reason: str = "", refer_to: str = "", forwarded_to: str = "",
                forwarded_on: date | None = None, follow_up_on: date | None = None,
                today: date | None = None) -> Case:
    """One of the four intake outcomes (Law 42/2013, art. 28): accepted; needs verification
    (until a new date); not for the union (why, and where to turn); forwarded to the
    competent body (which, when, and when to follow up)."""
    require_change(by, case.unit)
    _require_stage(case, "intake")
    today = today or timezone.localdate()
    if outcome not in INTAKE_OUTCOMES:
        raise ValidationError({"outcome": _("Choose one of the options offered.")},
                              code="choice")
    if outcome == CaseStage.ACCEPTED:
        case.accepted_on = today
        case.due_on = deadlines.answer_due(case.received_on, case.kind, case.urgency)
        return _move(case, outcome, by, _("Accepted for handling."))
    if outcome == CaseStage.VERIFYING:
        if verify_until is None or verify_until <= today:
            raise ValidationError({"verify_until": _("Give a date after today.")},
                                  code="date")
        case.verify_until = case.due_on = verify_until
        return _move(case, outcome, by, _("Acceptance extended for verification until "
                                          "%(day)s.") % {"day": f"{verify_until:%d/%m/%Y}"})
    if outcome == CaseStage.NOT_FOR_UNION:
        case.not_for_union_reason = _text(reason, "reason", limit=3000)
        case.refer_to = _text(refer_to, "refer_to", limit=300)
        _answered(case, today)
        return _move(case, outcome, by, _("%(reason)s Where to turn: %(where)s.") % {
            "reason": case.not_for_union_reason, "where": case.refer_to})
    case.forwarded_to = _text(forwarded_to, "forwarded_to", limit=300)
    forwarded_on = forwarded_on or today
    if forwarded_on > today:
        raise ValidationError({"forwarded_on": _("The day it was forwarded cannot be in the "
                                                 "future.")}, code="future")
    if follow_up_on is None or follow_up_on <= today:
        raise ValidationError({"follow_up_on": _("Give a date after today.")}, code="date")
    case.accepted_on = case.accepted_on or today
    case.forwarded_on, case.follow_up_on, case.due_on = forwarded_on, follow_up_on, follow_up_on
    return _move(case, outcome, by, _("Forwarded to %(body)s on %(day)s.") % {
        "body": case.forwarded_to, "day": f"{forwarded_on:%d/%m/%Y}"})


def _answered(case: Case, today: date) -> None:
    case.answered_on = case.completed_on = today
    case.answer_days = working_days_between(case.received_on, today)
    case.answered_in_time = today <= case.due_on


@_stored_in_site_language
@transaction.atomic
def case_start(*, case: Case, by) -> Case:
    require_change(by, case.unit)
    _require_stage(case, "start")
    return _move(case, CaseStage.IN_PROGRESS, by, _("Being handled."))


def _group(case: Case, together: bool) -> list[Case]:
    if not together:
        return [case]
    lead_id = case.linked_to_id or case.pk
    others = (Case.objects.filter(linked_to_id=lead_id) | Case.objects.filter(pk=lead_id))
    others = others.exclude(pk=case.pk).filter(stage__in=ALLOWED_FROM["answer"])
    return [case, *others.select_related("unit")]


@_stored_in_site_language
@transaction.atomic
def case_answer(*, case: Case, by, answer: str, together: bool = False,
                today: date | None = None) -> list[Case]:
    """The public answer: the member reads it. With `together`, every open case linked to
    the same matter gets the same answer (those the officer may change)."""
    require_change(by, case.unit)
    _require_stage(case, "answer")
    text = _text(answer, "answer")
    today = today or timezone.localdate()
    answered = []
    for item in _group(case, together):
        if item.pk != case.pk and not can_change_unit(by, item.unit):
            continue
        item.answer = text
        _answered(item, today)
        item.stage = CaseStage.RESOLVED
        _save(item, by)
        _entry(item, kind=CaseEntry.Kind.ANSWER, by=by, body=text, stage=CaseStage.RESOLVED)
        answered.append(item)
    return answered


@_stored_in_site_language
@transaction.atomic
def case_decline(*, case: Case, by, reason: str, today: date | None = None) -> Case:
    require_change(by, case.unit)
    _require_stage(case, "decline")
    case.decline_reason = _text(reason, "reason", limit=3000)
    _answered(case, today or timezone.localdate())
    return _move(case, CaseStage.DECLINED, by, case.decline_reason)


@_stored_in_site_language
@transaction.atomic
def case_close(*, case: Case, by, today: date | None = None) -> Case:
    require_change(by, case.unit)
    _require_stage(case, "close")
    case.closed_on = today or timezone.localdate()
    return _move(case, CaseStage.CLOSED, by, _("Case closed."))


@_stored_in_site_language
@transaction.atomic
def case_reopen(*, case: Case, by, message: str, today: date | None = None) -> Case:
    """The member who raised a case reopens it, within the set time after the answer, when
    the answer does not resolve it. Nobody else may."""
    if not (getattr(by, "is_authenticated", False) and case.raised_by_id == by.pk):
        raise PermissionDenied
    _require_stage(case, "reopen")
    today = today or timezone.localdate()
    text = _text(message, "message", limit=3000)
    if case.answered_on is None or today > deadlines.reopen_until(case.answered_on):
        raise ValidationError(_("The time to reopen this case has passed: raise a new one."),
                              code="late")
    case.reopened += 1
    case.closed_on = case.completed_on = None
    case.due_on = add_working_days(today, deadlines.answer_days(case.kind, case.urgency))
    _entry(case, kind=CaseEntry.Kind.MESSAGE, by=by, body=text)
    return _move(case, CaseStage.IN_PROGRESS, by, _("Reopened by the member."))


@_stored_in_site_language
@transaction.atomic
def case_note(*, case: Case, by, body: str) -> CaseEntry:
    """An internal note: handlers read it, the member never does."""
    require_change(by, case.unit)
    return _entry(case, kind=CaseEntry.Kind.NOTE, by=by, body=_text(body, "body"),
                  public=False)


@_stored_in_site_language
@transaction.atomic
def case_assign(*, case: Case, by, owner: User | None) -> Case:
    """Put a person of the unit (or a unit above) in charge, or nobody."""
    require_change(by, case.unit)
    if owner is not None and not (owner.is_active and can_change_unit(owner, case.unit)):
        raise ValidationError({"owner": _("Choose an officer of this unit or a unit above "
                                          "it.")}, code="owner")
    case.owner = owner
    _save(case, by)
    _entry(case, kind=CaseEntry.Kind.NOTE, by=by, public=False,
           body=_("Person in charge: %(name)s.") % {"name": owner or "—"})
    return case


@_stored_in_site_language
@transaction.atomic
def case_link(*, case: Case, by, lead: Case | None) -> Case:
    """Mark `case` as the same matter as `lead` (answered together), or unlink it."""
    require_change(by, case.unit)
    if lead is not None:
        require_change(by, lead.unit)
        lead = Case.objects.get(pk=lead.linked_to_id) if lead.linked_to_id else lead
        if lead.pk == case.pk or case.linked_cases.exists():
            raise ValidationError({"lead": _("A case that others are linked to cannot be "
                                             "linked to another one.")}, code="cycle")
    case.linked_to = lead
    _save(case, by)
    _entry(case, kind=CaseEntry.Kind.NOTE, by=by, public=False,
           body=(_("Linked to the case “%(title)s”.") % {"title": lead.title}) if lead
           else _("No longer linked to another case."))
    return case


@_stored_in_site_language
@transaction.atomic
def case_escalate(*, case: Case, by, note: str = "") -> Case:
    """Bring a case to the committee's attention."""
    require_change(by, case.unit)
    if case.escalated_on is None:
        case.escalated_on = timezone.localdate()
        _save(case, by)
        _entry(case, kind=CaseEntry.Kind.NOTE, by=by, public=False,
               body=_text(note, "note", required=False) or _("Escalated to the committee."))
    return case


@_stored_in_site_language
@transaction.atomic
def case_name_read(*, case: Case, by) -> User | None:
    """The person who raised the case, for a handler only; the read is logged."""
    if not is_handler(by, case):
        raise PermissionDenied
    if case.raised_by_id is None:
        return None
    CaseNameRead.objects.create(case=case, by=by)
    return case.raised_by


@_stored_in_site_language
@transaction.atomic
def answer_template_save(*, by, unit: Unit, title: str, body: str, category: str = "",
                         template: AnswerTemplate | None = None) -> AnswerTemplate:
    require_change(by, unit)
    if template is not None:
        require_change(by, template.unit)
    template = template or AnswerTemplate()
    template.unit, template.category = unit, category
    template.title = _text(title, "title", limit=200)
    template.body = _text(body, "body")
    template.full_clean()
    template._history_user = by  # type: ignore[attr-defined]
    template.save()
    return template
