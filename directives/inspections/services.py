"""Every write of inspections and reviews: keyword-only, atomic, the actor checked first.

The team's side (the inspecting unit's officers and those above it, the committee) plans,
notifies, verifies, scores, concludes, adds recommendations and reviews the answers; the
inspected unit's side writes only its self-report and its answers. A refused actor raises
PermissionDenied, bad input ValidationError (Vietnamese), and then nothing is stored."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.files import validate_upload
from portal.models import Unit, User
from portal.permissions import require_change
from portal.services import tracked_item_progress
from portal.text import nfc
from portal.tracking import TrackedStatus

from .models import (
    Criterion,
    Inspection,
    InspectionProgramme,
    InspectionScore,
    Rating,
    Recommendation,
    Review,
    ReviewAssessment,
    ReviewRating,
)

Status = Inspection.Status
PLAN_FIELDS = ("unit", "purpose", "content", "starts_on", "ends_on", "head")


def _text(value: Any) -> str:
    return nfc(value or "").strip()


def _check_file(upload, field: str) -> None:
    try:
        validate_upload(upload)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from None


def _require_status(inspection: Inspection, *allowed: str, message: str) -> None:
    if inspection.status not in allowed:
        raise ValidationError(message, code="status")


def _save(obj, by: User | None) -> None:
    obj.full_clean()
    obj._history_user = by
    obj.save()


# --- programmes and plans ------------------------------------------------------------------


@transaction.atomic
def programme_create(*, unit: Unit, year: int, title: str, note: str = "",
                     by: User) -> InspectionProgramme:
    require_change(by, unit)
    programme = InspectionProgramme(unit=unit, year=year, title=_text(title), note=_text(note),
                                    created_by=by)
    _save(programme, by)
    return programme


def _check_plan(programme: InspectionProgramme, data: dict) -> None:
    unit = data.get("unit")
    top = programme.unit
    if unit is not None and (unit.pk == top.pk or not unit.path.startswith(top.path)):
        raise ValidationError({"unit": _("Choose a unit below the inspecting unit.")},
                              code="unit")
    head = data.get("head")
    if head is not None and not (head.is_committee or (
            head.unit_id and head.unit.path.startswith(top.path))):
        raise ValidationError({"head": _("The head of the team belongs to the inspecting "
                                         "unit.")}, code="head")


def _apply_plan(inspection: Inspection, data: dict, by: User) -> Inspection:
    _check_plan(inspection.programme, data)
    for field in PLAN_FIELDS:
        if field in data:
            value = data[field]
            setattr(inspection, field, _text(value) if field in ("purpose", "content")
                    else value)
    _save(inspection, by)
    if "tasks" in data:
        inspection.tasks.set(data["tasks"])
    if "team" in data:
        inspection.team.set(data["team"])
    return inspection


@transaction.atomic
def inspection_plan(*, programme: InspectionProgramme, data: dict, by: User,
                    reinspection_of: Inspection | None = None) -> Inspection:
    """A new inspection in the programme, with the active checklist copied to it."""
    require_change(by, programme.unit)
    inspection = Inspection(programme=programme, created_by=by,
                            reinspection_of=reinspection_of)
    _apply_plan(inspection, data, by)
    InspectionScore.objects.bulk_create(
        InspectionScore(inspection=inspection, criterion=c, max_score=c.max_score)
        for c in Criterion.objects.filter(is_active=True).order_by("number"))
    return inspection


@transaction.atomic
def inspection_update_plan(*, inspection: Inspection, data: dict, by: User) -> Inspection:
    require_change(by, inspection.organiser)
    _require_status(inspection, Status.PLANNED, Status.NOTIFIED,
                    message=_("The plan cannot change once the unit has sent its "
                              "self-report."))
    return _apply_plan(inspection, data, by)


@transaction.atomic
def inspection_notify(*, inspection: Inspection, sent_on: date, notice: str = "",
                      by: User) -> Inspection:
    """The notice goes to the unit: from now on its officers see the inspection."""
    require_change(by, inspection.organiser)
    _require_status(inspection, Status.PLANNED, Status.NOTIFIED,
                    message=_("The unit was notified long ago."))
    if sent_on is None:
        raise ValidationError({"sent_on": _("Give the day the notice was sent.")})
    inspection.status, inspection.notice_sent_on = Status.NOTIFIED, sent_on
    inspection.notice = _text(notice)
    _save(inspection, by)
    return inspection


# --- scores ----------------------------------------------------------------------------------


def _set_scores(inspection: Inspection, values: dict[int, tuple[Any, str]], *, score: str,
                note: str, by: User) -> None:
    """`values`: {criterion id: (score or None, text)}; every score checked before any is
    stored, with the criterion's number in the message."""
    rows = {s.criterion_id: s for s in inspection.scores.select_related("criterion")}
    unknown = set(values) - set(rows)
    if unknown:
        raise ValidationError(_("This criterion is not on the inspection's checklist."),
                              code="criterion")
    for criterion_id, (value, text) in values.items():
        row = rows[criterion_id]
        if value is not None and not (0 <= Decimal(value) <= row.max_score):
            raise ValidationError(
                {score: _("Criterion %(n)s: give a score between 0 and %(max)s.")
                 % {"n": row.criterion.number, "max": row.max_score}}, code="range")
        setattr(row, score, value)
        setattr(row, note, _text(text))
    for row in rows.values():
        _save(row, by)


