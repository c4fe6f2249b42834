"""Dialogue sessions' calls for tests/test_service_authorization.py: every service of
`directives.dialogue.sessions.services` that takes an actor, on records of the Bách khoa
union (BK). `cases()` maps a service's name to a function (world, actor) -> (rows that must
not change, the call); tests/dialogue/sessions/test_authorization.py runs them."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone


class SessionWorld:
    """A BK session held ten days ago, one ahead with an agenda, and a commitment."""

    def __init__(self, units, accounts):
        from tests.dialogue.sessions.factories import make_commitment, make_session

        self.units, self.accounts = units, accounts
        self.held = make_session(units["BK"], days=-10)
        self.ahead = make_session(units["BK"], days=8, title="Đối thoại sắp tới",
                                  agenda="1. Báo cáo")
        self.commitment = make_commitment(self.held)


def _plan(w) -> dict:
    from directives.dialogue.models import SessionKind

    return {"unit": w.units["BK"], "kind": SessionKind.THEMATIC, "title": "Đối thoại mới",
            "starts_at": timezone.now() + timedelta(days=12), "place": "Hội trường"}


def cases() -> dict:
    from directives.dialogue.sessions import services as s
    from portal.tracking import TrackedStatus

    return {
        "session_create": lambda w, by: ([], lambda: s.session_create(data=_plan(w), by=by)),
        "session_update": lambda w, by: ([w.held], lambda: s.session_update(
            session=w.held, data={"title": "Tên mới"}, by=by)),
        "session_mark_agenda_sent": lambda w, by: ([w.ahead], lambda: (
            s.session_mark_agenda_sent(session=w.ahead, by=by))),
        "session_record_minutes": lambda w, by: ([w.held], lambda: s.session_record_minutes(
            session=w.held, data={"chair": "PGS.TS. Trần Văn Hải", "secretary": "ThS. Chi"},
            questions=[{"question": "Khi nào chi?", "answer": "Tháng sau."}], by=by)),
        "session_publish_summary": lambda w, by: ([w.held], lambda: (
            s.session_publish_summary(session=w.held, summary="Tóm tắt.", by=by))),
        "commitment_create": lambda w, by: ([w.held], lambda: s.commitment_create(
            session=w.held, by=by, data={"title": "Việc mới", "responsible": "Phòng A",
                                         "due_on": timezone.localdate()})),
        "commitment_update": lambda w, by: ([w.commitment], lambda: s.commitment_update(
            commitment=w.commitment, by=by, data={"status": TrackedStatus.DONE})),
    }
