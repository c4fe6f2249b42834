"""Practices made through the services, as the pages make them."""

from __future__ import annotations

from directives.practices.services import practice_create, practice_endorse, practice_publish

BODY = "### Cách làm\nMỗi tổ công đoàn cử một người phụ trách.\n\n- Bước 1\n- Bước 2\n"


def practice_data(unit, **changes) -> dict:
    return {"unit": unit, "title": "Khảo sát nhanh bằng mã QR", "area": "surveys",
            "summary": "Ba câu hỏi ngắn sau mỗi buổi sinh hoạt.", "body": BODY,
            "figures": "Số ý kiến: 35 → 120", **changes}


def make_practice(unit, by, *, state="published", tags=("khảo sát",), **changes):
    practice = practice_create(data=practice_data(unit, **changes), by=by, tags=list(tags))
    if state in ("published", "endorsed"):
        practice_publish(practice=practice, by=by)
    if state == "endorsed":
        from portal.models import User

        committee = User.objects.get(username="committee")
        practice_endorse(practice=practice, note="Đề nghị nhân rộng.", by=committee)
    return practice
