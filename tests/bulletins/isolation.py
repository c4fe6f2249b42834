"""The bulletins area's part of tests/test_isolation.py.

The BK bulletin used here is addressed to BK's officers only, so that the BK collaborator
and member are outside its audience and are refused like another union's officer; a
bulletin addressed to them is theirs to read and ask about (tests/bulletins)."""

from __future__ import annotations

from django.core.files.base import ContentFile


def objects(bk, users) -> dict:
    from directives.bulletins.models import (
        Bulletin,
        BulletinAttachment,
        BulletinAudience,
        BulletinQuestion,
    )

    bulletin = Bulletin.objects.create(unit=bk, author=users["officer"], roles=",officer,",
                                       title="Định hướng nội bộ cho cán bộ công đoàn",
                                       body="Nội dung nội bộ.")
    BulletinAudience.objects.create(bulletin=bulletin, unit=bk)
    question = BulletinQuestion.objects.create(bulletin=bulletin, asker=users["officer"],
                                               text="Câu hỏi chưa trả lời")
    attachment = BulletinAttachment(bulletin=bulletin, name="cong-van.pdf")
    attachment.file.save("cong-van.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    return {"bulletin": bulletin, "question": question, "attachment": attachment}


TARGETS = {
    **{f"bulletins:{name}": lambda o: ({"pk": o["bulletin"].pk}, [o["bulletin"]])
       for name in ("detail", "edit", "reach", "ask")},
    "bulletins:attachment": lambda o: ({"pk": o["attachment"].pk},
                                       [o["bulletin"], o["attachment"]]),
    **{f"bulletins:{name}": lambda o: ({"pk": o["question"].pk},
                                       [o["bulletin"], o["question"]])
       for name in ("answer", "to_case")},
}

BODIES = {
    "bulletins:ask": lambda o: {"text": "Cho tôi hỏi"},
    "bulletins:answer": lambda o: {"answer": "Trả lời"},
    "bulletins:edit": lambda o: {"title": "Đổi tên", "body": "Khác", "kind": "official",
                                 "urgency": "normal", "publish_at": "2026-01-01T08:00",
                                 "audience_units": [o["bulletin"].unit_id]},
}
