"""Writes of the collaborators app: keyword-only, atomic, validated before saving.

Views and tasks call these; they never read the request. The roster import's writes live in
`collaborators.importer` (they need the whole sheet's plan)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from portal.models import User
from portal.permissions import require_change

from .models import Attendance, Collaborator, OpinionReport, OpinionReportComment, Training
from .normalise import compose_text_fields
from .signals import opinion_report_escalated

ROSTER_FIELDS = (
    "unit", "full_name", "network_role", "gender", "birth_year", "position", "group", "phone",
    "email", "account", "decision_number", "decision_date", "joined_on", "status",
    "status_since", "notes",
)


def _require_unit(by: User, unit) -> None:
    require_change(by, unit)


def _apply_decision_file(collaborator: Collaborator, upload: Any) -> None:
    # ClearableFileInput: None leaves the file, False removes it, a file replaces it. The old
    # file stays on disk: the history still refers to it.
    if upload is False:
        collaborator.decision_file = ""
    elif upload:
        collaborator.decision_file = upload


def _save(collaborator: Collaborator, by: User, upload: Any = None) -> Collaborator:
    _require_unit(by, collaborator.unit)
    _apply_decision_file(collaborator, upload)
    collaborator._history_user = by  # type: ignore[attr-defined]
    compose_text_fields(collaborator)
    collaborator.refresh_derived()
    collaborator.full_clean()
    collaborator.save()
    return collaborator


@transaction.atomic
def collaborator_create(*, data: Mapping[str, Any], by: User) -> Collaborator:
    collaborator = Collaborator(**{f: data[f] for f in ROSTER_FIELDS if f in data})
    return _save(collaborator, by, data.get("decision_file"))


@transaction.atomic
def collaborator_update(*, collaborator: Collaborator, data: Mapping[str, Any],
                        by: User) -> Collaborator:
    _require_unit(by, collaborator.unit)
    before = (collaborator.status, collaborator.status_since)
    for field in ROSTER_FIELDS:
        if field in data:
            setattr(collaborator, field, data[field])
    if collaborator.status != before[0] and collaborator.status_since == before[1]:
        collaborator.status_since = timezone.localdate()
    if collaborator.status != Collaborator.Status.ENDED:
        collaborator.end_reason = ""
    return _save(collaborator, by, data.get("decision_file"))  # checks the unit it moves to


@transaction.atomic
def collaborator_end(*, collaborator: Collaborator, on: date, reason: str,
                     by: User) -> Collaborator:
    """Take someone out of the network; the record and its history stay."""
    _require_unit(by, collaborator.unit)
    collaborator.status = Collaborator.Status.ENDED
    collaborator.status_since = on
    collaborator.end_reason = reason
    collaborator._change_reason = reason  # type: ignore[attr-defined]
    return _save(collaborator, by)


# --- trainings -------------------------------------------------------------------------

TRAINING_FIELDS = ("title", "held_on", "organiser", "hours", "place", "content")


@transaction.atomic
def training_create(*, data: Mapping[str, Any], by: User) -> Training:
    return _training_save(Training(created_by=by), data=data, by=by)


@transaction.atomic
def training_update(*, training: Training, data: Mapping[str, Any], by: User) -> Training:
    _require_unit(by, training.organiser)  # the unit it belongs to now, before the change
    return _training_save(training, data=data, by=by)


def _training_save(training: Training, *, data: Mapping[str, Any], by: User) -> Training:
    for field in TRAINING_FIELDS:
        setattr(training, field, data[field])
    _require_unit(by, training.organiser)
    training._history_user = by  # type: ignore[attr-defined]
    compose_text_fields(training)
    training.full_clean()
    training.save()
    return training


@transaction.atomic
def training_set_attendance(*, training: Training, candidates: Iterable[Collaborator],
                            present: Iterable[Collaborator], by: User) -> tuple[int, int]:
    """Among `candidates` (the people the officer was shown), those in `present` attended
    and the others did not. Returns (added, removed). People not shown are left alone, so two
    officers can record their own units' attendance of one training."""
    candidates = list(candidates)
    for collaborator in candidates:
        _require_unit(by, collaborator.unit)
    present_ids = {c.pk for c in present}
    candidate_ids = {c.pk for c in candidates}
    if not present_ids <= candidate_ids:
        raise PermissionDenied
    existing = set(Attendance.objects.filter(training=training, collaborator_id__in=candidate_ids)
                   .values_list("collaborator_id", flat=True))
    to_add = [Attendance(training=training, collaborator_id=pk)
              for pk in sorted(present_ids - existing)]
    bulk_create_with_history(to_add, Attendance, default_user=by)
    removed = Attendance.objects.filter(training=training,
                                        collaborator_id__in=existing - present_ids)
    removed_count = 0
    for attendance in removed:  # one by one, so each removal is kept in the history
        attendance._history_user = by  # type: ignore[attr-defined]
        attendance.delete()
        removed_count += 1
    return len(to_add), removed_count


