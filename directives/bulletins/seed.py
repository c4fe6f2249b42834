"""Demo data: bulletins of each kind, some answering the demo's hot topics (published a
day or so after the first opinion report on the topic, so the time to orient has figures),
one urgent, with reads by part of their audience and answered questions.

Idempotent: bulletins are keyed by title and issuing unit; reads and questions are made only
with a new bulletin. Written straight to the tables (no email goes out: the urgent one is
marked as already sent). Random choices come from a fixed seed.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.db.models import Min
from django.utils import timezone

from collaborators.models import OpinionReport
from portal import demo
from portal.models import Unit, User

from .models import (
    Bulletin,
    BulletinAudience,
    BulletinQuestion,
    BulletinRead,
    BulletinTopic,
)
from .services import audience_users

K = Bulletin.Kind

# title, issuing unit, kind, urgent, pinned, topics, audience units, roles, staff groups,
# hours after the first report on its first topic (or days ago), expires in days, body,
# questions (text, answer)
BULLETINS = [
    ("Đính chính thông tin sai lệch về việc cắt giảm thu nhập tăng thêm năm 2026", "BK",
     K.CORRECTION, True, True, ["pay", "misinformation"], ["BK"], [], [], ("after", 20), None,
     "Thời gian qua, trên một số nhóm mạng xã hội xuất hiện thông tin cho rằng Nhà trường sẽ "
     "**cắt giảm 50% thu nhập tăng thêm** của viên chức, người lao động từ quý IV/2026. "
     "Công đoàn Trường khẳng định đây là **thông tin sai sự thật**.\n\n"
     "- Quy chế chi tiêu nội bộ năm 2026 vẫn giữ nguyên mức chi thu nhập tăng thêm đã được "
     "Hội nghị viên chức, người lao động thông qua.\n"
     "- Mọi điều chỉnh (nếu có) đều phải được lấy ý kiến người lao động và công khai theo "
     "quy định.\n\n"
     "Đề nghị đoàn viên không chia sẻ thông tin chưa được kiểm chứng; mọi thắc mắc xin gửi "
     "câu hỏi ngay dưới thông tin này hoặc liên hệ Văn phòng Công đoàn Trường.",
     [("Quy chế chi tiêu nội bộ năm 2027 có dự kiến thay đổi mức chi không?",
       "Dự thảo quy chế năm 2027 sẽ được gửi lấy ý kiến tại các tổ công đoàn trong tháng 12; "
       "mọi thay đổi đều được công khai trước Hội nghị viên chức, người lao động."),
      ("Khoa tôi chưa nhận được thu nhập tăng thêm quý III, vì sao chậm?",
       "Phòng Kế hoạch - Tài chính cho biết khoản chi quý III được chuyển trong tuần này; "
       "việc chậm là do đối chiếu số liệu cuối quý, không liên quan đến tin đồn nêu trên."),
      ("Tôi nghe nói hợp đồng lao động sẽ không được gia hạn, có đúng không?", "")]),
    ("Thông báo lịch nghỉ Tết Nguyên đán Đinh Mùi 2027", "CDDHQG", K.OFFICIAL, False, True,
     [], ["CDDHQG"], [], [], ("ago", 3), 60,
     "Căn cứ thông báo của Bộ Lao động - Thương binh và Xã hội và kế hoạch năm học của "
     "ĐHQG-HCM, viên chức, người lao động được **nghỉ Tết Nguyên đán** theo lịch của từng "
     "đơn vị thành viên.\n\n"
     "Công đoàn các đơn vị chủ động thăm hỏi, tặng quà đoàn viên có hoàn cảnh khó khăn "
     "trước Tết và báo cáo kết quả về Công đoàn ĐHQG-HCM.", []),
    ("Giải thích quy định mới về chế độ làm việc của giảng viên", "CDDHQG", K.POLICY, False,
     False, ["policy", "teaching"], ["CDDHQG"], [], ["lecturer", "researcher"], ("after", 46),
     None,
     "Quy định mới về chế độ làm việc của giảng viên có hiệu lực từ năm học này. Một số điểm "
     "chính:\n\n"
     "1. Định mức giờ chuẩn giảng dạy được tính theo năm học, có quy đổi cho hoạt động "
     "nghiên cứu khoa học.\n"
     "2. Giảng viên tập sự được giảm định mức trong năm đầu.\n"
     "3. Giờ vượt định mức được thanh toán theo quy chế chi tiêu nội bộ của từng trường.\n\n"
     "Chi tiết xin xem văn bản gốc tại Phòng Tổ chức - Cán bộ của đơn vị.",
     [("Giờ hướng dẫn luận văn thạc sĩ có được quy đổi không?",
       "Có: giờ hướng dẫn luận văn được quy đổi theo bảng quy đổi kèm quy định, tối đa 30% "
       "định mức.")]),
    ("Định hướng trao đổi với đoàn viên về lộ trình cải cách tiền lương", "CDDHQG",
     K.GUIDANCE, False, False, ["pay", "policy"], ["CDDHQG"], ["collaborator", "officer"], [],
     ("after", 70), None,
     "Gợi ý nội dung trao đổi cho cộng tác viên dư luận xã hội:\n\n"
     "- Nhấn mạnh lộ trình cải cách tiền lương được thực hiện theo nghị quyết của Trung "
     "ương, có kế hoạch và thông báo chính thức.\n"
     "- Khi gặp thông tin chưa rõ nguồn, **không bình luận, không chia sẻ**; ghi nhận và "
     "gửi phiếu phản ánh dư luận cho Công đoàn đơn vị.\n"
     "- Hướng dẫn đoàn viên đặt câu hỏi dưới các thông tin chính thức trên cổng.", []),
    ("Đính chính tin đồn về việc di dời cơ sở Nguyễn Văn Cừ", "KHTN", K.CORRECTION, False,
     False, ["facilities", "misinformation"], ["KHTN"], [], [], ("after", 30), 45,
     "Thông tin \"Trường sẽ di dời toàn bộ cơ sở Nguyễn Văn Cừ trong năm 2027\" là "
     "**không chính xác**. Kế hoạch phát triển cơ sở vật chất của Trường vẫn giữ cả hai cơ "
     "sở; việc bố trí phòng thí nghiệm tại Khu đô thị ĐHQG-HCM được thực hiện theo lộ trình "
     "đã công bố.", []),
    ("Kế hoạch sinh hoạt chuyên đề về văn hóa công sở quý III", "BK", K.OFFICIAL, False,
     False, ["conditions"], ["BK"], [], [], ("ago", 80), 20,
     "Công đoàn Trường tổ chức sinh hoạt chuyên đề về văn hóa công sở tại các công đoàn bộ "
     "phận trong quý III. Các công đoàn bộ phận gửi danh sách tham dự về Văn phòng Công "
     "đoàn.", []),
]


def _publish_at(topics: list[str], units: list[Unit], when: tuple[str, int], now):
    """`("after", h)`: h hours after the first report on the topic in the last 90 days in
    the audience's units; `("ago", d)`: d days ago."""
    how, amount = when
    if how == "after" and topics:
        start = now - timedelta(days=89)
        first = OpinionReport.objects.filter(
            topic=topics[0], created_at__gte=start,
            unit__path__startswith=min(u.path for u in units)).aggregate(at=Min("created_at"))
        if first["at"]:
            return min(first["at"] + timedelta(hours=amount), now - timedelta(hours=1))
        return now - timedelta(days=2)
    return now - timedelta(days=amount)


