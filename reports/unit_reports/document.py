"""A unit's opinion report as a ReportDocument: the figures the apps give for the unit and
month (the registered ReportParts), and the officer's own assessment."""

from __future__ import annotations

from calendar import monthrange
from datetime import date

from django.utils import timezone, translation

from portal.models import Unit

from .. import sections
from ..builders import paragraphs
from ..content import Block, Paragraph, ReportDocument, Section, Table, numbered
from ..models import DocumentSettings, UnitReport, UnitReportIssue
from ..periods import Period


def month_period(month: date) -> Period:
    return Period(month, month.replace(day=monthrange(month.year, month.month)[1]))


def figures(unit: Unit, month: date) -> list[Section]:
    """What the apps' ReportParts say about the unit and month, slot by slot (the slots
    the officer writes are left out)."""
    frame = sections.frame_for(unit, month_period(month))
    with translation.override("vi"):
        return [sections.section(slot, frame) for slot in sections.OUTLINE
                if slot.key in ("situation", "methods")]


def drafted_situation(unit: Unit, month: date) -> str:
    """The text paragraphs of the figures, as a starting point the officer edits."""
    lines = [f"{block.bold_lead} {block.text}".strip() for section in figures(unit, month)
             for block in section.blocks if isinstance(block, Paragraph)]
    return "\n\n".join(lines[:8])


def subject(report: UnitReport) -> str:
    if report.kind == UnitReport.Kind.QUICK:
        return f"Báo cáo nhanh tình hình dư luận xã hội: {report.subject}"
    return (f"Tình hình dư luận xã hội tháng {report.month.month}/{report.month.year} "
            f"của {report.unit.name}")


def _issues(issues: list[UnitReportIssue]) -> list:
    if not issues:
        return [Paragraph("Trong kỳ, không ghi nhận vấn đề nổi cộm, bức xúc kéo dài hoặc "
                          "lan rộng.")]
    with translation.override("vi"):
        blocks: list = [Table(
            "Các vấn đề nổi cộm trong đoàn viên, người lao động",
            ["Vấn đề", "Chiều hướng", "Mức độ", "Phạm vi"],
            [[i.topic, str(i.get_direction_display()), str(i.get_intensity_display()),
              str(i.get_spread_display())] for i in issues], numeric_from=9)]
        for issue in issues:
            lead = f"{issue.topic}."
            text = (f"Chiều hướng: {str(issue.get_direction_display()).lower()}; mức độ "
                    f"{str(issue.get_intensity_display()).lower()}; phạm vi: "
                    f"{str(issue.get_spread_display()).lower()}.")
            if issue.handling:
                text += f" Đã và đang xử lý: {issue.handling}"
            blocks.append(Paragraph(text, bold_lead=lead, point=True))
    return blocks


def build_unit_document(report: UnitReport) -> ReportDocument:
    doc_settings = DocumentSettings.load()
    unit = report.unit
    issues = list(report.issues.all())
    with translation.override("vi"):
        mood = (f"Tâm trạng chung của đoàn viên, người lao động: "
                f"{str(report.get_mood_display()).lower()}." if report.mood else "")
    situation = [*([Paragraph(mood)] if mood else []), *paragraphs(report.mood_note),
                 *paragraphs(report.situation)]
    data = figures(unit, report.month) if report.kind == UnitReport.Kind.PERIODIC else []
    tables: list[Block] = [block for section in data for block in section.blocks
                           if not isinstance(block, Paragraph)]
    body = [
        Section("I. TÌNH HÌNH CHUNG", situation + tables),
        Section("II. NHỮNG VẤN ĐỀ NỔI CỘM", _issues(issues)),
        Section("III. DỰ BÁO TÌNH HÌNH", paragraphs(report.forecast)
                or [Paragraph("Tình hình dự báo tiếp tục ổn định.")]),
        Section("IV. KIẾN NGHỊ, ĐỀ XUẤT", paragraphs(report.recommendations)
                or [Paragraph("Trong kỳ không có kiến nghị, đề xuất mới.")]),
    ]
    period = month_period(report.month)
    intro = (f"Thực hiện Công văn số 360/CĐ-ĐHQG ngày 17/9/2024 của Ban Thường vụ Công đoàn "
             f"ĐHQG-HCM, Ban Chấp hành {unit.name} báo cáo ")
    intro += ("nhanh tình hình dư luận xã hội như sau:" if report.kind == UnitReport.Kind.QUICK
              else f"tình hình dư luận xã hội từ ngày {period.start:%d/%m/%Y} đến ngày "
                   f"{period.end:%d/%m/%Y} như sau:")
    issued = timezone.localdate(report.submitted_at) if report.submitted_at else \
        timezone.localdate()
    return ReportDocument(
        parent_organisation=doc_settings.issuer, issuer=unit.name,
        number_label=report.number_label if report.number else f"…/{report.symbol or 'BC'}",
        place=doc_settings.place, issued_on=issued, doc_type="BÁO CÁO",
        subject=subject(report), intro=intro, sections=numbered(body),
        recipients=["Ban Thường vụ Công đoàn ĐHQG-HCM", "Lưu: VT"],
        signer_capacity="TM. BAN CHẤP HÀNH", signer_title="CHỦ TỊCH", signer_name="")