# --- opinion reports -------------------------------------------------------------------

FILERS = (User.Role.COLLABORATOR, User.Role.OFFICER)  # and the committee
REPORT_FIELDS = ("topic", "summary", "sentiment", "spread", "urgency", "proposal")


def reporting_unit(user: User):
    """Reports are filed for the unit of the person's roster record, else of their account."""
    profile = getattr(user, "collaborator_profile", None)
    return (profile.unit if profile else None) or user.unit


@transaction.atomic
def opinion_report_file(*, author: User, data: Mapping[str, Any],
                        key: uuid.UUID | None = None) -> OpinionReport:
    """File a report as `author`. With the form's one-use `key`, sending it twice keeps one."""
    if key is not None:
        existing = OpinionReport.objects.filter(submission_key=key, author=author).first()
        if existing:
            return existing
    unit = reporting_unit(author)
    if unit is None or not (author.is_committee or author.role in FILERS):
        raise PermissionDenied
    report = OpinionReport(**{f: data[f] for f in REPORT_FIELDS if f in data}, unit=unit,
                           author=author, submission_key=key,
                           collaborator=getattr(author, "collaborator_profile", None))
    report._history_user = author  # type: ignore[attr-defined]
    compose_text_fields(report)
    report.full_clean(exclude=["submission_key"])
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:  # the same key committed by a parallel request a moment ago
        return OpinionReport.objects.get(submission_key=key, author=author)
    return report


def _require_report(by: User, report: OpinionReport) -> None:
    require_change(by, report.unit)


def _comment(report: OpinionReport, by: User, body: str) -> None:
    body = body.strip()
    if body:
        comment = OpinionReportComment(report=report, author=by, body=body)
        compose_text_fields(comment)
        comment.full_clean()
        comment.save()


@transaction.atomic
def opinion_report_comment(*, report: OpinionReport, by: User, body: str) -> OpinionReport:
    _require_report(by, report)
    _comment(report, by, body)
    return report


@transaction.atomic
def opinion_report_review(*, report: OpinionReport, by: User, comment: str = "") -> OpinionReport:
    """Mark as reviewed (an escalated report stays escalated), with an optional comment."""
    _require_report(by, report)
    _comment(report, by, comment)
    if report.status == OpinionReport.Status.NEW:
        report.status = OpinionReport.Status.REVIEWED
    report.reviewed_by, report.reviewed_at = by, timezone.now()
    report._history_user = by  # type: ignore[attr-defined]
    report.full_clean()
    report.save()
    return report


@transaction.atomic
def opinion_report_escalate(*, report: OpinionReport, by: User, note: str) -> OpinionReport:
    """Hand a report to the grievance tracker. Until `directives` connects to
    `opinion_report_escalated`, the status and these fields are the record of it."""
    _require_report(by, report)
    if report.status == OpinionReport.Status.ESCALATED:
        return report
    now = timezone.now()
    report.status = OpinionReport.Status.ESCALATED
    report.escalated_by, report.escalated_at, report.escalation_note = by, now, note.strip()
    if report.reviewed_at is None:
        report.reviewed_by, report.reviewed_at = by, now
    report._history_user = by  # type: ignore[attr-defined]
    compose_text_fields(report)
    report.full_clean()
    report.save()
    transaction.on_commit(
        lambda: opinion_report_escalated.send(sender=OpinionReport, report=report, by=by))
    return report
