"""Reviews' part of the periodic report (slot "methods" of `reports.sections.OUTLINE`): the
six-month and annual reviews whose period ends in the report's period, with each unit's
self-assessment and rating."""

from __future__ import annotations

from portal.contributions import Frame, ReportPart, register_report_part
from portal.documents import Paragraph, Table

from .models import Rating, Review, ReviewAssessment, ReviewRating

LEAD = "Sơ kết, tổng kết việc thực hiện chỉ đạo."
RATING_WORDS: dict[str, str] = {Rating.GOOD: "Tốt", Rating.FAIR: "Khá",
                                Rating.AVERAGE: "Trung bình", Rating.WEAK: "Yếu"}
KIND_WORDS: dict[str, str] = {Review.Kind.SIX_MONTH: "sơ kết 6 tháng",
                              Review.Kind.ANNUAL: "tổng kết năm"}


def review_blocks(frame: Frame) -> list:
    from django.db.models import Count, Q

    reviews = list(Review.objects.filter(
        unit__path__startswith=frame.unit.path, period_end__gte=frame.period.start,
        period_end__lte=frame.period.end).select_related("directive", "unit")
        .order_by("period_end", "pk"))
    if not reviews:
        return []
    R = ReviewAssessment.Result
    counts = {(row["review"], row["unit"]): row for row in (
        ReviewAssessment.objects.filter(review__in=reviews).order_by()
        .values("review", "unit").annotate(
            well=Count("pk", filter=Q(result=R.DONE_WELL)),
            done=Count("pk", filter=Q(result=R.DONE)),
            not_done=Count("pk", filter=Q(result=R.NOT_DONE))))}
    ratings = list(ReviewRating.objects.filter(review__in=reviews).select_related("unit")
                   .order_by("review_id", "unit__path"))
    blocks: list = []
    for review in reviews:
        mine = [r for r in ratings if r.review_id == review.pk]
        tally = {word: sum(1 for r in mine if r.rating == key)
                 for key, word in RATING_WORDS.items()}
        proposed = [r.unit.name for r in mine if r.commend_unit] + [
            r.commend_person for r in mine if r.commend_person]
        text = (f"{review.unit.name} tổ chức {KIND_WORDS[review.kind]} việc thực hiện "
                f"{review.directive.number} ({review.period_start:%d/%m/%Y} – "
                f"{review.period_end:%d/%m/%Y}): {len(mine)} đơn vị được xếp loại, trong đó "
                + ", ".join(f"{word} {n}" for word, n in tally.items()) + ".")
        if proposed:
            text += " Đề nghị khen thưởng: " + "; ".join(proposed) + "."
        blocks.append(Paragraph(text, bold_lead=LEAD, point=True))
        rows = []
        for r in mine:
            c = counts.get((review.pk, r.unit_id), {"well": 0, "done": 0, "not_done": 0})
            rows.append([r.unit.name, str(c["well"]), str(c["done"]), str(c["not_done"]),
                         RATING_WORDS.get(r.rating, "")])
        if rows:
            blocks.append(Table(
                caption=f"Kết quả {KIND_WORDS[review.kind]}: {review.title}",
                header=["Đơn vị", "Thực hiện tốt", "Đã thực hiện", "Chưa thực hiện",
                        "Xếp loại"],
                rows=rows, weak_cells=frozenset(
                    (i, 4) for i, r in enumerate(mine) if r.rating == Rating.WEAK)))
    return blocks


def register() -> None:
    register_report_part(ReportPart("methods", 40, review_blocks))
