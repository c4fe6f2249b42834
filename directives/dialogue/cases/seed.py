"""Demo data of the grievance register: cases in every stage (some overdue, some answered
to the demo `member`, one anonymous whose receipt code is printed), the cases escalated
opinion reports open, and answer templates. Idempotent: a case is made once, by its title.

Cases go through the services, on the days they would have happened (received some working
days ago, accepted, forwarded, answered), so every figure and timeline is consistent."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from portal import demo
from portal.models import Unit, User
from portal.workdays import add_working_days

from ..models.cases import AnswerTemplate, Case, CaseEntry
from . import deadlines, services

TEMPLATES = [
    ("CDDHQG", "Tiếp nhận và chuyển phòng chức năng", "",
     "Công đoàn đã tiếp nhận kiến nghị của anh/chị và chuyển đến {phòng chức năng} để xem xét, "
     "giải quyết theo thẩm quyền. Công đoàn sẽ theo dõi và thông tin kết quả đến anh/chị "
     "trước ngày {ngày}."),
    ("CDDHQG", "Không thuộc thẩm quyền của Công đoàn", "",
     "Nội dung anh/chị nêu không thuộc phạm vi giải quyết của tổ chức Công đoàn. Đề nghị "
     "anh/chị liên hệ {cơ quan có thẩm quyền} để được hướng dẫn. Công đoàn sẵn sàng hỗ trợ "
     "anh/chị chuẩn bị hồ sơ nếu cần."),
    ("BK", "Trả lời về chi trả thu nhập tăng thêm", "pay",
     "Phòng Kế hoạch - Tài chính cho biết khoản thu nhập tăng thêm quý {quý} sẽ được chi trả "
     "vào kỳ lương tháng {tháng}. Công đoàn Trường sẽ tiếp tục theo dõi việc chi trả."),
]

# unit, raised by the demo member?, title, description, category, kind, urgency, source,
# working days ago received, what happened: a list of (step, working days after receipt).
CASES = [
    ("BK", False, "Phòng thí nghiệm B4 thiếu điều hòa, thiết bị quá nhiệt",
     "Phòng thí nghiệm B4 (tầng 2 nhà B4) hỏng điều hòa từ đầu học kỳ, nhiệt độ trưa lên "
     "trên 35 độ, máy đo và máy tính thường xuyên tự tắt. Đề nghị sửa chữa sớm.",
     "facilities", "feedback", "soon", "box", 14, []),
    ("BK", False, "Chậm chi trả tiền giờ giảng vượt định mức học kỳ II",
     "Nhiều giảng viên Khoa Cơ khí chưa nhận tiền giờ giảng vượt định mức học kỳ II năm học "
     "trước, dù đã nộp đủ hồ sơ từ tháng 7.", "pay", "petition", "normal", "dialogue", 6,
     [("verify", 3)]),
    ("BK", False, "Đề nghị bố trí chỗ gửi xe cho viên chức tại cơ sở Dĩ An",
     "Bãi xe cơ sở Dĩ An thường hết chỗ từ 7 giờ 15; viên chức dạy ca sáng phải gửi xe bên "
     "ngoài. Đề nghị dành riêng một khu cho viên chức.", "facilities", "petition", "normal",
     "email", 5, [("accept", 2)]),
    ("BK", False, "Thu nhập tăng thêm quý III chưa được chi",
     "Đến nay viên chức Trường chưa nhận thu nhập tăng thêm quý III, không có thông báo lý "
     "do.", "pay", "petition", "normal", "dialogue", 9, [("forward", 3)]),
    ("BK", False, "Định mức giờ nghiên cứu khoa học quá cao so với năm trước",
     "Quy định mới nâng định mức giờ nghiên cứu khoa học của giảng viên lên 50%, trong khi "
     "giờ giảng không giảm. Nhiều người lo không hoàn thành nhiệm vụ.", "workload",
     "petition", "normal", "dialogue", 25, [("accept", 4), ("start", 6)]),
    ("BK", False, "Giờ nghiên cứu khoa học: đề nghị lộ trình tăng dần",
     "Tổ công đoàn Bộ môn Hệ thống và Mạng đề nghị áp dụng định mức giờ nghiên cứu mới theo "
     "lộ trình ba năm.", "workload", "petition", "normal", "email", 20, [("accept", 3)]),
    ("BK", True, "Chế độ thai sản chưa được giải quyết",
     "Tôi đã nộp hồ sơ hưởng chế độ thai sản từ tháng trước nhưng chưa nhận được tiền trợ "
     "cấp, phòng Tổ chức - Hành chính chưa trả lời.", "policy", "petition", "normal",
     "member", 18, [("accept", 2), ("answer", 8)]),
    ("BK", True, "Đề nghị tổ chức tham quan nghỉ mát hai lần mỗi năm",
     "Đề nghị Công đoàn tổ chức cho đoàn viên tham quan nghỉ mát hai lần mỗi năm thay vì "
     "một lần.", "other", "feedback", "normal", "member", 15, [("accept", 2), ("decline", 5)]),
    ("BK", True, "Phòng làm việc của tổ Văn phòng khoa bị dột khi mưa",
     "Trần phòng làm việc tổ Văn phòng khoa bị dột, tài liệu bị ướt sau mỗi cơn mưa.",
     "conditions", "feedback", "soon", "member", 3, [("accept", 1)]),
    ("BK", False, "Tranh chấp hợp đồng thuê nhà công vụ",
     "Một viên chức đề nghị Công đoàn can thiệp vào tranh chấp tiền thuê nhà công vụ với "
     "đơn vị cho thuê bên ngoài Trường.", "other", "complaint", "normal", "member", 12,
     [("not_for_union", 4)]),
    ("BK", False, "Nhà vệ sinh tầng 3 nhà A1 hỏng kéo dài",
     "Nhà vệ sinh tầng 3 nhà A1 hỏng vòi nước và đèn hơn hai tuần.", "facilities",
     "feedback", "normal", "box", 30, [("accept", 1), ("answer", 6), ("close", 9)]),
    ("KHTN", False, "Thiếu hóa chất cho thực hành môn Hóa phân tích",
     "Giảng viên phải tự mua hóa chất cho buổi thực hành vì kho hết hàng từ đầu học kỳ.",
     "teaching", "feedback", "urgent", "dialogue", 12, [("accept", 1)]),
    ("KHTN", False, "Đề nghị công khai tiêu chí xét thi đua cuối năm",
     "Đề nghị công khai tiêu chí và kết quả chấm điểm thi đua của từng bộ môn.", "policy",
     "petition", "normal", "email", 22, [("accept", 2), ("answer", 9)]),
    ("KHXHNV", False, "Quá tải giờ dạy của giảng viên trẻ khoa Ngữ văn",
     "Giảng viên trẻ được phân công trên 600 giờ chuẩn, vượt xa định mức.", "workload",
     "complaint", "normal", "dialogue", 11, []),
]
ANSWERS = {
    "Nhà vệ sinh tầng 3 nhà A1 hỏng kéo dài":
        "Phòng Quản trị thiết bị đã thay vòi nước và đèn ngày hôm qua. Cảm ơn anh/chị đã "
        "phản ánh.",
    "Đề nghị công khai tiêu chí xét thi đua cuối năm":
        "Hội đồng Thi đua - Khen thưởng đồng ý công khai tiêu chí trên trang nội bộ từ tháng "
        "này; kết quả chấm điểm của từng bộ môn được gửi đến tổ công đoàn.",
}
REPORT_ANSWER = ("Công đoàn đã trao đổi với lãnh đạo đơn vị tại buổi giao ban; đơn vị đã có "
                 "thông báo giải thích và biện pháp khắc phục gửi toàn thể viên chức.")
DEFAULT_ANSWER = ("Công đoàn đã làm việc với Phòng Tổ chức - Hành chính. Hồ sơ của anh/chị đã "
                  "được bổ sung và chuyển Bảo hiểm xã hội; khoản trợ cấp sẽ được chi trong kỳ "
                  "lương tới.")
ANONYMOUS = ("Thái độ ứng xử thiếu tôn trọng của một cán bộ phòng Đào tạo",
             "Khi làm thủ tục điều chỉnh lịch giảng, tôi và hai đồng nghiệp bị một cán bộ phòng "
             "Đào tạo nói nặng lời trước sinh viên. Đề nghị nhắc nhở và có hướng dẫn thủ tục "
             "rõ ràng hơn.", "conduct", "complaint")


def _working_days_ago(today: date, count: int) -> date:
    day = today
    while count:
        day -= timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


def _stamp(case: Case, day: date) -> None:
    """Put the newest timeline entry on the day its step happened."""
    entry = case.entries.order_by("-pk").first()
    if entry is not None:
        CaseEntry.objects.filter(pk=entry.pk).update(
            at=timezone.make_aware(datetime.combine(day, time(9, 30))))


def _step(case: Case, step: str, day: date, officer: User) -> Case:
    if step == "accept":
        case = services.case_intake(case=case, by=officer, outcome="accepted", today=day)
    elif step == "verify":
        case = services.case_intake(case=case, by=officer, outcome="verifying", today=day,
                                    verify_until=add_working_days(day, 7))
    elif step == "forward":
        case = services.case_intake(
            case=case, by=officer, outcome="forwarded", today=day,
            forwarded_to="Phòng Kế hoạch - Tài chính", forwarded_on=day,
            follow_up_on=add_working_days(day, 10))
    elif step == "not_for_union":
        case = services.case_intake(
            case=case, by=officer, outcome="not_for_union", today=day,
            reason="Tranh chấp dân sự với đơn vị bên ngoài Trường không thuộc phạm vi giải "
                   "quyết của Công đoàn.",
            refer_to="Tòa án nhân dân nơi có nhà thuê, hoặc Trung tâm trợ giúp pháp lý "
                     "của Thành phố")
    elif step == "start":
        case = services.case_start(case=case, by=officer)
    elif step == "answer":
        case = services.case_answer(
            case=case, by=officer, today=day,
            answer=ANSWERS.get(case.title, REPORT_ANSWER if case.opinion_report_id
                              else DEFAULT_ANSWER))[0]
    elif step == "decline":
        case = services.case_decline(
            case=case, by=officer, today=day,
            reason="Kinh phí Công đoàn năm nay chỉ đủ cho một chuyến tham quan; Ban Chấp hành "
                   "sẽ xem xét lại khi lập dự toán năm sau.")
    elif step == "close":
        case = services.case_close(case=case, by=officer, today=day)
    _stamp(case, day)
    return case


def _templates(units: dict[str, Unit], committee: User) -> None:
    for code, title, category, body in TEMPLATES:
        if code in units and not AnswerTemplate.objects.filter(title=title).exists():
            services.answer_template_save(by=committee, unit=units[code], title=title,
                                          body=body, category=category)


def _case(row, units, officers, member, today) -> Case | None:
    code, mine, title, description, category, kind, urgency, source, ago, steps = row
    officer = officers.get(code)
    if code not in units or officer is None or Case.objects.filter(title=title).exists():
        return None
    received = _working_days_ago(today, ago)
    if mine:
        case, _code = services.case_raise_by_member(
            by=member, title=title, description=description, category=category, kind=kind,
            urgency=urgency)
    else:
        case = services.case_open(by=officer, unit=units[code], title=title,
                                  description=description, source=source, category=category,
                                  kind=kind, urgency=urgency)
    intake = deadlines.intake_due(received, kind, urgency)
    Case.objects.filter(pk=case.pk).update(received_on=received, intake_due_on=intake,
                                           due_on=intake)
    case.refresh_from_db()
    _stamp(case, received)
    for step, after in steps:
        case = _step(case, step, add_working_days(received, after), officer)
    return case


def _anonymous(units, member, stdout) -> None:
    title, description, category, kind = ANONYMOUS
    if Case.objects.filter(title=title).exists():
        return
    case, code = services.case_raise_by_member(by=member, title=title,
                                               description=description, category=category,
                                               kind=kind, anonymous=True)
    message = (f"Grievances: the anonymous demo case \u201c{case.title}\u201d has receipt code "
               f"{code} (shown once; follow it at /doi-thoai/tra-cuu-kien-nghi/).")
    if stdout is not None:
        stdout.write(message)
    else:
        print(message)  # noqa: T201  (the demo's one copy of the code)


def _from_reports(today: date) -> int:
    """The twelve latest escalated opinion reports open their cases (as the signal does),
    received on the day they were escalated; those older than a week are accepted."""
    from collaborators.models import OpinionReport

    latest = list(OpinionReport.objects.filter(status=OpinionReport.Status.ESCALATED,
                                               escalated_by__isnull=False)
                  .order_by("-escalated_at", "-pk").values_list("pk", flat=True)[:12])
    opened = 0
    for report in (OpinionReport.objects.filter(pk__in=latest, case__isnull=True)
                   .select_related("unit", "escalated_by")):
        officer = report.escalated_by
        assert officer is not None  # filtered above
        case = services.case_from_opinion_report(report=report, by=officer)
        received = min(timezone.localdate(report.escalated_at), today)
        intake = deadlines.intake_due(received, case.kind, case.urgency)
        Case.objects.filter(pk=case.pk).update(received_on=received, intake_due_on=intake,
                                               due_on=intake, escalated_on=received)
        case.refresh_from_db()
        _stamp(case, received)
        if add_working_days(received, 5) < today:
            case = _step(case, "accept", add_working_days(received, 2), officer)
        if add_working_days(received, 20) < today:
            _step(case, "answer", add_working_days(received, 9), officer)
        opened += 1
    return opened


def seed(stdout=None) -> None:
    units = {u.code: u for u in Unit.objects.all()}
    officers = {u.unit.code: u for u in User.objects.filter(role=User.Role.OFFICER)
                .select_related("unit").order_by("pk") if u.unit_id}
    committee = User.objects.filter(username="committee").first()
    member = User.objects.filter(username="member").select_related("unit").first()
    if member is None or committee is None:
        return
    officers.setdefault("KHXHNV", committee)
    today = timezone.localdate()
    _templates(units, committee)
    made = [c for row in CASES if (c := _case(row, units, officers, member, today))]
    by_title = {c.title: c for c in made}
    follower = by_title.get("Giờ nghiên cứu khoa học: đề nghị lộ trình tăng dần")
    lead = by_title.get("Định mức giờ nghiên cứu khoa học quá cao so với năm trước")
    if follower and lead:
        services.case_link(case=follower, by=officers["BK"], lead=lead)
    _anonymous(units, member, stdout)
    from collaborators.models import OpinionReport

    if OpinionReport.objects.filter(status=OpinionReport.Status.ESCALATED).exists():
        _reports_seed(stdout)
    else:
        # Registered from AppConfig.ready(), this seeder runs before the autodiscovered ones
        # (collaborators' reports among them): the cases of escalated reports come last.
        demo.register("dialogue-cases-from-reports", _reports_seed)


def _reports_seed(stdout=None) -> None:
    opened = _from_reports(timezone.localdate())
    if stdout is not None:
        stdout.write(f"Grievances: {Case.objects.count()} cases ({opened} from opinion "
                     f"reports), {AnswerTemplate.objects.count()} answer templates.")


def register() -> None:
    demo.register("dialogue-cases", seed)
