"""Dialogue sessions' part of tests/test_isolation.py: BK's objects and the views taking
their ids. The walker refuses officer2 (KHTN), the BK collaborator, member and anonymous."""

from __future__ import annotations

from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone


def objects(bk, users) -> dict:
    from directives.dialogue.models import Commitment, DialogueSession, SessionKind

    now = timezone.now()
    session = (DialogueSession.objects.filter(unit=bk, starts_at__lt=now,
                                              summary_published_at__isnull=False)
               .order_by("pk").first()) or DialogueSession.objects.create(
        unit=bk, kind=SessionKind.PERIODIC, title="Đối thoại định kỳ", place="Hội trường",
        starts_at=now - timedelta(days=10), summary="Tóm tắt",
        summary_published_at=now - timedelta(days=9))
    if not session.signed_minutes:
        session.signed_minutes.save("bien-ban.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    commitment = Commitment.objects.filter(session=session).order_by("pk").first() or \
        Commitment.objects.create(session=session, unit=bk, title="Sửa điện",
                                  responsible="Phòng Quản trị", due_on=timezone.localdate())
    return {"session": session, "commitment": commitment}


def _session(o):
    return {"pk": o["session"].pk}, [o["session"]]


TARGETS = {
    "dialogue:session_detail": _session,
    "dialogue:session_edit": _session,
    "dialogue:session_agenda_sent": _session,
    "dialogue:session_minutes": _session,
    "dialogue:session_signed_minutes": _session,
    "dialogue:session_publish": _session,
    "dialogue:session_summary": _session,
    "dialogue:commitment_create": lambda o: ({"pk": o["session"].pk},
                                             [o["session"], o["commitment"]]),
    "dialogue:commitment_edit": lambda o: ({"pk": o["commitment"].pk}, [o["commitment"]]),
}

BODIES = {
    "dialogue:session_publish": lambda o: {"summary": "Đổi nội dung"},
    "dialogue:commitment_edit": lambda o: {"title": "Khác", "responsible": "X",
                                           "due_on": "01/01/2030", "status": "done"},
}

ALLOWED_ROLES = {
    ("dialogue:session_summary", "member"): "the summary was published to BK's members: a "
                                            "BK member reads it (no internal note on it)",
    ("dialogue:session_summary", "collaborator"): "a BK collaborator is a BK member too: the "
                                                  "published summary is theirs to read",
}