def _bulletin(row, units: dict[str, Unit], accounts: dict[str, User], rng, now) -> None:
    (title, code, kind, urgent, pinned, topics, audience, roles, groups, when, expires, body,
     questions) = row
    unit = units[code]
    if Bulletin.objects.filter(title=title, unit=unit).exists():
        return
    audience_units = [units[c] for c in audience]
    publish = _publish_at(topics, audience_units, when, now)
    author = accounts.get("committee" if code == "CDDHQG" else
                          "officer" if code == "BK" else "officer2")
    bulletin = Bulletin.objects.create(
        unit=unit, author=author, title=title, body=body, kind=kind,
        urgency=Bulletin.Urgency.URGENT if urgent else Bulletin.Urgency.NORMAL,
        pinned=pinned, publish_at=publish,
        expires_at=publish + timedelta(days=expires) if expires else None,
        roles=f",{','.join(roles)}," if roles else "",
        staff_groups=f",{','.join(groups)}," if groups else "",
        emailed_at=publish if urgent else None)
    BulletinAudience.objects.bulk_create(BulletinAudience(bulletin=bulletin, unit=u)
                                         for u in audience_units)
    BulletinTopic.objects.bulk_create(BulletinTopic(bulletin=bulletin, topic=t) for t in topics)
    if topics:
        answered = OpinionReport.objects.filter(
            topic=topics[0], created_at__lte=publish,
            unit__path__startswith=min(u.path for u in audience_units)).order_by("created_at")
        bulletin.answers_reports.set(answered[:3])
    people = list(audience_users(bulletin).exclude(username="member").order_by("pk"))
    readers = [p for p in people if rng.random() < 0.6]
    BulletinRead.objects.bulk_create(
        [BulletinRead(bulletin=bulletin, user=p,
                      read_at=min(publish + timedelta(hours=rng.randint(1, 72)), now))
         for p in readers], ignore_conflicts=True)
    askers = [p for p in people if p.role == User.Role.MEMBER] or people
    for index, (text, answer) in enumerate(questions):
        BulletinQuestion.objects.create(
            bulletin=bulletin, asker=askers[index % len(askers)] if askers else None,
            text=text, asked_on=timezone.localdate(min(publish + timedelta(hours=5), now)),
            answer=answer, answered_by=author if answer else None,
            answered_at=min(publish + timedelta(hours=30), now) if answer else None)


def seed(*, stdout) -> None:
    codes = {row[1] for row in BULLETINS} | {c for row in BULLETINS for c in row[6]}
    units = {u.code: u for u in Unit.objects.filter(code__in=codes)}
    if len(units) < len(codes):
        return
    accounts = {u.username: u for u in User.objects.filter(
        username__in=["committee", "officer", "officer2"])}
    rng, now = random.Random(3615), timezone.now()
    for row in BULLETINS:
        _bulletin(row, units, accounts, rng, now)
    stdout.write(f"bulletins: {Bulletin.objects.count()} bulletins, "
                 f"{BulletinRead.objects.count()} reads, "
                 f"{BulletinQuestion.objects.count()} questions")


demo.register("bulletins", seed)
