"""Demo data: nine good practices from demo unions across the six areas, seven published,
three of them endorsed by the committee, adopted by other unions with how it went.

Idempotent: a practice is keyed by its unit and title, an adoption by practice and unit;
a second run adds nothing."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from portal.models import Unit, User

from .models import Adoption, Practice
from .selectors import evidence_surveys
from .services import adoption_record, practice_create, practice_endorse, practice_publish

BODY = """### Cách làm
{how}

### Kết quả
{result}

### Điều kiện để nhân rộng
- Ban Chấp hành công đoàn thống nhất phân công một đồng chí phụ trách.
- Có danh sách cộng tác viên dư luận cập nhật theo từng bộ phận.
- Báo cáo kết quả định kỳ trong giao ban dư luận hằng tháng.
"""

# unit, title, area, summary, how, result, figures, tags, state, endorsement note
PRACTICES = [
    ("BK", "Khảo sát nhanh bằng mã QR sau mỗi buổi sinh hoạt công đoàn", "surveys",
     "Mỗi buổi sinh hoạt kết thúc bằng 3 câu hỏi ngắn qua mã QR; kết quả được gửi lại "
     "cho các tổ công đoàn trong tuần.",
     "Tổ công đoàn in mã QR dẫn tới phiếu khảo sát ngắn trên Cổng dư luận, đặt ở cửa phòng "
     "họp. Đoàn viên trả lời ngay trên điện thoại trong 2 phút trước khi ra về.",
     "Tỷ lệ phản hồi khảo sát tăng rõ rệt; ý kiến được nắm bắt ngay trong ngày thay vì "
     "chờ tổng hợp cuối tháng.",
     "Số ý kiến ghi nhận mỗi tháng: 35 → 120\nThời gian tổng hợp: 10 ngày → 2 ngày",
     ["khảo sát trực tuyến", "mã QR", "sinh hoạt công đoàn"], "endorsed",
     "Đơn giản, ít tốn kém, phù hợp mọi công đoàn cơ sở; đề nghị các đơn vị áp dụng "
     "trong năm học 2026–2027."),
    ("KHTN", "Mỗi bộ môn một cộng tác viên dư luận", "network",
     "Phân công cộng tác viên dư luận đến từng bộ môn, sinh hoạt chuyên đề hai tháng một lần.",
     "Công đoàn trường rà soát danh sách, bảo đảm mỗi bộ môn có ít nhất một cộng tác viên; "
     "cộng tác viên được tập huấn kỹ năng nắm bắt và phản ánh dư luận.",
     "Phản ánh dư luận đến sớm hơn, đúng bộ phận; các vấn đề nóng được xử lý từ cơ sở.",
     "Bộ môn có cộng tác viên: 14/31 → 31/31\nPhiếu phản ánh dư luận mỗi quý: 18 → 47",
     ["cộng tác viên", "bộ môn", "tập huấn"], "endorsed",
     "Mô hình giúp mạng lưới phủ kín đến tổ công đoàn; khuyến khích các trường đông "
     "bộ môn áp dụng."),
    ("KHXHNV", "Cà phê sáng thứ Sáu: đối thoại với viên chức trẻ", "dialogue",
     "Ban Giám hiệu và Ban Chấp hành công đoàn gặp gỡ viên chức trẻ mỗi tháng một lần, "
     "không nghi thức, trả lời tại chỗ.",
     "Buổi gặp 60 phút tại căng tin, câu hỏi gửi trước qua Cổng dư luận hoặc hỏi trực tiếp; "
     "những việc chưa trả lời được ghi nhận và hẹn thời hạn.",
     "Viên chức trẻ mạnh dạn nêu kiến nghị; nhiều vướng mắc về chế độ được giải quyết sớm.",
     "Kiến nghị được giải quyết đúng hạn: 12/20 → 19/20",
     ["đối thoại", "viên chức trẻ"], "endorsed",
     "Cách làm gần gũi, hiệu quả trong nắm bắt tâm tư viên chức trẻ."),
    ("QT", "Bản tin định hướng dư luận song ngữ hằng tuần", "briefings",
     "Bản tin ngắn tiếng Việt và tiếng Anh gửi qua thư điện tử mỗi sáng thứ Hai, phục vụ cả "
     "giảng viên nước ngoài.",
     "Tổ tuyên truyền chọn 3 thông tin chính thống trong tuần, tóm tắt song ngữ, kèm đường "
     "dẫn văn bản gốc.",
     "Giảng viên nước ngoài nắm được chủ trương, chính sách kịp thời; giảm thông tin sai lệch.",
     "Tỷ lệ mở thư: 41% → 68%",
     ["bản tin", "song ngữ"], "published", ""),
    ("CNTT", "Sổ theo dõi kiến nghị công khai tiến độ", "dialogue",
     "Mọi kiến nghị của đoàn viên được ghi vào sổ trực tuyến, công khai người phụ trách và "
     "tiến độ giải quyết.",
     "Mỗi kiến nghị có mã số, đơn vị phụ trách, hạn trả lời; đoàn viên tra cứu bằng mã số.",
     "Đoàn viên tin tưởng hơn vào việc giải quyết kiến nghị; số kiến nghị quá hạn giảm.",
     "Kiến nghị quá hạn: 9 → 2",
     ["kiến nghị", "công khai"], "published", ""),
    ("KTL", "Giao ban dư luận gắn với họp Ban Chấp hành hằng tháng", "leadership",
     "Dư luận xã hội là nội dung cố định 15 phút đầu mỗi cuộc họp Ban Chấp hành.",
     "Cộng tác viên gửi phiếu phản ánh trước cuộc họp 2 ngày; thường trực tổng hợp, đề xuất "
     "hướng xử lý.",
     "Ban Chấp hành nắm bắt kịp thời tình hình, chủ động định hướng dư luận.",
     "", ["giao ban", "lãnh đạo"], "draft", ""),
    ("AG", "Tự kiểm tra công tác dư luận theo bảng tiêu chí", "inspection",
     "Công đoàn cơ sở tự chấm điểm theo bảng tiêu chí của Công đoàn ĐHQG-HCM trước kỳ "
     "kiểm tra.",
     "Mỗi tiêu chí có minh chứng đính kèm; tổ công đoàn tự đánh giá trước, Ban Chấp hành "
     "rà soát sau.",
     "Hồ sơ kiểm tra đầy đủ, các tồn tại được khắc phục trước khi đoàn kiểm tra đến.",
     "", ["tự kiểm tra", "tiêu chí"], "draft", ""),
    ("KHSK", "Nhóm trao đổi của cộng tác viên, phản hồi trong 24 giờ", "network",
     "Nhóm nhắn tin của cộng tác viên với quy tắc: mọi phản ánh được thường trực trả lời "
     "trong 24 giờ.",
     "Thường trực công đoàn phân công trực nhóm theo tuần; phản ánh nghiêm trọng chuyển "
     "ngay lên Cổng dư luận.",
     "Thông tin hai chiều nhanh, cộng tác viên thấy ý kiến của mình được lắng nghe.",
     "", ["cộng tác viên", "phản hồi nhanh"], "published", ""),
    ("CDDHQG", "Lấy ý kiến dự thảo quy chế bằng khảo sát ẩn danh trên Cổng", "surveys",
     "Dự thảo văn bản liên quan đến quyền lợi đoàn viên được lấy ý kiến bằng khảo sát ẩn "
     "danh, kết quả công bố lại cho đoàn viên.",
     "Ban Thường vụ gửi khảo sát ẩn danh đến toàn thể đoàn viên trong 10 ngày, nhắc hai lần "
     "qua thư điện tử; các nhóm nhỏ được gộp để không lộ người trả lời.",
     "Đoàn viên yên tâm nêu ý kiến thẳng thắn; dự thảo được chỉnh sửa 7 nội dung.",
     "Số góp ý nhận được: 23 (bằng văn bản, năm trước) → 214 (qua Cổng)\n"
     "Nội dung dự thảo được chỉnh sửa: 7",
     ["khảo sát trực tuyến", "ẩn danh", "dự thảo văn bản"], "published", ""),
]

# practice's unit, adopting unit, days ago, rating, how it went
ADOPTIONS = [
    ("BK", "KHTN", 120, 5, "Áp dụng ở 6 tổ công đoàn; đoàn viên hưởng ứng, số phiếu trả lời "
                           "tăng gấp đôi sau hai tháng."),
    ("BK", "QT", 90, 4, "Áp dụng trong các buổi sinh hoạt chuyên đề; cần nhắc lại mã QR "
                        "trên màn hình cuối buổi."),
    ("BK", "CNTT", 45, 4, "Kết hợp với bản tin nội bộ, kết quả được gửi lại đoàn viên trong "
                          "tuần."),
    ("KHTN", "KHXHNV", 150, 4, "Đã phân công cộng tác viên đến 22/25 bộ môn; đang bổ sung "
                               "các bộ môn mới thành lập."),
    ("KHTN", "AG", 60, 3, "Bước đầu phủ được các khoa lớn; các bộ môn nhỏ còn thiếu người."),
    ("KHXHNV", "BK", 100, 5, "Tổ chức 4 buổi ở cơ sở Lý Thường Kiệt; nhiều kiến nghị về nhà ở "
                             "công vụ được trả lời ngay."),
    ("CNTT", "KTL", 30, 4, "Đã lập sổ theo dõi kiến nghị; đoàn viên tra cứu được tiến độ."),
]


def seed(*, stdout) -> None:
    units = {u.code: u for u in Unit.objects.all()}
    committee = User.objects.filter(username="committee").first()
    if committee is None or "BK" not in units:
        return
    made = {}
    for code, title, area, summary, how, result, figures, tags, state, note in PRACTICES:
        unit = units.get(code)
        if unit is None:
            continue
        practice = Practice.objects.filter(unit=unit, title=title).first()
        if practice is None:
            data = {"unit": unit, "title": title, "area": area, "summary": summary,
                    "body": BODY.format(how=how, result=result), "figures": figures}
            cited = list(evidence_surveys(unit)[:2]) if area == "surveys" else []
            if cited:  # the newest closed survey after, an older one before
                data["survey_after"], *before = cited
                data["survey_before"] = before[0] if before else None
            practice = practice_create(data=data, by=committee, tags=tags)
            if state != "draft":
                practice_publish(practice=practice, by=committee)
            if state == "endorsed":
                practice_endorse(practice=practice, note=note, by=committee)
        made[code] = practice
    adopted = 0
    today = timezone.localdate()
    for source, code, days, rating, outcome in ADOPTIONS:
        practice, unit = made.get(source), units.get(code)
        if practice is None or unit is None or not practice.is_published:
            continue
        if Adoption.objects.filter(practice=practice, unit=unit).exists():
            continue
        adoption_record(practice=practice, unit=unit, adopted_on=today - timedelta(days=days),
                        outcome=outcome, rating=rating, by=committee)
        adopted += 1
    stdout.write(f"practices: {len(made)} practices, {adopted} adoptions added")
