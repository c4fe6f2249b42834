"""The directives' part of tests/test_isolation.py: a directive the Bách khoa union issued
for its own units (officers of other unions never see it), one of its tasks, and a BK row of
progress on dispatch 360 with its evidence."""

from __future__ import annotations

from django.core.files.base import ContentFile


def objects(bk, users) -> dict:
    from directives.models import Directive, TaskProgress

    plan = Directive.objects.filter(unit=bk).order_by("pk").first()
    if not plan.attachment:
        plan.attachment.save("ke-hoach.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    row = (TaskProgress.objects.filter(unit=bk, task__directive__unit__parent=None)
           .order_by("task__number", "period_start").first())
    if not row.evidence:
        row.evidence.save("minh-chung.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    return {"plan": plan, "task": plan.tasks.order_by("number").first(), "progress": row}


def _plan(o):
    return {"pk": o["plan"].pk}, [o["plan"]]


TARGETS = {
    **{f"directives:{name}": _plan for name in (
        "detail", "edit", "publish", "delete", "attachment", "matrix", "matrix_export")},
    "directives:task_create": lambda o: ({"directive_pk": o["plan"].pk}, [o["plan"]]),
    **{f"directives:{name}": (lambda o: ({"pk": o["task"].pk}, [o["task"], o["plan"]]))
       for name in ("task_edit", "task_delete")},
    **{f"directives:{name}": (lambda o: ({"pk": o["progress"].pk}, [o["progress"]]))
       for name in ("progress", "evidence")},
}

BODIES = {
    "directives:progress": lambda o: {"status": "done", "note": "Đã xong."},
    "directives:edit": lambda o: {
        "unit": str(o["plan"].unit_id), "number": "1/KH", "issued_on": "01/01/2026",
        "issuer": "BCH", "subject": "Đổi tên", "body": ""},
    "directives:task_create": lambda o: {
        "number": "9", "title": "Thêm", "area": "network", "rhythm": "once",
        "due_on": "31/12/2026", "target_unit": str(o["plan"].unit_id)},
    "directives:task_edit": lambda o: {
        "number": "1", "title": "Đổi", "area": "network", "rhythm": "once",
        "due_on": "31/12/2026", "target_unit": str(o["plan"].unit_id)},
}
