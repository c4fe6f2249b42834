"""The meetings services in the shape of CASES in tests/test_service_authorization.py:
name -> (world, actor) -> (rows that must not change, the call). `world` needs `.bk`,
`.meeting` (a BK meeting) and `.accounts`; test_authorization.py runs them."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone


def _data(w) -> dict:
    day = timezone.localdate() - timedelta(days=1)
    from tests.meetings.factories import at

    return {"unit": w.bk, "kind": "regular", "group": "", "starts_at": at(day),
            "ends_at": at(day, 16), "place": "Phòng họp", "chair": "Chủ trì",
            "secretary": "Thư ký", "agenda": ["Tình hình dư luận"]}


def cases() -> dict:
    from directives.meetings import services as m

    return {
        "meeting_create": lambda w, by: ([], lambda: m.meeting_create(data=_data(w), by=by)),
        "meeting_update": lambda w, by: ([w.meeting], lambda: m.meeting_update(
            meeting=w.meeting, data={"place": "Nơi khác"}, by=by)),
        "meeting_set_attendance": lambda w, by: ([w.meeting], lambda: m.meeting_set_attendance(
            meeting=w.meeting, accounts={w.accounts["officer"]: ("present", "")},
            guests=[("Khách", "")], by=by)),
        "action_create": lambda w, by: ([w.meeting], lambda: m.action_create(
            meeting=w.meeting, title="Tổng hợp ý kiến", owner=w.accounts["officer"],
            due_on=timezone.localdate() + timedelta(days=7), by=by)),
    }