@transaction.atomic
def inspection_self_report(*, inspection: Inspection, report: str,
                           scores: dict[int, tuple[Any, str]], upload=None,
                           by: User) -> Inspection:
    """The inspected unit's self-report against the checklist (it may send it again until
    the team has verified)."""
    require_change(by, inspection.unit)
    _require_status(inspection, Status.NOTIFIED, Status.SELF_REPORTED,
                    message=_("The self-report is sent after the notice and before the "
                              "team's verification."))
    if not _text(report):
        raise ValidationError({"report": _("Write the unit's self-report.")})
    _check_file(upload, "upload")
    _set_scores(inspection, scores, score="self_score", note="self_note", by=by)
    inspection.self_report = _text(report)
    if upload:
        inspection.self_report_file = upload
    inspection.status, inspection.self_reported_at = Status.SELF_REPORTED, timezone.now()
    _save(inspection, by)
    return inspection


@transaction.atomic
def inspection_verify(*, inspection: Inspection, verified_on: date, record: str,
                      scores: dict[int, tuple[Any, str]], upload=None,
                      by: User) -> Inspection:
    """The team's verification record, and its score and the evidence seen per criterion."""
    require_change(by, inspection.organiser)
    _require_status(inspection, Status.SELF_REPORTED, Status.VERIFIED,
                    message=_("The team verifies after the unit's self-report and before "
                              "the conclusion."))
    if not _text(record):
        raise ValidationError({"record": _("Write what the team verified.")})
    _check_file(upload, "upload")
    _set_scores(inspection, scores, score="score", note="evidence", by=by)
    inspection.verification, inspection.verified_on = _text(record), verified_on
    if upload:
        inspection.verification_file = upload
    inspection.status = Status.VERIFIED
    _save(inspection, by)
    return inspection


# --- conclusion and recommendations ------------------------------------------------------------


@transaction.atomic
def inspection_conclude(*, inspection: Inspection, rating: str, conclusion: str,
                        concluded_on: date, by: User) -> Inspection:
    require_change(by, inspection.organiser)
    _require_status(inspection, Status.VERIFIED,
                    message=_("The conclusion comes after the team's verification."))
    if not _text(conclusion):
        raise ValidationError({"conclusion": _("Write the conclusion before giving a "
                                                "rating.")}, code="conclusion")
    if rating not in Rating.values:
        raise ValidationError({"rating": _("Choose one of the ratings offered.")})
    if inspection.scores.filter(score__isnull=True).exists():
        raise ValidationError(_("Score every criterion before concluding."), code="scores")
    inspection.rating, inspection.conclusion = rating, _text(conclusion)
    inspection.concluded_on, inspection.status = concluded_on, Status.CONCLUDED
    _save(inspection, by)
    return inspection


@transaction.atomic
def recommendation_add(*, inspection: Inspection, text: str, owner: User | None,
                       due_on: date | None, by: User) -> Recommendation:
    """A finding the inspected unit must act on: a person in charge of that unit and a
    deadline are required."""
    require_change(by, inspection.organiser)
    _require_status(inspection, Status.VERIFIED, Status.CONCLUDED,
                    message=_("Recommendations are written after the verification, until "
                              "the inspection is closed."))
    errors = {}
    if not _text(text):
        errors["text"] = _("Write the recommendation.")
    if owner is None:
        errors["owner"] = _("Choose the person in charge.")
    elif owner.unit is None or not owner.unit.path.startswith(inspection.unit.path):
        errors["owner"] = _("The person in charge belongs to the inspected unit.")
    if due_on is None:
        errors["due_on"] = _("Give the deadline.")
    if errors or owner is None or due_on is None:
        raise ValidationError(errors)
    item = Recommendation(inspection=inspection, unit=inspection.unit, text=_text(text),
                          owner=owner, due_on=due_on)
    _save(item, by)
    return item


