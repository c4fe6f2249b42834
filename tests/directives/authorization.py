"""The directives services in the shape of CASES in tests/test_service_authorization.py:
name -> (world, actor) -> (rows that must not change, the call). `world` needs `.bk`,
`.draft` (a BK draft directive), `.task` (its task) and `.progress` (a BK row of a
published BK directive); test_authorization.py runs them."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone


def _task(w, number=2) -> dict:
    return {"number": number, "title": "Tổ chức đối thoại", "description": "",
            "area": "dialogue", "rhythm": "once", "target_unit": w.bk,
            "due_on": timezone.localdate() + timedelta(days=30)}


def cases() -> dict:
    from directives import services as d

    return {
        "directive_save": lambda w, by: ([w.draft], lambda: d.directive_save(
            directive=w.draft, by=by, data={
                "unit": w.bk, "number": "9/KH-CĐBK", "issued_on": w.draft.issued_on,
                "issuer": "BCH", "subject": "Đổi trích yếu", "body": ""})),
        "directive_publish": lambda w, by: ([w.draft], lambda: d.directive_publish(
            directive=w.draft, by=by)),
        "directive_delete": lambda w, by: ([w.draft], lambda: d.directive_delete(
            directive=w.draft, by=by)),
        "task_save": lambda w, by: ([w.draft], lambda: d.task_save(
            directive=w.draft, data=_task(w), by=by)),
        "task_delete": lambda w, by: ([w.task], lambda: d.task_delete(task=w.task, by=by)),
        "progress_report": lambda w, by: ([w.progress], lambda: d.progress_report(
            progress=w.progress, by=by, status="done", note="Đã xong.")),
    }
