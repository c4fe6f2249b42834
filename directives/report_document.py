"""The report on a directive's progress: the `DocumentSubject` "directive_progress" that
`reports` numbers, lays out and renders (Báo cáo tiến độ thực hiện văn bản chỉ đạo): the
whole picture, then each task, then each union, as the matrix shows them today."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from portal.contributions import DocumentSubject, register_document_subject
from portal.documents import Paragraph, Section, Table
from portal.numbers import format_percent, percent
from portal.tracking import OPEN, TrackedStatus

from .models import Directive, TaskProgress

KIND = "directive_progress"


def choices(user) -> QuerySet[Directive]:
    """The published directives of the units a person may change."""
    return Directive.objects.changeable_by(user).filter(status=Directive.Status.PUBLISHED)


def demo() -> Directive | None:
    return Directive.objects.published().filter(unit__parent=None).order_by("pk").first()


def title(directive: Directive) -> str:
    return f"Tiến độ thực hiện văn bản số {directive.number}"


def _counts(rows, group: str) -> dict:
    today = timezone.localdate()
    return {row.pop(group): row for row in rows.order_by().values(group).annotate(
        total=Count("pk"), done=Count("pk", filter=Q(status=TrackedStatus.DONE)),
        going=Count("pk", filter=Q(status=TrackedStatus.IN_PROGRESS)),
        late=Count("pk", filter=Q(status__in=OPEN, due_on__lt=today)))}


def _share(done: int, total: int) -> str:
    value = percent(done, total)
    return "—" if value is None else format_percent(value)


def sections(directive: Directive) -> list[Section]:
    rows = TaskProgress.objects.filter(task__directive=directive).exclude(
        status=TrackedStatus.CANCELLED)
    by_task = _counts(rows, "task")
    by_unit = _counts(rows, "unit")
    total = sum(r["total"] for r in by_task.values())
    done = sum(r["done"] for r in by_task.values())
    late = sum(r["late"] for r in by_task.values())
    tasks = list(directive.tasks.order_by("number"))
    today = timezone.localdate()
    summary = Paragraph(
        f"Thực hiện văn bản số {directive.number} ngày {directive.issued_on:%d/%m/%Y} của "
        f"{directive.issuer} {directive.subject[:1].lower()}{directive.subject[1:]}, "
        f"{len(tasks)} nhiệm vụ được giao cho {len(by_unit)} đơn vị. Đến ngày "
        f"{today:%d/%m/%Y}, {done}/{total} lượt nhiệm vụ đã hoàn thành "
        f"({_share(done, total)}); {late} lượt quá hạn chưa hoàn thành.")
    task_rows = []
    for task in tasks:
        row = by_task.get(task.pk, {"total": 0, "done": 0, "going": 0, "late": 0})
        task_rows.append([f"{task.number}. {task.title}", str(row["done"]), str(row["going"]),
                          str(row["late"]), _share(row["done"], row["total"])])
    from portal.models import Unit

    units = Unit.objects.in_bulk(list(by_unit))
    unit_rows = [[units[pk].name, str(row["done"]), str(row["total"]), str(row["late"]),
                  _share(row["done"], row["total"])]
                 for pk, row in sorted(by_unit.items(), key=lambda item: units[item[0]].path)]
    return [
        Section("I. Tình hình chung", [summary]),
        Section("II. Kết quả theo nhiệm vụ", [Table(
            caption="Bảng 1. Kết quả thực hiện từng nhiệm vụ",
            header=["Nhiệm vụ", "Hoàn thành", "Đang thực hiện", "Quá hạn", "Tỷ lệ"],
            rows=task_rows)]),
        Section("III. Kết quả theo đơn vị", [Table(
            caption="Bảng 2. Kết quả thực hiện của từng đơn vị",
            header=["Đơn vị", "Hoàn thành", "Được giao", "Quá hạn", "Tỷ lệ"],
            rows=unit_rows)]),
    ]


def register() -> None:
    register_document_subject(DocumentSubject(
        KIND, choices, sections, demo, title=title, document_name="BÁO CÁO", symbol="BC",
        issuer=lambda directive: directive.unit, numbered=True))
