"""Demo data: the university union's inspection programme for this year, with an inspection
in every state (one closed after its recommendations were answered and accepted, one with an
overdue recommendation), ratings from the two years before, the Bách khoa union's own
programme of its departmental unions, and the six-month review of dispatch 360 with every
grassroots union's self-assessment and rating. Written through the services (the committee
and the BK officer act); idempotent: a programme or review that exists is left alone."""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.utils import timezone

from directives.models import Directive
from portal import demo
from portal.models import Unit, User

from . import services as s
from .models import Inspection, InspectionProgramme, Rating, Review, ReviewAssessment

PURPOSE = ("Đánh giá việc triển khai Công văn 360/CĐ-ĐHQG về công tác nắm bắt, định hướng dư "
           "luận xã hội; phát hiện cách làm hay và những hạn chế để kịp thời chấn chỉnh.")
CONTENT = ("Kiểm tra việc ban hành kế hoạch, kiện toàn mạng lưới cộng tác viên, tổ chức khảo "
           "sát, báo cáo dư luận định kỳ, đối thoại và giải quyết kiến nghị của đoàn viên.")
SELF_REPORT = ("Công đoàn đã ban hành kế hoạch thực hiện Công văn 360, phân công Phó Chủ tịch "
               "phụ trách; duy trì tổ cộng tác viên ở các công đoàn bộ phận; báo cáo dư luận "
               "hằng tháng. Hạn chế: một số công đoàn bộ phận chưa báo cáo đúng hạn.")
VERIFICATION = ("Đoàn đã làm việc với Ban Thường vụ, kiểm tra hồ sơ kế hoạch, danh sách cộng "
                "tác viên, biên bản giao ban và các báo cáo dư luận 6 tháng; trao đổi với một "
                "số cộng tác viên và đoàn viên.")
EVIDENCE = ["Kế hoạch số 12/KH-CĐ và quyết định phân công.",
            "Danh sách cộng tác viên, biên bản tập huấn tháng 3.",
            "Phiếu khảo sát và báo cáo kết quả khảo sát.",
            "Sổ theo dõi báo cáo dư luận hằng tháng.",
            "Biên bản đối thoại, sổ tiếp nhận kiến nghị.",
            "Báo cáo sơ kết 6 tháng, tài liệu giới thiệu mô hình."]
CONCLUSIONS = {
    Rating.GOOD: "Đơn vị triển khai đầy đủ, có nhiều cách làm sáng tạo; báo cáo dư luận kịp "
                 "thời, chất lượng.",
    Rating.FAIR: "Đơn vị triển khai cơ bản đầy đủ các nhiệm vụ; cần nâng cao chất lượng báo "
                 "cáo và mở rộng mạng lưới cộng tác viên.",
    Rating.AVERAGE: "Đơn vị triển khai chưa đồng đều; báo cáo dư luận còn chậm, mạng lưới "
                    "cộng tác viên chưa được kiện toàn.",
    Rating.WEAK: "Đơn vị chưa ban hành kế hoạch; chưa có báo cáo dư luận định kỳ.",
}
RECOMMENDATIONS = [
    "Kiện toàn tổ cộng tác viên dư luận xã hội ở các công đoàn bộ phận còn thiếu.",
    "Thực hiện báo cáo dư luận định kỳ đúng hạn vào ngày 25 hằng tháng.",
    "Tổ chức ít nhất một buổi đối thoại với đoàn viên trẻ trong quý tới.",
]
ANSWERS = ["Đã kiện toàn tổ cộng tác viên tại 3 công đoàn bộ phận, có quyết định kèm theo.",
           "Đã báo cáo đúng hạn trong 3 tháng liên tiếp.",
           "Đã tổ chức đối thoại ngày 12/9 với 45 đoàn viên trẻ, có biên bản."]
# Grassroots union, the state its inspection reaches this year, its rating.
THIS_YEAR = [("KHTN", Inspection.Status.CLOSED, Rating.GOOD),
             ("KHXHNV", Inspection.Status.CONCLUDED, Rating.FAIR),
             ("BK", Inspection.Status.CONCLUDED, Rating.AVERAGE),
             ("QT", Inspection.Status.VERIFIED, None),
             ("CNTT", Inspection.Status.SELF_REPORTED, None),
             ("KTL", Inspection.Status.NOTIFIED, None),
             ("AG", Inspection.Status.PLANNED, None)]
PAST_YEARS = {1: ["KHTN", "BK", "KHXHNV", "QT", "KHSK"], 2: ["KHTN", "BK", "CNTT", "KTL"]}
ORDER = list(Inspection.Status.values)


