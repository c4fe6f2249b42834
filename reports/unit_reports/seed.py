"""Demo opinion reports of the grassroots unions for the last months: most sent on time,
some late, one union that has not reported, the older ones acknowledged, a draft for
Bách khoa this month and one quick report (registered as "reports-units")."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from portal.models import Unit, User
from portal.periods import months_before

from ..models import UnitReport
from .contributions import month_due_by
from .services import (
    _submit,
    first_of_month,
    reporting_units,
    unit_report_acknowledge,
    unit_report_start,
    unit_report_update,
)

MONTHS = 6
LATE = {"AG", "KHSK"}  # sent a few days after the due day, last month
MISSING = "BT"  # has not sent last month's report

MOODS = ["stable", "mostly_stable", "stable", "mostly_stable", "worried"]
NOTES = [
    "Đoàn viên, người lao động cơ bản yên tâm công tác, tin tưởng vào chủ trương của "
    "Đảng ủy và Ban Giám đốc ĐHQG-HCM.",
    "Tư tưởng chung ổn định; một bộ phận viên chức trẻ còn băn khoăn về thu nhập và nhà ở.",
    "Không khí làm việc phấn khởi sau khi đơn vị công bố kế hoạch chi thu nhập tăng thêm.",
]
ISSUES = [
    {"topic": "Lộ trình cải cách tiền lương và thu nhập tăng thêm", "direction": "hesitant",
     "intensity": "medium", "spread": "unit",
     "handling": "Công đoàn đã đề nghị lãnh đạo đơn vị thông tin rõ lộ trình tại hội nghị "
                 "viên chức."},
    {"topic": "Sắp xếp, tinh gọn tổ chức bộ máy các phòng, ban", "direction": "hesitant",
     "intensity": "high", "spread": "group",
     "handling": "Tổ chức đối thoại với viên chức các phòng dự kiến sáp nhập."},
    {"topic": "Quy định mới về giờ chuẩn giảng dạy và nghiên cứu", "direction": "opposing",
     "intensity": "medium", "spread": "group",
     "handling": "Tổng hợp ý kiến gửi Phòng Tổ chức cán bộ."},
    {"topic": "Chương trình chăm lo Tết cho đoàn viên khó khăn", "direction": "approving",
     "intensity": "low", "spread": "unit", "handling": ""},
]


def _at(day, hour: int = 9) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _fill(report: UnitReport, officer: User, n: int) -> None:
    unit_report_update(report=report, by=officer, fields={
        "mood": MOODS[n % len(MOODS)], "mood_note": NOTES[n % len(NOTES)],
        "forecast": "Dự báo tình hình tư tưởng của đoàn viên tiếp tục ổn định; cần theo dõi "
                    "dư luận về việc sắp xếp bộ máy và chính sách tiền lương.",
        "recommendations": "Đề nghị Ban Thường vụ Công đoàn ĐHQG-HCM kiến nghị ĐHQG-HCM sớm "
                           "thông tin chính thức về lộ trình sắp xếp, tinh gọn bộ máy.",
    }, issues=[ISSUES[(n + k) % len(ISSUES)] for k in range(1 + n % 2)])


def seed(*, stdout) -> None:
    committee = User.objects.get(username="committee")
    admin = User.objects.get(username="admin")
    today = timezone.localdate()
    this_month = first_of_month(today)
    units = list(reporting_units().order_by("path"))
    due_month = month_due_by(today)  # the latest month whose report is already due
    made = 0
    for n, unit in enumerate(units):
        for back in range(MONTHS, 0, -1):
            month = months_before(this_month, back)
            last = month == due_month
            if month >= due_month and unit.code == MISSING:
                continue
            with transaction.atomic():
                report = unit_report_start(unit=unit, kind=UnitReport.Kind.PERIODIC,
                                           month=month, by=admin, today=today)
                if not report.is_draft:
                    continue
                _fill(report, admin, n + back)
                late = last and unit.code in LATE
                day = report.due_on + timedelta(days=3) if late else \
                    report.due_on - timedelta(days=1 + (n + back) % 4)
                if late:
                    day = min(day, today)
                elif day > today:  # not yet due: leave it a draft for half the units
                    if n % 2:
                        continue
                    day = today
                report = _submit(UnitReport.objects.select_for_update().get(pk=report.pk),
                                 by=admin, at=_at(day))
                if month < due_month or n % 3 == 0:
                    unit_report_acknowledge(report=report, by=committee,
                                            comment="Ban Thường vụ đã nhận báo cáo; đề nghị "
                                                    "đơn vị tiếp tục theo dõi sát tình hình.")
                made += 1
    bk = Unit.objects.get(code="BK")
    unit_report_start(unit=bk, kind=UnitReport.Kind.PERIODIC, month=this_month, by=admin,
                      today=today)
    quick_subject = "Phản ứng của viên chức về dự thảo quy chế chi tiêu nội bộ"
    khtn = Unit.objects.get(code="KHTN")
    if not UnitReport.objects.filter(unit=khtn, kind=UnitReport.Kind.QUICK).exists():
        with transaction.atomic():
            quick = unit_report_start(unit=khtn, kind=UnitReport.Kind.QUICK,
                                      subject=quick_subject, by=admin, today=today)
            unit_report_update(report=quick, by=admin, fields={
                "mood": "worried",
                "mood_note": "Nhiều viên chức bày tỏ lo lắng trên nhóm Zalo của khoa về việc "
                             "cắt giảm định mức chi hỗ trợ nghiên cứu trong dự thảo.",
                "forecast": "Nếu không được giải thích kịp thời, dư luận có thể lan sang các "
                            "khoa khác.",
                "recommendations": "Đề nghị tổ chức đối thoại giữa lãnh đạo Trường và viên "
                                   "chức trước khi ban hành quy chế."},
                issues=[ISSUES[2]])
            _submit(UnitReport.objects.select_for_update().get(pk=quick.pk), by=admin,
                    at=_at(today, 8))
            made += 1
    stdout.write(f"reports-units: {made} unit reports sent")