@transaction.atomic
def recommendation_answer(*, recommendation: Recommendation, note: str, evidence=None,
                          evidence_link: str = "", by: User) -> Recommendation:
    """The inspected unit (its officers or the person in charge) says what was done; the
    answer waits for the team's review."""
    if recommendation.owner_id != by.pk:
        require_change(by, recommendation.unit)
    if recommendation.review not in (Recommendation.Review.WAITING,
                                     Recommendation.Review.RETURNED):
        raise ValidationError(_("This recommendation was already answered."), code="review")
    if recommendation.inspection.status != Status.CONCLUDED:
        raise ValidationError(_("Recommendations are answered once the conclusion is "
                                "issued."), code="status")
    if not _text(note):
        raise ValidationError({"note": _("Say what the unit did.")}, code="note")
    tracked_item_progress(item=recommendation, by=by, status=TrackedStatus.DONE, note=note,
                          evidence=evidence, evidence_link=evidence_link)
    recommendation.review = Recommendation.Review.ANSWERED
    recommendation.answered_at = timezone.now()
    _save(recommendation, by)
    return recommendation


def _reviewable(recommendation: Recommendation, by: User) -> None:
    require_change(by, recommendation.inspection.organiser)
    if recommendation.review != Recommendation.Review.ANSWERED:
        raise ValidationError(_("Only an answer waiting for review can be accepted or "
                                "returned."), code="review")


@transaction.atomic
def recommendation_accept(*, recommendation: Recommendation, by: User) -> Recommendation:
    """The team accepts the answer; the inspection closes when every answer is accepted."""
    _reviewable(recommendation, by)
    recommendation.review = Recommendation.Review.ACCEPTED
    recommendation.reviewed_by, recommendation.reviewed_at = by, timezone.now()
    recommendation.return_reason = ""
    _save(recommendation, by)
    inspection = recommendation.inspection
    if not inspection.recommendations.exclude(
            review=Recommendation.Review.ACCEPTED).exclude(
            status=TrackedStatus.CANCELLED).exists():
        inspection.status = Status.CLOSED
        _save(inspection, by)
    return recommendation


@transaction.atomic
def recommendation_return(*, recommendation: Recommendation, reason: str,
                          by: User) -> Recommendation:
    """The team returns the answer with a reason: the item is open again."""
    _reviewable(recommendation, by)
    if not _text(reason):
        raise ValidationError({"reason": _("Say why the answer is returned.")},
                              code="reason")
    recommendation.review = Recommendation.Review.RETURNED
    recommendation.return_reason = _text(reason)
    recommendation.status, recommendation.completed_on = TrackedStatus.IN_PROGRESS, None
    recommendation.reviewed_by, recommendation.reviewed_at = by, timezone.now()
    _save(recommendation, by)
    return recommendation


@transaction.atomic
def inspection_schedule_reinspection(*, inspection: Inspection, starts_on: date,
                                     ends_on: date, by: User) -> Inspection:
    """A new inspection of the same unit, with the same plan, in the programme of its year
    (made when missing)."""
    require_change(by, inspection.organiser)
    _require_status(inspection, Status.CONCLUDED, Status.CLOSED,
                    message=_("A re-inspection follows a concluded inspection."))
    if starts_on is None or ends_on is None:
        raise ValidationError(_("Give the days of the re-inspection."), code="dates")
    programme = inspection.programme
    if starts_on.year != programme.year:
        programme, _created = InspectionProgramme.objects.get_or_create(
            unit=programme.unit, year=starts_on.year,
            defaults={"title": _("Inspection programme %(year)s") % {"year": starts_on.year},
                      "created_by": by})
    data = {"unit": inspection.unit, "head": inspection.head, "starts_on": starts_on,
            "ends_on": ends_on, "content": inspection.content,
            "purpose": _("Re-inspection: %(purpose)s") % {"purpose": inspection.purpose},
            "tasks": list(inspection.tasks.all()), "team": list(inspection.team.all())}
    return inspection_plan(programme=programme, data=data, by=by,
                           reinspection_of=inspection)