def _add_scores(inspection: Inspection, rng: random.Random, by: User, *, team: bool) -> None:
    values = {}
    for row in inspection.scores.all():
        low = row.max_score * 0.5
        score = round(rng.uniform(low, row.max_score))
        values[row.criterion_id] = (score, EVIDENCE[(row.criterion.number - 1) % 6] if team
                                    else "Có hồ sơ kèm theo.")
    if team:
        s.inspection_verify(inspection=inspection, verified_on=inspection.ends_on,
                            record=VERIFICATION, scores=values, by=by)
    else:
        s.inspection_self_report(inspection=inspection, report=SELF_REPORT, scores=values,
                                 by=by)


def _carry(inspection: Inspection, target: str, rating, rng: random.Random, by: User,
           owner: User | None, today: date, *, overdue: bool = False) -> None:
    """Take a planned inspection through the steps up to `target`."""
    def reached(status):
        return ORDER.index(target) >= ORDER.index(status)

    if reached("notified"):
        s.inspection_notify(inspection=inspection, by=by,
                            sent_on=inspection.starts_on - timedelta(days=10),
                            notice="Đề nghị đơn vị chuẩn bị báo cáo tự kiểm tra theo bảng "
                                   "tiêu chí và hồ sơ minh chứng.")
    if reached("self_reported"):
        _add_scores(inspection, rng, by, team=False)
    if reached("verified"):
        _add_scores(inspection, rng, by, team=True)
    if not reached("concluded"):
        return
    concluded_on = inspection.ends_on + timedelta(days=7)
    if target == "closed":
        dues = [concluded_on + timedelta(days=30), concluded_on + timedelta(days=45)]
    elif overdue:
        dues = [today - timedelta(days=20), today + timedelta(days=10),
                today + timedelta(days=5)]
    else:
        dues = [today + timedelta(days=5 + 20 * n) for n in range(3)]
    recs = [s.recommendation_add(inspection=inspection, text=text, owner=owner, due_on=due,
                                 by=by)
            for text, due in zip(RECOMMENDATIONS, dues, strict=False)] if owner else []
    s.inspection_conclude(inspection=inspection, rating=rating,
                          conclusion=CONCLUSIONS[rating], concluded_on=concluded_on, by=by)
    if target == "closed" and owner is not None:
        for rec, answer in zip(recs, ANSWERS, strict=False):
            s.recommendation_answer(recommendation=rec, note=answer, by=owner)
            s.recommendation_accept(recommendation=rec, by=by)
    elif overdue and owner is not None:  # the second answered, waiting for the team's review
        s.recommendation_answer(recommendation=recs[1], note=ANSWERS[1], by=owner)


def _plan(programme, unit, head, starts_on, team=()) -> Inspection:
    return s.inspection_plan(programme=programme, by=head, data={
        "unit": unit, "purpose": PURPOSE, "content": CONTENT, "starts_on": starts_on,
        "ends_on": starts_on + timedelta(days=2), "head": head, "team": list(team),
        "tasks": list(_dispatch_tasks())})


def _dispatch_tasks():
    directive = Directive.objects.filter(number="360/CĐ-ĐHQG").first()
    return directive.tasks.filter(number__in=[2, 4, 5]) if directive else []


def seed_programmes(units: dict[str, Unit], users: dict[str, User], today: date) -> None:
    committee, top = users["committee"], units["CDDHQG"]
    officers = {u.unit.code: u for u in User.objects.filter(role=User.Role.OFFICER)
                .select_related("unit").order_by("-pk")}
    rng = random.Random(14)
    for back, codes in PAST_YEARS.items():
        year = today.year - back
        if InspectionProgramme.objects.filter(unit=top, year=year).exists():
            continue
        programme = s.programme_create(unit=top, year=year, by=committee,
                                       title=f"Chương trình kiểm tra công tác dư luận xã hội "
                                             f"năm {year}")
        for n, code in enumerate(codes):
            inspection = _plan(programme, units[code], committee, date(year, 5 + n, 10))
            _carry(inspection, "concluded", rng.choice(list(Rating)), rng, committee, None,
                   today)
    if not InspectionProgramme.objects.filter(unit=top, year=today.year).exists():
        programme = s.programme_create(
            unit=top, year=today.year, by=committee,
            title=f"Chương trình kiểm tra công tác dư luận xã hội năm {today.year}",
            note="Kiểm tra chuyên đề việc thực hiện Công văn 360/CĐ-ĐHQG tại các công đoàn "
                 "cơ sở; ưu tiên các đơn vị chưa được kiểm tra trong hai năm gần đây.")
        for n, (code, target, rating) in enumerate(THIS_YEAR):
            starts = min(today - timedelta(days=150 - 20 * n), today + timedelta(days=20))
            if target == "planned":
                starts = today + timedelta(days=25)
            inspection = _plan(programme, units[code], committee, starts,
                               team=[committee])
            _carry(inspection, target, rating, rng, committee, officers.get(code), today,
                   overdue=code == "BK")
    seed_bk_programme(units, users, today, rng)


