"""Demo data: briefing meetings over the last four months for the demo units at both
levels (the university union's, BK's, KHTN's, KHXHNV's), of every kind, with attendance,
minutes, the opinion reports and surveys discussed, and follow-up actions (older ones done,
recent ones open, one overdue in the hands of the demo `officer`). KHXHNV skips a month, so
the committee's "who met" page has a gap to show.

Idempotent: a meeting is keyed by its unit and start; a second run adds nothing."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from portal import demo
from portal.models import Unit, User
from portal.periods import months_before
from portal.tracking import TrackedStatus

from .models import Action, AgendaItem, Attendance, Meeting

PLACES = {"CDDHQG": "Phòng họp A, Nhà điều hành ĐHQG-HCM",
          "BK": "Phòng họp B4, Trường Đại học Bách khoa",
          "KHTN": "Hội trường I, 227 Nguyễn Văn Cừ",
          "KHXHNV": "Phòng C.201, cơ sở Thủ Đức"}
CHAIRS = {"CDDHQG": ("Trần Thị Minh Hạnh", "Đỗ Văn Tài"),
          "BK": ("Nguyễn Văn Phúc", "Huỳnh Thị Mỹ Linh"),
          "KHTN": ("Lê Thị Thu Trang", "Phan Quốc Khánh"),
          "KHXHNV": ("Võ Hoàng Nam", "Đặng Thu Hà")}
AGENDA = ["Tình hình tư tưởng, dư luận của đoàn viên trong tháng",
          "Kết quả các phiếu phản ánh dư luận và khảo sát gần đây",
          "Kiểm điểm việc thực hiện các việc được phân công kỳ trước",
          "Định hướng thông tin và nhiệm vụ tháng tới"]
THEMES = {"young_lecturers": "Băn khoăn của giảng viên trẻ về định mức giờ chuẩn và cơ hội "
                             "học tập nâng cao trình độ",
          "retirees": "Ý kiến của cán bộ hưu trí về chế độ thăm hỏi, sinh hoạt câu lạc bộ",
          "workers": "Điều kiện làm việc và thu nhập của nhân viên phục vụ, bảo vệ"}
MINUTES = """Đồng chí chủ trì báo cáo tình hình tư tưởng của đoàn viên trong tháng: nhìn chung \
đoàn viên yên tâm công tác, đồng thuận với các chủ trương của nhà trường.

Các ý kiến phát biểu tập trung vào:

- chế độ thu nhập tăng thêm và thời điểm chi trả;
- điều kiện làm việc tại các phòng thí nghiệm cũ;
- thông tin chưa chính xác lan truyền trên mạng xã hội về lộ trình tự chủ.

