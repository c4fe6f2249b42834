"""Writes of dialogue sessions: keyword-only, atomic, the actor checked first
(`require_change`), validated before saving. Views and tasks call these."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.files import SCANS, validate_upload
from portal.models import User
from portal.permissions import require_change
from portal.services import tracked_item_progress
from portal.text import nfc

from ..models import Commitment, DialogueSession, SessionKind, SessionQuestion

SESSION_FIELDS = ("unit", "kind", "title", "working_year", "starts_at", "ends_at", "place",
                  "organiser", "leadership_side", "union_side", "attendance", "agenda")
MINUTES_FIELDS = ("ends_at", "attendance", "chair", "secretary", "present", "absent",
                  "agreed", "still_open", "leadership_side", "union_side")
SIGNED_MINUTES = SCANS


def _clean_text(value: Any) -> Any:
    return nfc(value).strip() if isinstance(value, str) else value


def _by(record: Any, by: User) -> None:
    """The author django-simple-history gives the next history row of `record`."""
    record._history_user = by


def _save(record, by: User) -> None:
    _by(record, by)
    record.full_clean()
    record.save()


def _session_save(session: DialogueSession, data: Mapping[str, Any], by: User):
    for name in SESSION_FIELDS:
        if name in data:
            setattr(session, name, _clean_text(data[name]))
    require_change(by, session.unit)  # the unit it belongs to after the change
    if session.kind != SessionKind.CONFERENCE:
        session.working_year = None
    elif session.working_year is None:
        raise ValidationError({"working_year": _(
            "Give the working year this conference reviews.")})
    _save(session, by)
    return session


@transaction.atomic
def session_create(*, data: Mapping[str, Any], by: User) -> DialogueSession:
    require_change(by, data["unit"])
    return _session_save(DialogueSession(organiser=data.get("organiser") or by), data, by)


@transaction.atomic
def session_update(*, session: DialogueSession, data: Mapping[str, Any],
                   by: User) -> DialogueSession:
    require_change(by, session.unit)  # the unit it belongs to now
    return _session_save(session, data, by)


@transaction.atomic
def session_mark_agenda_sent(*, session: DialogueSession, by: User,
                             on: date | None = None) -> DialogueSession:
    require_change(by, session.unit)
    if not session.agenda.strip():
        raise ValidationError({"agenda": _("Write the agenda before marking it sent.")})
    session.agenda_sent_on = on or timezone.localdate()
    _save(session, by)
    return session


@transaction.atomic
def session_record_minutes(*, session: DialogueSession, data: Mapping[str, Any],
                           questions: Sequence[Mapping[str, str]], by: User,
                           signed_minutes=None) -> DialogueSession:
    """The minutes: who chaired and kept them, who was there and who was not, each question
    and the answer given (`questions` replaces the list), what was agreed and what is still
    open; the signed copy (PDF or a scan) if given."""
    require_change(by, session.unit)
    if session.starts_at > timezone.now():
        raise ValidationError(_("The session has not taken place yet: record its minutes "
                                "once it has been held."), code="not_held")
    for name in MINUTES_FIELDS:
        if name in data:
            setattr(session, name, _clean_text(data[name]))
    if signed_minutes:
        try:
            validate_upload(signed_minutes, suffixes=SIGNED_MINUTES)
        except ValidationError as error:
            raise ValidationError({"signed_minutes": error.messages}) from None
        session.signed_minutes = signed_minutes
    _save(session, by)
    rows = []
    for position, item in enumerate(questions, start=1):
        question = _clean_text(item.get("question", ""))
        if not question:
            continue
        row = SessionQuestion(session=session, position=position, question=question,
                              asked_by=_clean_text(item.get("asked_by", "")),
                              answer=_clean_text(item.get("answer", "")))
        row.full_clean()
        rows.append(row)
    for old in session.questions.all():  # one by one: each removal kept in the history
        _by(old, by)
        old.delete()
    for row in rows:
        _save(row, by)
    return session


@transaction.atomic
def session_publish_summary(*, session: DialogueSession, summary: str, by: User,
                            now: datetime | None = None) -> DialogueSession:
    """Publish the summary to the unit's members (their progress page shows it and the
    commitments). Not before the session has taken place."""
    require_change(by, session.unit)
    now = now or timezone.now()
    summary = _clean_text(summary or "")
    if session.starts_at > now:
        raise ValidationError(_("The session has not taken place yet: publish its summary "
                                "after it is held."), code="not_held")
    if not summary:
        raise ValidationError({"summary": _("Write the summary the members will read.")})
    session.summary = summary
    session.summary_published_at = session.summary_published_at or now
    _save(session, by)
    return session


COMMITMENT_FIELDS = ("title", "responsible", "due_on", "owner", "public_note")


def _require_owner_and_deadline(commitment: Commitment) -> None:
    missing = {}
    if not commitment.responsible:
        missing["responsible"] = _("Say who committed: a person or an office.")
    if not commitment.due_on:
        missing["due_on"] = _("Give the deadline of the commitment.")
    if missing:
        raise ValidationError(missing)


@transaction.atomic
def commitment_create(*, session: DialogueSession, data: Mapping[str, Any],
                      by: User) -> Commitment:
    require_change(by, session.unit)
    commitment = Commitment(session=session, unit=session.unit)
    for name in COMMITMENT_FIELDS:
        if name in data:
            setattr(commitment, name, _clean_text(data[name]))
    _require_owner_and_deadline(commitment)
    _save(commitment, by)
    return commitment


@transaction.atomic
def commitment_update(*, commitment: Commitment, data: Mapping[str, Any], by: User,
                      today: date | None = None) -> Commitment:
    """The officer's edit: what, who, by when, and the progress (status, the internal note,
    what the members read, evidence)."""
    require_change(by, commitment.unit)
    for name in COMMITMENT_FIELDS:
        if name in data:
            setattr(commitment, name, _clean_text(data[name]))
    _require_owner_and_deadline(commitment)
    return tracked_item_progress(item=commitment, by=by,
                                 status=data.get("status", commitment.status),
                                 note=data.get("note", commitment.note),
                                 evidence=data.get("evidence") or None,
                                 evidence_link=data.get("evidence_link",
                                                        commitment.evidence_link),
                                 today=today)
