"""Demo data: about 15 collaborators per demo unit, trainings with attendance, and four
months of opinion reports, so that every page of the app has something real to show.

Idempotent: people are keyed by email, trainings by title and organiser, reports by a fixed
submission key; a second run adds nothing. Random choices come from a fixed seed.
"""

from __future__ import annotations

import random
import uuid
from datetime import timedelta

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from portal import demo
from portal.models import Unit, User

from .models import Attendance, Collaborator, OpinionReport, OpinionReportComment, Training

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
          "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Trương", "Đinh"]
MIDDLE = {"male": ["Văn", "Hữu", "Đức", "Minh", "Quốc", "Thanh", "Công", "Hoàng", "Gia"],
          "female": ["Thị", "Ngọc", "Thu", "Thanh", "Minh", "Kim", "Hồng", "Mỹ", "Bảo"]}
GIVEN = {"male": ["An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Khoa", "Long", "Nam", "Phong",
                  "Quân", "Sơn", "Tâm", "Thắng", "Tuấn", "Vinh", "Ân", "Đạt", "Khánh"],
         "female": ["Anh", "Chi", "Dung", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Mai",
                    "Nga", "Nhung", "Phương", "Thảo", "Trang", "Yến", "Ánh", "Uyên"]}
POSITIONS = {
    "leader": ["Phó Trưởng khoa", "Trưởng phòng", "Phó Giám đốc Trung tâm"],
    "lecturer": ["Giảng viên", "Giảng viên chính", "Phó Trưởng bộ môn"],
    "researcher": ["Nghiên cứu viên", "Nghiên cứu viên chính"],
    "administrative": ["Chuyên viên", "Chuyên viên chính", "Thư ký khoa"],
    "worker": ["Nhân viên kỹ thuật", "Nhân viên bảo vệ", "Kỹ thuật viên"],
    "young": ["Trợ giảng", "Chuyên viên", "Giảng viên tập sự"],
    "other": ["Ủy viên BCH công đoàn", "Tổ trưởng tổ công đoàn"],
}
# How many people each unit's roster gets: about 15, fewer in a few unions so that the
# coverage page has units below the target to flag.
SIZES = {"CDDHQG": 6, "KHXHNV": 9, "AG": 7, "KHSK": 5, "BK-KHMT-T1": 6, "BT": 4, "CTHC": 4,
         "MTTN": 5}
GROUP_WEIGHTS = {"leader": 2, "lecturer": 6, "researcher": 2, "administrative": 4,
                 "worker": 2, "young": 3, "other": 1}
ROLE_WEIGHTS = {"collaborator": 10, "officer": 2, "reporter": 2, "propagandist": 3}

TRAININGS = [
    # title, organiser code, days ago, hours, place, share of the audience attending
    ("Tập huấn nghiệp vụ công tác dư luận xã hội năm 2026", "CDDHQG", 60, 8,
     "Hội trường Nhà điều hành ĐHQG-HCM", 0.55),
    ("Kỹ năng nhận diện và phản bác thông tin xấu, độc trên mạng xã hội", "CDDHQG", 230, 4,
     "Trực tuyến (Zoom)", 0.4),
    ("Bồi dưỡng kỹ năng nắm bắt tâm tư, nguyện vọng đoàn viên", "CDDHQG", 470, 8,
     "Nhà văn hóa Sinh viên ĐHQG-HCM", 0.5),
    ("Sinh hoạt chuyên đề: dư luận về chế độ tiền lương mới", "BK", 120, 3,
     "Phòng họp A4, cơ sở Lý Thường Kiệt", 0.7),
    ("Tập huấn viết phiếu phản ánh dư luận", "KHTN", 150, 3, "Phòng F.102, cơ sở Nguyễn Văn Cừ",
     0.7),
    ("Kỹ năng đối thoại trực tiếp với người lao động", "QT", 300, 4, "Phòng họp Khu Hiệu bộ",
     0.6),
]

