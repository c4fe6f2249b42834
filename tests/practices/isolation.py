"""The practices area's part of tests/test_isolation.py: a BK draft practice (a draft is
its unit's own; a published practice is everyone's by design) with an attachment."""

from __future__ import annotations

from django.core.files.base import ContentFile


def objects(bk, users) -> dict:
    from directives.practices.models import Attachment
    from directives.practices.services import practice_create

    practice = practice_create(data={
        "unit": bk, "title": "Bản nháp cách làm hay của Bách khoa", "area": "surveys",
        "summary": "Tóm tắt bản nháp.", "body": "Nội dung bản nháp."}, by=users["officer"])
    attachment = Attachment(practice=practice, name="ke-hoach.pdf",
                            uploaded_by=users["officer"])
    attachment.file.save("ke-hoach.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    return {"practice": practice, "attachment": attachment}


def _practice(o):
    return {"pk": o["practice"].pk}, [o["practice"]]


def _attachment(o):
    return {"pk": o["attachment"].pk}, [o["attachment"], o["practice"]]


TARGETS = {
    "practices:detail": _practice,
    "practices:edit": _practice,
    "practices:publish": _practice,
    "practices:endorse": _practice,
    "practices:adopt": _practice,
    "practices:attachment": _attachment,
    "practices:attachment_delete": _attachment,
}

BODIES = {
    "practices:edit": lambda o: {"unit": o["practice"].unit_id, "title": "Đổi tên",
                                 "area": "surveys", "summary": "x", "body": "y"},
    "practices:endorse": lambda o: {"note": "Công nhận"},
    "practices:adopt": lambda o: {"unit": o["practice"].unit_id, "adopted_on": "01/01/2026",
                                  "outcome": "Tốt", "rating": "5"},
}
