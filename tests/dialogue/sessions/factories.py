"""Dialogue sessions for tests: held (in the past) or ahead, with commitments."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from directives.dialogue.models import Commitment, DialogueSession, SessionKind


def make_session(unit, *, days: int = -10, kind=SessionKind.PERIODIC, title="Đối thoại định kỳ",
                 published: bool = False, **fields) -> DialogueSession:
    starts_at = timezone.now() + timedelta(days=days)
    if kind == SessionKind.CONFERENCE:
        fields.setdefault("working_year", starts_at.year - 1)
    if published:
        fields.update(summary="Tóm tắt nội dung đối thoại.",
                      summary_published_at=starts_at + timedelta(hours=4))
    return DialogueSession.objects.create(unit=unit, kind=kind, title=title,
                                          starts_at=starts_at, place="Hội trường A",
                                          **fields)


def make_commitment(session, *, title="Sửa hệ thống điện", days: int = 30,
                    **fields) -> Commitment:
    fields.setdefault("responsible", "Phòng Quản trị thiết bị")
    return Commitment.objects.create(
        session=session, unit=session.unit, title=title,
        due_on=timezone.localdate() + timedelta(days=days), **fields)
