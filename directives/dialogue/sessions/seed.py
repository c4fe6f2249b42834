"""Demo data: dialogue sessions of every kind with minutes, questions and commitments (some
done, one overdue), the annual staff conference of most grassroots unions (on time, one
late, KTL's missing), one session ahead whose agenda is not sent, one held without its
summary. Idempotent: sessions are keyed by unit and title, commitments by session and
title; a second run adds nothing."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from portal import demo
from portal.models import Unit, User
from portal.tracking import TrackedStatus

from ..models import Commitment, DialogueSession, SessionKind, SessionQuestion

LEADERS = {
    "BK": "PGS.TS. Trần Văn Hải – Phó Hiệu trưởng\n"
          "ThS. Lê Thị Hồng – Trưởng phòng Tổ chức - Hành chính",
    "KHTN": "PGS.TS. Nguyễn Minh Tâm – Phó Hiệu trưởng\n"
            "TS. Đặng Quốc Khánh – Trưởng phòng Kế hoạch - Tài chính",
    "KHXHNV": "PGS.TS. Huỳnh Thị Mai – Phó Hiệu trưởng",
    "QT": "TS. Phạm Gia Long – Phó Hiệu trưởng",
    "CNTT": "TS. Võ Thanh Sơn – Phó Hiệu trưởng",
    "AG": "TS. Hồ Văn Nam – Phó Hiệu trưởng",
    "KHSK": "PGS.TS. Bùi Ngọc Anh – Phó Hiệu trưởng",
}
UNION = "TS. Nguyễn Văn Phúc – Chủ tịch Công đoàn\nThS. Phan Thị Yến – Phó Chủ tịch Công đoàn"

# code, months after the working year's end (negative: none), day
CONFERENCES = [("BK", 2, 20), ("KHTN", 3, 12), ("KHXHNV", 1, 25), ("QT", 2, 27),
               ("CNTT", 3, 28), ("AG", 4, 15), ("KHSK", 3, 5)]  # AG late; KTL missing

QUESTIONS = [
    ("Trần Thị Thu Hà (Khoa Cơ khí)",
     "Bao giờ trường chi trả thu nhập tăng thêm quý III?",
     "Phòng Kế hoạch - Tài chính chi trả trước ngày 15 tháng sau, sau khi Hội đồng trường "
     "thông qua quyết toán."),
    ("Lê Văn Hùng (Phòng Quản trị thiết bị)",
     "Phòng làm việc tầng 4 nhà B1 thường xuyên mất điện, ảnh hưởng thiết bị thí nghiệm.",
     "Nhà trường giao Phòng Quản trị thiết bị khảo sát và thay tủ điện trong học kỳ này."),
    ("Nguyễn Thị Ngọc (Bộ môn Toán)",
     "Định mức giờ giảng của giảng viên trẻ có được giảm trong năm đầu không?",
     "Sẽ đưa vào dự thảo quy chế chi tiêu nội bộ sửa đổi, lấy ý kiến viên chức trước khi ban "
     "hành."),
]

# unit, kind, title, days from today, place, commitments: (title, who, days from the
# session to the deadline, status)
SESSIONS = [
    ("BK", SessionKind.PERIODIC, "Đối thoại định kỳ 6 tháng đầu năm", -120,
     "Hội trường A5, cơ sở Lý Thường Kiệt",
     [("Chi trả thu nhập tăng thêm quý II đúng hạn", "Phòng Kế hoạch - Tài chính", 30, "done"),
      ("Sửa chữa hệ thống điện nhà B1", "Phòng Quản trị thiết bị", 60, "not_started"),
      ("Ban hành quy định làm việc từ xa cho viên chức hành chính",
       "Phòng Tổ chức - Hành chính", 240, "in_progress")]),
    ("BK", SessionKind.THEMATIC, "Đối thoại chuyên đề về vị trí việc làm và định mức giờ chuẩn",
     -40, "Phòng họp 1, nhà A1",
     [("Công bố danh mục vị trí việc làm sửa đổi", "Phòng Tổ chức - Hành chính", 90,
       "in_progress")]),
    ("BK", SessionKind.UNION, "Đối thoại theo đề nghị của Công đoàn về nhà ở công vụ", -5,
     "Phòng họp Công đoàn, nhà A4", []),
    ("BK", SessionKind.PERIODIC, "Đối thoại định kỳ 6 tháng cuối năm", 4,
     "Hội trường A5, cơ sở Lý Thường Kiệt", []),
    ("KHTN", SessionKind.MEMBERS, "Đối thoại theo yêu cầu của viên chức Khoa Sinh học", -75,
     "Phòng F.207, cơ sở Nguyễn Văn Cừ",
     [("Bổ sung kinh phí hóa chất thực hành", "Phòng Kế hoạch - Tài chính", 45, "done"),
      ("Rà soát chế độ phụ cấp độc hại", "Phòng Tổ chức cán bộ", 120, "in_progress")]),
    ("KHXHNV", SessionKind.UNION, "Đối thoại về chế độ nghỉ dưỡng của người lao động", -50,
     "Hội trường B, cơ sở Thủ Đức",
     [("Xây dựng kế hoạch nghỉ dưỡng năm sau", "Công đoàn trường và Phòng Hành chính", 60,
       "not_started")]),
    ("QT", SessionKind.THEMATIC, "Đối thoại chuyên đề về môi trường làm việc quốc tế", -30,
     "Phòng O2.201", []),
]


def _at(day: date, hour: int = 8) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _session(unit: Unit, organiser: User | None, *, kind, title, starts_at, place,
             working_year=None, minutes=True, publish=True) -> DialogueSession:
    now = timezone.now()
    held = starts_at < now
    defaults = {
        "kind": kind, "working_year": working_year, "starts_at": starts_at,
        "ends_at": starts_at + timedelta(hours=3), "place": place, "organiser": organiser,
        "leadership_side": LEADERS.get(unit.code, "Đại diện Ban Giám hiệu"),
        "union_side": UNION if unit.code == "BK" else "Đại diện Ban Chấp hành Công đoàn",
        "attendance": max(20, unit.member_count // 4),
        "agenda": "1. Báo cáo tình hình thực hiện nhiệm vụ và các kiến nghị đã tiếp nhận\n"
                  "2. Viên chức, người lao động nêu ý kiến, kiến nghị\n"
                  "3. Lãnh đạo đơn vị trả lời, giải trình\n4. Kết luận và cam kết",
        "agenda_sent_on": (starts_at - timedelta(days=8)).date() if held else None,
    }
    if held and minutes:
        defaults.update(
            chair=LEADERS.get(unit.code, "Đại diện Ban Giám hiệu").split("\n")[0],
            secretary="ThS. Đỗ Thị Kim Chi – Ủy viên Ban Chấp hành Công đoàn",
            present="Ban Giám hiệu, Ban Chấp hành Công đoàn, trưởng các phòng, khoa\n"
                    f"{defaults['attendance']} viên chức, người lao động",
            absent="TS. Lý Minh Khoa – Trưởng phòng Đào tạo (đi công tác)",
            agreed="Các đơn vị chức năng giải quyết các kiến nghị theo thời hạn đã thống nhất.",
            still_open="Mức hỗ trợ nhà ở công vụ: tiếp tục trao đổi tại kỳ đối thoại sau.")
    if held and minutes and publish:
        defaults.update(
            summary=f"Ngày {starts_at:%d/%m/%Y}, {unit.name} phối hợp với lãnh đạo đơn vị tổ "
                    "chức đối thoại trực tiếp với viên chức, người lao động. Lãnh đạo đã trả "
                    "lời các ý kiến về thu nhập, điều kiện làm việc và định mức công việc; "
                    "các cam kết được công khai dưới đây để đoàn viên theo dõi.",
            summary_published_at=starts_at + timedelta(days=2))
    session, created = DialogueSession.objects.get_or_create(unit=unit, title=title,
                                                             defaults=defaults)
    if created and held and minutes:
        for position, (who, question, answer) in enumerate(QUESTIONS, start=1):
            SessionQuestion.objects.create(session=session, position=position, asked_by=who,
                                           question=question, answer=answer)
    return session


def _commitment(session: DialogueSession, title: str, who: str, days: int, status: str,
                owner: User | None) -> None:
    due = timezone.localtime(session.starts_at).date() + timedelta(days=days)
    done = status == TrackedStatus.DONE
    Commitment.objects.get_or_create(session=session, title=title, defaults={
        "unit": session.unit, "responsible": who, "due_on": due, "status": status,
        "owner": owner, "completed_on": due - timedelta(days=5) if done else None,
        "public_note": "Đã hoàn thành." if done else (
            "Đang triển khai." if status == TrackedStatus.IN_PROGRESS else ""),
        "note": "Theo dõi sát tiến độ." if not done else ""})


def seed(stdout=None) -> None:
    units = {u.code: u for u in Unit.objects.filter(kind=Unit.Kind.GRASSROOTS)}
    officers = {u.unit.code: u for u in User.objects.filter(role=User.Role.OFFICER)
                .select_related("unit") if u.unit_id}
    today = timezone.localdate()
    for year in (today.year - 2, today.year - 1):
        for code, months, day in CONFERENCES:
            if code not in units or (year == today.year - 2 and code == "AG"):
                continue
            held_on = date(year + 1, months, min(day, 28))
            if held_on >= today:
                continue
            _session(units[code], officers.get(code), kind=SessionKind.CONFERENCE,
                     title=f"Hội nghị viên chức, người lao động năm học {year}–{year + 1}",
                     starts_at=_at(held_on), place="Hội trường lớn", working_year=year)
    for code, kind, title, days, place, commitments in SESSIONS:
        if code not in units:
            continue
        session = _session(units[code], officers.get(code), kind=kind, title=title,
                           starts_at=_at(today + timedelta(days=days)), place=place,
                           publish=days < -10)
        for c_title, who, c_days, status in commitments:
            _commitment(session, c_title, who, c_days, status, officers.get(code))
    if stdout is not None:
        stdout.write("Dialogue sessions: "
                     f"{DialogueSession.objects.count()} sessions, "
                     f"{Commitment.objects.count()} commitments.")


def register() -> None:
    demo.register("dialogue-sessions", seed)