# --- reviews -----------------------------------------------------------------------------------


def review_units(review: Review):
    """The units that assess themselves: the active units one level below the organiser."""
    return Unit.objects.active().filter(parent=review.unit_id).order_by("path")


def _participant(review: Review, unit: Unit) -> None:
    if unit.parent_id != review.unit_id:
        raise ValidationError(_("This unit does not take part in the review."), code="unit")


@transaction.atomic
def review_create(*, directive, unit: Unit, kind: str, title: str, period_start: date,
                  period_end: date, due_on: date, note: str = "", by: User) -> Review:
    require_change(by, unit)
    review = Review(directive=directive, unit=unit, kind=kind, title=_text(title),
                    period_start=period_start, period_end=period_end, due_on=due_on,
                    note=_text(note), created_by=by)
    _save(review, by)
    return review


@transaction.atomic
def review_assess(*, review: Review, unit: Unit, rows: dict[int, tuple[str, str, str]],
                  by: User) -> list[ReviewAssessment]:
    """A unit's assessment of every task of the directive: {task id: (result, evidence
    note, link inside the portal)}."""
    require_change(by, unit)
    _participant(review, unit)
    tasks = {t.pk: t for t in review.directive.tasks.all()}
    missing = [t.number for pk, t in tasks.items() if not (rows.get(pk) or ("",))[0]]
    if missing or set(rows) - set(tasks):
        raise ValidationError(_("Assess every task of the directive (missing: %(tasks)s).")
                              % {"tasks": ", ".join(map(str, sorted(missing))) or "—"},
                              code="missing")
    existing = {a.task_id: a for a in ReviewAssessment.objects.filter(review=review,
                                                                      unit=unit)}
    saved = []
    for pk, (result, note, link) in rows.items():
        row = existing.get(pk) or ReviewAssessment(review=review, unit=unit, task=tasks[pk])
        row.result, row.evidence_note = result, _text(note)
        row.evidence_link, row.assessed_by = (link or "").strip(), by
        _save(row, by)
        saved.append(row)
    return saved


@transaction.atomic
def review_rate(*, review: Review, unit: Unit, rating: str, comment: str = "",
                commend_unit: bool = False, commend_person: str = "",
                commend_reason: str = "", by: User) -> ReviewRating:
    """The organiser rates a unit, and may propose it, or a person, for commendation."""
    require_change(by, review.unit)
    _participant(review, unit)
    row = ReviewRating.objects.filter(review=review, unit=unit).first() or ReviewRating(
        review=review, unit=unit)
    row.rating, row.comment = rating, _text(comment)
    row.commend_unit, row.commend_person = bool(commend_unit), _text(commend_person)
    row.commend_reason, row.rated_by = _text(commend_reason), by
    _save(row, by)
    return row


# --- reminders ---------------------------------------------------------------------------------

REMIND_BEFORE_WORKING_DAYS = 3


def recommendation_reminders_send(*, today: date) -> int:
    """Email, at most once per recommendation and kind, the person in charge of each open
    recommendation due within `INSPECTIONS_REMIND_BEFORE` working days ("due-soon") or past
    its deadline ("overdue": the inspected unit's officers too). Returns how many went."""
    from django.conf import settings
    from django.urls import reverse
    from django.utils import translation

    from portal.reminders import absolute_url, owner_then_officers, send_once, tracked_reminders

    before = getattr(settings, "INSPECTIONS_REMIND_BEFORE", REMIND_BEFORE_WORKING_DAYS)
    items = Recommendation.objects.filter(inspection__status=Status.CONCLUDED).select_related(
        "owner", "unit", "inspection__programme__unit")
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for found, kind in tracked_reminders(items, today=today, before_working_days=before):
            item = cast(Recommendation, found)
            if kind == "overdue":
                subject = _("Overdue inspection recommendation (%(unit)s)")
            else:
                subject = _("Inspection recommendation due soon (%(unit)s)")
            body = _("The recommendation of the inspection by %(team)s: “%(text)s” is due on "
                     "%(due)s. Please answer it with what the unit did: %(url)s") % {
                "team": item.inspection.programme.unit.name, "text": item.text,
                "due": f"{item.due_on:%d/%m/%Y}",
                "url": absolute_url(reverse("inspections:recommendation", args=[item.pk]))}
            sent += send_once(item=item, kind=kind, recipients=owner_then_officers(item, kind),
                              subject=subject % {"unit": item.unit.name}, body=body,
                              today=today)
    return sent