# What collaborators hear, by topic, with the sentiment each remark carries.
TOPIC_TEXT = {
    "pay": [("negative", "Nhiều viên chức trẻ băn khoăn về lộ trình cải cách tiền lương, cho "
                         "rằng thu nhập tăng thêm chưa theo kịp giá sinh hoạt."),
            ("neutral", "Giảng viên hỏi về cách tính thu nhập tăng thêm năm nay và thời điểm "
                        "chi trả."),
            ("negative", "Người lao động hợp đồng phản ánh chưa được điều chỉnh phụ cấp theo "
                         "mức lương cơ sở mới."),
            ("positive", "Viên chức phấn khởi khi đơn vị chi thu nhập tăng thêm đúng hạn.")],
    "policy": [("neutral", "Đoàn viên quan tâm đến quy định mới về đánh giá, xếp loại viên chức "
                           "và tiêu chí hoàn thành nhiệm vụ."),
               ("negative", "Có ý kiến lo ngại chính sách tự chủ đại học ảnh hưởng đến biên chế."),
               ("positive", "Viên chức đồng tình với chủ trương chuyển đổi số trong quản lý hồ "
                            "sơ.")],
    "conditions": [("negative", "Một số phòng làm việc thiếu điều hòa, ảnh hưởng đến hiệu quả "
                                "công việc mùa nắng nóng."),
                   ("neutral", "Cán bộ phản ánh khối lượng công việc hành chính tăng vào cuối "
                               "học kỳ."),
                   ("negative", "Nhân viên bảo vệ ca đêm đề nghị cải thiện chỗ nghỉ giữa ca.")],
    "teaching": [("negative", "Giảng viên lo ngại định mức giờ giảng tăng khi mở thêm chương "
                              "trình đào tạo."),
                 ("positive", "Ý kiến tích cực về đợt bồi dưỡng phương pháp giảng dạy trực "
                              "tuyến."),
                 ("neutral", "Giảng viên trẻ mong được hỗ trợ kinh phí đi học nâng cao trình "
                             "độ.")],
    "facilities": [("negative", "Bãi giữ xe quá tải vào giờ cao điểm buổi sáng."),
                   ("positive", "Căn tin mới được đoàn viên đánh giá tốt về chất lượng và giá "
                                "cả."),
                   ("negative", "Thang máy khu nhà B hỏng nhiều lần trong tháng.")],
    "misinformation": [("negative", "Trên mạng xã hội lan truyền thông tin sai về việc cắt giảm "
                                    "biên chế hàng loạt, gây hoang mang trong viên chức."),
                       ("negative", "Một số nhóm chat chia sẻ văn bản giả mạo về chế độ nghỉ "
                                    "hưu sớm."),
                       ("neutral", "Có bài đăng xuyên tạc về kết quả tuyển sinh; viên chức "
                                   "mong có thông tin chính thống.")],
    "other": [("positive", "Đoàn viên đề xuất tổ chức hoạt động thể thao dịp kỷ niệm ngày "
                           "thành lập."),
              ("neutral", "Ý kiến mong muốn mở rộng chương trình khám sức khỏe định kỳ cho "
                          "người thân.")],
}
PROPOSALS = ["Đề nghị công đoàn cơ sở phối hợp với phòng Tổ chức - Cán bộ thông tin rõ cho "
             "viên chức.", "Đề nghị tổ chức đối thoại trực tiếp với lãnh đạo đơn vị.",
             "Đề nghị đưa nội dung này vào hội nghị giao ban tháng tới.", ""]
# Topic weights for the last 30 days and for the months before: pay and misinformation rise.
TOPICS_RECENT = {"pay": 8, "policy": 4, "conditions": 3, "teaching": 3, "facilities": 2,
                 "misinformation": 5, "other": 1}
TOPICS_BEFORE = {"pay": 3, "policy": 4, "conditions": 3, "teaching": 3, "facilities": 3,
                 "misinformation": 2, "other": 1}


def _pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _person(rng: random.Random, code: str, index: int, unit: Unit, today) -> Collaborator:
    gender = rng.choice(["male", "female"])
    name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE[gender])} {rng.choice(GIVEN[gender])}"
    group = _pick(rng, GROUP_WEIGHTS)
    year = rng.randint(1998, 2001) if group == "young" else rng.randint(1965, 1996)
    joined = today - timedelta(days=rng.randint(60, 2500))
    status = _pick(rng, {"active": 22, "paused": 2, "ended": 1})
    return Collaborator(
        unit=unit, full_name=name, gender=gender, birth_year=year, group=group,
        network_role=_pick(rng, ROLE_WEIGHTS), position=rng.choice(POSITIONS[group]),
        email=f"ctv.{code.lower()}.{index:02d}@demo.vnuhcm.edu.vn",
        phone=f"09{unit.pk % 100:02d}{index:02d}{rng.randint(0, 9999):04d}",
        decision_number=f"{rng.randint(5, 90)}/QĐ-CĐ{code.replace('-', '')}",
        decision_date=joined, joined_on=joined, status=status,
        status_since=today - timedelta(days=rng.randint(5, 50)) if status != "active" else joined,
        end_reason="Nghỉ hưu" if status == "ended" else "",
    )


def seed_roster(units: dict[str, Unit], accounts: dict[str, User], rng: random.Random,
                today) -> None:
    existing = set(Collaborator.objects.values_list("email", flat=True))
    new = []
    for code, unit in units.items():
        for index in range(1, SIZES.get(code, 15) + 1):
            person = _person(rng, code, index, unit, today)
            if person.email not in existing:
                person.refresh_derived()
                new.append(person)
    bulk_create_with_history(new, Collaborator, batch_size=500,
                             default_change_reason="Dữ liệu mẫu")
    # The demo accounts that work in the network have a roster record linked to them.
    for username, role, group in (("collaborator", "collaborator", "lecturer"),
                                  ("officer", "officer", "lecturer"),
                                  ("officer2", "officer", "researcher")):
        user = accounts[username]
        Collaborator.objects.update_or_create(
            account=user,
            defaults={"unit": user.unit, "full_name": user.full_name, "email": user.email,
                      "network_role": role, "group": group, "gender": user.gender,
                      "birth_year": user.birth_year, "position": "Giảng viên",
                      "decision_number": "12/QĐ-CĐ" + user.unit.code,
                      "decision_date": today - timedelta(days=400),
                      "joined_on": today - timedelta(days=400)})


