"""Demo data: dispatch 360/CĐ-ĐHQG as a published directive of the university union, its
six tasks read from the dispatch, and varied progress across the grassroots unions (some
done with evidence, some under way, some overdue); and a plan of the Bách khoa union for its
own units.

Idempotent: directives are keyed by unit and number; a second run only opens the current
period's rows of recurring tasks. Random choices come from a fixed seed.
"""

from __future__ import annotations

import random
import re
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from portal import demo
from portal.models import Unit, User
from portal.periods import months_before
from portal.tracking import TrackedStatus

from .areas import DispatchArea
from .models import Directive, DirectiveTask, TaskProgress
from .periods import period_of
from .services import directive_publish, progress_open_periods, task_save

DISPATCH = Path(settings.BASE_DIR) / "docs" / "360-CD-DHQG.txt"
NUMBER = "360/CĐ-ĐHQG"
SUBJECT = ("Về tiếp tục thực hiện có hiệu quả Kết luận số 100-KL/TW của Ban Bí thư, Chỉ thị "
           "số 12-CT/TU và Kết luận số 455-KL/TU của Ban Thường vụ Thành ủy")
ISSUER = "Ban Thường vụ Công đoàn ĐHQG-HCM"
BODY = (
    "Kính gửi: Các Công đoàn cơ sở trực thuộc\n\n"
    "Thực hiện Công văn số 372-CV/BTGDƯ ngày 13 tháng 9 năm 2024 của Ban Tuyên giáo Đảng ủy "
    "Đại học Quốc gia Thành phố Hồ Chí Minh (ĐHQG-HCM) về tiếp tục thực hiện có hiệu quả Kết "
    "luận số 100-KL/TW của Ban Bí thư, Chỉ thị số 12-CT/TU và Kết luận số 455-KL/TU của Ban "
    "Thường vụ Thành ủy; Ban Thường vụ Công đoàn ĐHQG-HCM đề nghị các đơn vị thực hiện một số "
    "nội dung sau (các nhiệm vụ 1–6 bên dưới).\n\n"
    "TM. Ban Thường vụ, Chủ tịch **Trần Anh Cường**")

# The six tasks: the opening words of each point of the dispatch, the area it serves, its
# rhythm, and (for a task done once) its due date in days from today.
TASKS = [
    ("Tiếp tục triển khai thực hiện có hiệu quả Kết luận số 100-KL/TW của Ban Bí thư, Chỉ thị "
     "số 12-CT/TU, Kết luận số 455-KL/TU của Ban Thường vụ Thành ủy; tăng cường sự lãnh đạo "
     "của cấp ủy đối với công tác nắm bắt và định hướng dư luận xã hội",
     DispatchArea.LEADERSHIP, "yearly", None),
    ("Rà soát, kiện toàn, củng cố đội ngũ làm công tác dư luận xã hội và cộng tác viên dư luận "
     "xã hội các cấp theo hướng mở rộng số lượng, thành phần; thường xuyên tổ chức tập huấn, "
     "bồi dưỡng",
     DispatchArea.NETWORK, "once", -12),
    ("Tổ chức thực hiện có hiệu quả các cuộc khảo sát, thăm dò dư luận xã hội, đáp ứng thiết "
     "thực cho công tác tham mưu, tránh việc chạy theo số lượng",
     DispatchArea.SURVEYS, "once", 25),
    ("Chú trọng nâng cao chất lượng hội nghị giao ban công tác dư luận xã hội và các báo cáo "
     "về điều tra, thăm dò dư luận xã hội; chủ động cung cấp thông tin chính thống kịp thời",
     DispatchArea.BRIEFINGS, "monthly", None),
    ("Đẩy mạnh đổi mới nội dung, phương thức công tác dư luận xã hội; chú trọng công tác đối "
     "thoại trực tiếp và giải quyết những vấn đề bức xúc chính đáng của viên chức, người lao "
     "động, đoàn viên",
     DispatchArea.DIALOGUE, "quarterly", None),
    ("Quan tâm chỉ đạo tăng cường công tác kiểm tra, giám sát, công tác sơ kết, tổng kết, rút "
     "kinh nghiệm; kịp thời giới thiệu, nhân rộng những cách làm hay, hiệu quả",
     DispatchArea.INSPECTION, "yearly", None),
]

NOTES = {
    TrackedStatus.DONE: ["Đã triển khai đầy đủ, có biên bản kèm theo.",
                         "Đã hoàn thành, báo cáo kết quả gửi Ban Thường vụ.",
                         "Hoàn thành; đã tổ chức và lưu hồ sơ."],
    TrackedStatus.IN_PROGRESS: ["Đang triển khai tại các công đoàn bộ phận.",
                                "Đã xây dựng kế hoạch, đang tổ chức thực hiện.",
                                "Đang tổng hợp ý kiến, dự kiến hoàn thành đúng hạn."],
    TrackedStatus.NOT_STARTED: [""],
}


def dispatch_points(text: str) -> dict[int, str]:
    """The numbered points "1." to "6." of the dispatch, each as one paragraph (a page
    break inside a point is joined)."""
    start, end = text.find("sau:"), text.find("Trân trọng")
    if start < 0 or end < 0:
        return {}
    parts = re.split(r"\n\s*(\d)\.\s+", "\n" + text[start + 4:end])
    return {int(n): " ".join(body.split()) for n, body in zip(parts[1::2], parts[2::2],
                                                               strict=True)}


