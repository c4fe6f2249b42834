"""The practices services in the shape of CASES in tests/test_service_authorization.py:
name -> (world, actor) -> (rows that must not change, the call). `world` needs `.bk`,
`.practice` (a published BK practice), `.draft`, `.khtn_practice` and `.attachment`;
test_authorization.py runs them."""

from __future__ import annotations

from django.utils import timezone


def _data(w) -> dict:
    return {"unit": w.bk, "title": "Cách làm mới", "area": "network", "summary": "Tóm tắt",
            "body": "Nội dung"}


def cases() -> dict:
    from directives.practices import services as p

    return {
        "practice_create": lambda w, by: ([], lambda: p.practice_create(data=_data(w), by=by)),
        "practice_update": lambda w, by: ([w.practice], lambda: p.practice_update(
            practice=w.practice, data={"title": "Tên mới"}, by=by)),
        "practice_publish": lambda w, by: ([w.draft], lambda: p.practice_publish(
            practice=w.draft, by=by)),
        "practice_endorse": lambda w, by: ([w.practice], lambda: p.practice_endorse(
            practice=w.practice, note="Đề nghị nhân rộng.", by=by)),
        "attachment_delete": lambda w, by: ([w.attachment], lambda: p.attachment_delete(
            attachment=w.attachment, by=by)),
        # The adopting unit is BK's (a BK department adopts a KHTN practice).
        "adoption_record": lambda w, by: ([w.khtn_practice], lambda: p.adoption_record(
            practice=w.khtn_practice, unit=w.bk, adopted_on=timezone.localdate(),
            outcome="Tốt", rating=4, by=by)),
    }


# Only the committee may: the practice's own unit's officer is refused too (checked in
# test_authorization.py).
COMMITTEE_ONLY = {"practice_endorse"}