def seed_bk_programme(units, users, today: date, rng: random.Random) -> None:
    """The Bách khoa union inspects its own departmental unions."""
    bk, officer = units.get("BK"), users.get("officer")
    if bk is None or officer is None or InspectionProgramme.objects.filter(
            unit=bk, year=today.year).exists():
        return
    programme = s.programme_create(unit=bk, year=today.year, by=officer,
                                   title=f"Kế hoạch kiểm tra các công đoàn bộ phận năm "
                                         f"{today.year}")
    chair, _ = User.objects.get_or_create(username="khmt", defaults={
        "full_name": "Trần Minh Khoa", "email": "khmt@demo.vnuhcm.edu.vn",
        "unit": units["BK-KHMT"], "role": User.Role.OFFICER,
        "staff_group": User.StaffGroup.LECTURER})
    if not chair.has_usable_password():
        chair.set_password(demo.DEMO_PASSWORD)
        chair.save()
    done = _plan(programme, units["BK-KHMT"], officer, today - timedelta(days=60))
    _carry(done, "concluded", Rating.FAIR, rng, officer, chair, today, overdue=True)
    _plan(programme, units["BK-CK"], officer, today + timedelta(days=15))


def _review(directive, unit, by, title, start: date, end: date, due: date):
    found = Review.objects.filter(directive=directive, unit=unit, kind="six_month",
                                  period_start=start).first()
    if found:
        return found, False
    return s.review_create(directive=directive, unit=unit, kind="six_month", title=title,
                           period_start=start, period_end=end, due_on=due, by=by,
                           note="Các đơn vị tự đánh giá từng nhiệm vụ, kèm minh chứng."), True


def seed_reviews(units: dict[str, Unit], users: dict[str, User], today: date) -> None:
    committee, top = users["committee"], units["CDDHQG"]
    directive = Directive.objects.filter(unit=top, number="360/CĐ-ĐHQG").first()
    if directive is None:
        return
    start = date(today.year, 1, 1) if today.month > 6 else date(today.year - 1, 7, 1)
    end = date(start.year, 6, 30) if start.month == 1 else date(start.year, 12, 31)
    review, new = _review(directive, top, committee,
                          f"Sơ kết 6 tháng thực hiện Công văn 360/CĐ-ĐHQG ({start:%m/%Y} – "
                          f"{end:%m/%Y})", start, end, end + timedelta(days=15))
    if new:
        _assess_and_rate(review, committee, random.Random(6))
    bk, officer = units.get("BK"), users.get("officer")
    plan = Directive.objects.filter(unit=bk, number="45/KH-CĐBK").first() if bk else None
    if plan is not None and officer is not None:
        review, new = _review(plan, bk, officer, "Sơ kết thực hiện Kế hoạch 45/KH-CĐBK",
                              plan.issued_on, today, today + timedelta(days=10))
        if new:
            s.review_assess(review=review, unit=units["BK-KHMT"], by=officer, rows={
                t.pk: ("done", "Đã thực hiện, có biên bản.", "") for t in plan.tasks.all()})


def _assess_and_rate(review: Review, by: User, rng: random.Random) -> None:
    results = list(ReviewAssessment.Result)
    tasks = list(review.directive.tasks.order_by("number"))
    for unit in s.review_units(review):
        rows: dict[int, tuple[str, str, str]] = {}
        for task in tasks:
            result = rng.choices(results, weights=[3, 5, 1])[0]
            rows[task.pk] = (str(result), "Có kế hoạch, biên bản và báo cáo kèm theo."
                             if result != "not_done" else "Chưa triển khai trong kỳ.", "")
        s.review_assess(review=review, unit=unit, rows=rows, by=by)
        well = sum(1 for r, *_ in rows.values() if r == "done_well")
        missed = sum(1 for r, *_ in rows.values() if r == "not_done")
        rating = (Rating.GOOD if well >= 3 and not missed else Rating.WEAK if missed >= 2
                  else Rating.AVERAGE if missed else Rating.FAIR)
        commend = rating == Rating.GOOD
        s.review_rate(review=review, unit=unit, rating=rating, by=by,
                      comment="Thực hiện đầy đủ, có nhiều cách làm hay." if commend else "",
                      commend_unit=commend,
                      commend_person="Nguyễn Thị Mai Anh" if commend and unit.code == "CNTT"
                      else "",
                      commend_reason="Có mô hình đối thoại trực tuyến hiệu quả, được nhiều "
                                     "đơn vị học tập." if commend else "")


def seed(*, stdout) -> None:
    today = timezone.localdate()
    units = {u.code: u for u in Unit.objects.all()}
    users = {u.username: u for u in User.objects.filter(username__in=["committee", "officer"])
             .select_related("unit")}
    if "committee" not in users or "CDDHQG" not in units:
        return
    seed_programmes(units, users, today)
    seed_reviews(units, users, today)
    stdout.write(f"inspections: {Inspection.objects.count()} inspections, "
                 f"{Review.objects.count()} reviews")


demo.register("inspections", seed)