**Kết luận:** giao Ban Thường vụ phối hợp với phòng chức năng thông tin rõ lộ trình chi trả; \
cộng tác viên tiếp tục nắm bắt dư luận và báo cáo kịp thời các vấn đề nổi cộm."""
ACTIONS = ["Phối hợp phòng Kế hoạch – Tài chính thông tin lộ trình chi trả thu nhập tăng thêm",
           "Tổng hợp ý kiến về điều kiện làm việc gửi Ban Giám hiệu",
           "Đăng tải thông tin chính thức phản bác tin sai lệch trên trang công đoàn",
           "Tổ chức đối thoại với nhóm giảng viên trẻ về định mức giờ chuẩn"]
OVERDUE = "Gửi Ban Thường vụ báo cáo tổng hợp ý kiến đoàn viên về chế độ làm thêm giờ"


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _people(unit: Unit) -> list[User]:
    condition = Q(unit__path__startswith=unit.path)
    if unit.parent_id is None:
        condition = Q(role__in=[User.Role.COMMITTEE, User.Role.OFFICER])
    return list(User.objects.filter(condition, is_active=True).order_by("pk")[:10])


def _meeting(unit: Unit, day: date, kind: str, rng: random.Random, *, group: str = "",
             by: User | None, today: date) -> Meeting | None:
    starts = _at(day, 14 if kind != Meeting.Kind.EXTRAORDINARY else 9)
    meeting, created = Meeting.objects.get_or_create(
        unit=unit, starts_at=starts, defaults={
            "level": Meeting.level_for(unit), "kind": kind, "group": group,
            "ends_at": starts + timedelta(hours=2), "place": PLACES[unit.code],
            "chair": CHAIRS[unit.code][0], "secretary": CHAIRS[unit.code][1],
            "created_by": by})
    if not created:
        return None
    held = day <= today
    agenda = ([THEMES[group], *AGENDA[2:]] if group else
              ["Thông tin nhanh về vụ việc phát sinh và định hướng xử lý"]
              if kind == Meeting.Kind.EXTRAORDINARY else AGENDA)
    AgendaItem.objects.bulk_create(AgendaItem(meeting=meeting, position=i, title=t)
                                   for i, t in enumerate(agenda, start=1))
    if not held:
        return meeting
    meeting.minutes = MINUTES
    meeting.save(update_fields=["minutes"])
    people = _people(unit)
    for index, person in enumerate(people):
        status = (Attendance.Status.EXCUSED if index % 5 == 3 else
                  Attendance.Status.UNEXCUSED if index % 7 == 6 else Attendance.Status.PRESENT)
        Attendance.objects.create(meeting=meeting, account=person, status=status,
                                  reason="Đi công tác" if status == "excused" else "")
    if unit.parent_id is None:
        Attendance.objects.create(meeting=meeting, guest_name="Nguyễn Thị Lệ Thu",
                                  guest_title="Ban Tuyên giáo Thành ủy")
    from collaborators.models import OpinionReport
    from surveys.models import Survey

    reports = OpinionReport.objects.filter(unit__path__startswith=unit.path,
                                           created_at__lt=starts).order_by("-created_at")[:2]
    meeting.opinion_reports.set(reports)
    survey = (Survey.objects.filter(owner_unit=unit).exclude(status="draft")
              .filter(opens_at__lt=starts).order_by("-opens_at").first())
    if survey:
        meeting.surveys.set([survey])
    owners = [p for p in people if p.role == User.Role.OFFICER] or people
    for index, title in enumerate(rng.sample(ACTIONS, 2)):
        due = day + timedelta(days=14 + 7 * index)
        done = due < today
        owner = owners[index % len(owners)] if owners else None
        if owner is None:
            continue
        Action.objects.create(
            meeting=meeting, unit=unit, owner=owner, title=title, due_on=due,
            status=TrackedStatus.DONE if done else TrackedStatus.IN_PROGRESS if index
            else TrackedStatus.NOT_STARTED,
            completed_on=due - timedelta(days=2) if done else None,
            note="Đã thực hiện, có báo cáo kèm theo." if done else "")
    return meeting


def _overdue(officer: User, today: date) -> None:
    """One action of the officer's unit's last regular meeting, left past its deadline."""
    meeting = (Meeting.objects.filter(unit=officer.unit, kind=Meeting.Kind.REGULAR)
               .past().order_by("-starts_at").first())
    if meeting is None:
        return
    Action.objects.get_or_create(
        meeting=meeting, title=OVERDUE, defaults={
            "unit": meeting.unit, "owner": officer, "status": TrackedStatus.IN_PROGRESS,
            "due_on": today - timedelta(days=5),
            "note": "Đang tổng hợp ý kiến của các công đoàn bộ phận."})


@transaction.atomic
def seed(*, stdout) -> None:
    codes = ["CDDHQG", "BK", "KHTN", "KHXHNV"]
    units = {u.code: u for u in Unit.objects.filter(code__in=codes)}
    accounts = {u.username: u for u in User.objects.filter(
        username__in=["committee", "officer", "officer2"]).select_related("unit")}
    if len(units) < len(codes) or "officer" not in accounts:
        return
    today = timezone.localdate()
    rng = random.Random(412)
    first = today.replace(day=1)
    for back in range(4, 0, -1):
        month = months_before(first, back)
        for code in codes:
            if code == "KHXHNV" and back == 2:
                continue  # a missed month, for the cadence page
            by = accounts["committee"] if code == "CDDHQG" else accounts.get(
                "officer2" if code == "KHTN" else "officer")
            _meeting(units[code], month + timedelta(days=7 + codes.index(code)),
                     Meeting.Kind.REGULAR, rng, by=by, today=today)
    officer = accounts["officer"]
    extras = [
        (units["BK"], months_before(first, 2) + timedelta(days=18), Meeting.Kind.THEMATIC,
         "young_lecturers"),
        (units["KHTN"], months_before(first, 1) + timedelta(days=20), Meeting.Kind.THEMATIC,
         "retirees"),
        (units["BK"], months_before(first, 1) + timedelta(days=24),
         Meeting.Kind.EXTRAORDINARY, ""),
        (units["CDDHQG"], months_before(first, 3) + timedelta(days=21), Meeting.Kind.THEMATIC,
         "workers"),
    ]
    for unit, day, kind, group in extras:
        _meeting(unit, day, kind, rng, group=group, by=officer, today=today)
    for code in ("CDDHQG", "BK"):  # the next regular meetings, planned
        _meeting(units[code], today + timedelta(days=6 + codes.index(code)),
                 Meeting.Kind.REGULAR, rng, by=officer, today=today)
    _overdue(officer, today)
    stdout.write(f"meetings: {Meeting.objects.count()} meetings, "
                 f"{Action.objects.count()} follow-up actions")


demo.register("meetings", seed)