def seed_trainings(units: dict[str, Unit], accounts: dict[str, User], rng: random.Random,
                   today) -> None:
    active = list(Collaborator.objects.active().select_related("unit"))
    for title, code, days_ago, hours, place, share in TRAININGS:
        organiser = units[code]
        training, created = Training.objects.get_or_create(
            title=title, organiser=organiser,
            defaults={"held_on": today - timedelta(days=days_ago), "hours": hours,
                      "place": place, "content": "Nội dung: " + title.lower() + "."})
        if not created:
            continue
        audience = [c for c in active if c.unit.path.startswith(organiser.path)]
        present = [c for c in audience if rng.random() < share]
        if code == "CDDHQG" and days_ago < 365:  # the demo collaborator was there
            present += [c for c in audience if c.account_id == accounts["collaborator"].pk
                        and c not in present]
        bulk_create_with_history([Attendance(training=training, collaborator=c)
                                  for c in present], Attendance, batch_size=500)


def seed_reports(units: dict[str, Unit], accounts: dict[str, User], rng: random.Random,
                 now) -> None:
    namespace = uuid.UUID("6f1c1a4e-3600-4c0a-9d1b-000000000360")
    existing = set(OpinionReport.objects.exclude(submission_key=None)
                   .values_list("submission_key", flat=True))
    people = [c for c in Collaborator.objects.active().select_related("unit", "account")
              if c.unit.code in units]
    demo_person = next(c for c in people if c.account_id == accounts["collaborator"].pk)
    officers = [accounts["officer"], accounts["officer2"]]
    reports, comments = [], []
    number = 0
    for days_ago in range(120, -1, -1):
        for _ in range(rng.choice([0, 1, 1, 2, 2, 3])):
            number += 1
            key = uuid.uuid5(namespace, f"report-{number}")
            person = demo_person if number % 9 == 0 else rng.choice(people)
            topic = _pick(rng, TOPICS_RECENT if days_ago < 30 else TOPICS_BEFORE)
            sentiment, summary = rng.choice(TOPIC_TEXT[topic])
            created = now - timedelta(days=days_ago, hours=rng.randint(0, 12),
                                      minutes=rng.randint(0, 59))
            urgency = rng.choices(["normal", "soon", "urgent"], weights=(7, 2, 1))[0]
            spread = rng.choices(["few", "group", "widespread"], weights=(5, 3, 2))[0]
            if key in existing:
                continue
            reviewer = next((o for o in officers if person.unit.path.startswith(o.unit.path)),
                            None)
            status, reviewed_at, escalated_at = "new", None, None
            if days_ago > 3 and rng.random() < 0.8:
                status, reviewed_at = "reviewed", created + timedelta(days=1)
                if urgency == "urgent" or (spread == "widespread" and sentiment == "negative"):
                    status, escalated_at = "escalated", created + timedelta(days=1, hours=2)
            report = OpinionReport(
                unit=person.unit, collaborator=person, author=person.account,
                topic=topic, summary=summary, sentiment=sentiment,
                spread=spread, urgency=urgency, proposal=rng.choice(PROPOSALS),
                status=status, reviewed_at=reviewed_at, reviewed_by=reviewer if reviewed_at
                else None, escalated_at=escalated_at, escalated_by=reviewer if escalated_at
                else None, escalation_note="Chuyển xử lý như một kiến nghị." if escalated_at
                else "", submission_key=key, created_at=created)
            reports.append(report)
            if reviewer and reviewed_at and rng.random() < 0.3:
                comments.append((report, reviewer, reviewed_at))
    bulk_create_with_history(reports, OpinionReport, batch_size=500,
                             default_change_reason="Dữ liệu mẫu")
    OpinionReportComment.objects.bulk_create([
        OpinionReportComment(report=r, author=u, created_at=at,
                             body="Đã ghi nhận, sẽ báo cáo tại giao ban tháng.")
        for r, u, at in comments])


def seed(*, stdout) -> None:
    units = {u.code: u for u in Unit.objects.filter(
        code__in=[demo.TOP[0], *(g[0] for g in demo.GRASSROOTS), *(b[0] for b in demo.BELOW)])}
    accounts = {u.username: u for u in User.objects.filter(
        username__in=["collaborator", "officer", "officer2"]).select_related("unit")}
    rng = random.Random(360)
    today, now = timezone.localdate(), timezone.now()
    seed_roster(units, accounts, rng, today)
    seed_trainings(units, accounts, random.Random(361), today)
    seed_reports(units, accounts, random.Random(362), now)
    stdout.write(f"collaborators: {Collaborator.objects.count()} people, "
                 f"{Training.objects.count()} trainings, "
                 f"{OpinionReport.objects.count()} opinion reports")


demo.register("collaborators", seed)
