"""The bulletins services for tests/test_service_authorization.py's CASES (same shape:
world, actor -> the rows that must not change, the call). The shared test checks that every
service is here, and runs no area's: tests/bulletins/test_service_authorization.py runs these."""

from __future__ import annotations

from django.utils import timezone


def _bulletin(w):
    from directives.bulletins.models import Bulletin, BulletinAudience
    from portal.models import User

    if not hasattr(w, "_bulletin"):
        author = User.objects.get(username="officer")
        w._bulletin = Bulletin.objects.create(unit=w.bk, author=author, title="Đính chính",
                                              body="Nội dung")
        BulletinAudience.objects.create(bulletin=w._bulletin, unit=w.bk)
    return w._bulletin


def _question(w):
    from directives.bulletins.models import BulletinQuestion

    if not hasattr(w, "_question"):
        w._question = BulletinQuestion.objects.create(bulletin=_bulletin(w), text="Hỏi")
    return w._question


def _data(w) -> dict:
    return {"title": "Thông tin mới", "body": "Nội dung", "audience_units": [w.bk],
            "publish_at": timezone.now()}


def cases() -> dict:
    from directives.bulletins import services as b

    return {
        "bulletin_publish": lambda w, by: ([], lambda: b.bulletin_publish(
            unit=w.bk, data=_data(w), by=by)),
        "bulletin_update": lambda w, by: ([_bulletin(w)], lambda: b.bulletin_update(
            bulletin=_bulletin(w), data={**_data(w), "title": "Tên mới"}, by=by)),
        "question_answer": lambda w, by: ([_question(w)], lambda: b.question_answer(
            question=_question(w), answer="Trả lời", by=by)),
        "question_to_case": lambda w, by: ([_question(w)], lambda: b.question_to_case(
            question=_question(w), by=by)),
    }
