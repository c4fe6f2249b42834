"""Surveys' part of the official report (slot "methods" of `reports.sections.OUTLINE`): the
surveys run online in the period and how many invited members answered."""

from __future__ import annotations

from portal.contributions import Frame, ReportPart, register_report_part
from portal.documents import Paragraph, Table
from portal.numbers import format_figure, format_percent

from .contributions import activity

LEAD = "Khảo sát, thăm dò dư luận."


def survey_methods(frame: Frame) -> list:
    s = activity(frame)
    if not s.running:
        return [Paragraph("Trong kỳ không có cuộc khảo sát nào được triển khai.",
                          bold_lead=LEAD, point=True)]
    return [
        Paragraph(
            f"Ứng dụng công nghệ thông tin trong khảo sát, thăm dò dư luận: {len(s.running)} "
            f"cuộc khảo sát được triển khai trực tuyến, {format_figure(s.answered, 0)}/"
            f"{format_figure(s.invited, 0)} đoàn viên được mời đã trả lời (tỷ lệ "
            f"{format_percent(s.rate, 1)}).", bold_lead=LEAD, point=True),
        Table(caption="Các cuộc khảo sát trong kỳ",
              header=["Khảo sát", "Đơn vị chủ trì", "Được mời", "Đã trả lời", "Tỷ lệ"],
              rows=[[x.title, str(x.owner_unit), format_figure(x.invited, 0),
                     format_figure(x.answered, 0), format_percent(x.rate, 1)]
                    for x in s.running], numeric_from=2),
    ]


def register() -> None:
    register_report_part(ReportPart("methods", 20, survey_methods))