def _link(name: str, *args) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def _evidence_link(task: DirectiveTask, unit: Unit) -> str:
    if task.area == DispatchArea.NETWORK:
        return _link("collaborators:list") + f"?don-vi={unit.pk}"
    if task.area == DispatchArea.SURVEYS:
        from surveys.models import Survey

        survey = Survey.objects.filter(owner_unit=unit).order_by("pk").first()
        return survey.get_absolute_url() if survey else _link("surveys:list")
    if task.area == DispatchArea.BRIEFINGS:
        return _link("meetings:list")
    return ""


def _progress(row: TaskProgress, rng: random.Random, today: date, by: User | None) -> None:
    """A plausible state for one row: earlier periods mostly done, the current one mixed;
    rows past their date are done or left overdue."""
    past = row.due_on < today
    weights = (1, 1, 6) if past else (4, 4, 2)  # not started, in progress, done
    status = rng.choices([TrackedStatus.NOT_STARTED, TrackedStatus.IN_PROGRESS,
                          TrackedStatus.DONE], weights=weights)[0]
    row.status = status
    row.note = rng.choice(NOTES[status])
    if status == TrackedStatus.DONE:
        finished = row.due_on - timedelta(days=rng.randint(-4, 10))  # a few late
        row.completed_on = max(row.period_start, min(today, finished))
        row.evidence_link = _evidence_link(row.task, row.unit)
        if not row.evidence_link or rng.random() < 0.4:
            row.evidence.save("bien-ban.pdf", ContentFile(b"%PDF-1.4\n% minh chung\n%%EOF\n"),
                              save=False)
    row._history_user = by  # type: ignore[attr-defined]
    row.save()


def _directive(unit: Unit, number: str, by: User | None, **fields) -> tuple[Directive, bool]:
    found = Directive.objects.filter(unit=unit, number=number).first()
    if found:
        return found, False
    return Directive.objects.create(unit=unit, number=number, created_by=by, **fields), True


def seed_dispatch(top: Unit, committee: User, today: date) -> Directive:
    directive, new = _directive(top, NUMBER, committee, issued_on=date(2024, 9, 17),
                                issuer=ISSUER, subject=SUBJECT, body=BODY)
    if not new:
        return directive
    points = dispatch_points(DISPATCH.read_text("utf-8")) if DISPATCH.exists() else {}
    for number, (title, area, rhythm, due_in) in enumerate(TASKS, start=1):
        task_save(directive=directive, by=committee, data={
            "number": number, "title": title, "description": points.get(number, ""),
            "area": area, "rhythm": rhythm, "target_unit": top,
            "due_on": today + timedelta(days=due_in) if due_in is not None else None})
    directive_publish(directive=directive, by=committee, today=today)
    # The two months before this one, so recurring tasks show their past periods.
    this_month = period_of("monthly", today).start
    for months in (2, 1):
        progress_open_periods(today=months_before(this_month, months))
    rng = random.Random(360)
    rows = (TaskProgress.objects.filter(task__directive=directive)
            .select_related("task", "unit").order_by("unit__path", "task__number",
                                                      "period_start"))
    for row in rows:
        _progress(row, rng, today, committee)
    return directive


def seed_unit_plan(bk: Unit, officer: User, today: date) -> Directive:
    """The Bách khoa union's own plan for its units: a directive an officer issues."""
    directive, new = _directive(
        bk, "45/KH-CĐBK", officer, issued_on=today - timedelta(days=40),
        issuer="Ban Chấp hành Công đoàn Trường Đại học Bách khoa",
        subject="Kế hoạch triển khai Công văn 360/CĐ-ĐHQG tại Công đoàn Trường",
        body="Các công đoàn bộ phận tổ chức thực hiện các nội dung sau.")
    if not new:
        return directive
    for number, (title, area, due_in) in enumerate([
            ("Kiện toàn tổ cộng tác viên dư luận xã hội ở từng công đoàn bộ phận",
             DispatchArea.NETWORK, 20),
            ("Tổ chức đối thoại với viên chức trẻ về chế độ đãi ngộ",
             DispatchArea.DIALOGUE, -5)], start=1):
        task_save(directive=directive, by=officer, data={
            "number": number, "title": title, "description": "", "area": area,
            "rhythm": "once", "due_on": today + timedelta(days=due_in), "target_unit": bk})
    directive_publish(directive=directive, by=officer, today=today)
    rows = TaskProgress.objects.filter(task__directive=directive).select_related("task", "unit")
    for row in rows.order_by("task__number"):
        _progress(row, random.Random(45 + row.task.number), today, officer)
    return directive


def seed(*, stdout) -> None:
    today = timezone.localdate()
    top = Unit.objects.get(code=demo.TOP[0])
    users = {u.username: u for u in User.objects.filter(username__in=["committee", "officer"])}
    # The services check who acts: the demo's committee account issues the dispatch.
    committee = users.get("committee") or User.objects.filter(is_superuser=True).first()
    if committee:
        seed_dispatch(top, committee, today)
    bk = Unit.objects.filter(code="BK").first()
    if bk and users.get("officer"):
        seed_unit_plan(bk, users["officer"], today)
    opened = progress_open_periods(today=today)
    stdout.write(f"directives: {Directive.objects.count()} directives, "
                 f"{TaskProgress.objects.count()} progress records ({opened} opened now)")


demo.register("directives", seed)
