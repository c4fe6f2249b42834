"""From a Report row to a ReportDocument: the figures of every app, in the sections that
Vietnamese union reports use (situation; salient issues; examples and new methods;
petitions and proposals; what to watch next period)."""

from __future__ import annotations

from django.utils import translation

from . import sections
from .content import Block, Paragraph, ReportDocument, Section, numbered
from .models import DocumentSettings, Report
from .periods import Period
from .survey_sections import survey_sections

TITLES = {
    Report.Kind.MONTHLY: "Tình hình dư luận xã hội tháng {month}/{year}",
    Report.Kind.QUARTERLY: "Kết quả công tác dư luận xã hội quý {quarter}/{year}",
    Report.Kind.SIX_MONTH: "Sơ kết công tác dư luận xã hội 6 tháng đầu năm {year}",
    Report.Kind.ANNUAL: "Tổng kết công tác dư luận xã hội năm {year}",
    Report.Kind.SURVEY: "Kết quả khảo sát “{title}”",
}


def subject_for(report: Report) -> str:
    end = report.period_end
    text = TITLES[report.kind].format(month=end.month, year=end.year,
                                      quarter=(end.month - 1) // 3 + 1,
                                      title=report.survey.title if report.survey_id else "")
    if report.scope.parent_id is not None:
        text += f" của {report.scope.name}"
    return text


def default_introduction(report: Report) -> str:
    scope = report.scope
    who = ("Ban Chấp hành " + scope.name if scope.parent_id is not None
           else "Ban Thường vụ Công đoàn ĐHQG-HCM")
    return (f"Thực hiện Công văn số 360/CĐ-ĐHQG ngày 17/9/2024 của Ban Thường vụ Công đoàn "
            f"ĐHQG-HCM về tiếp tục thực hiện có hiệu quả công tác dư luận xã hội, {who} báo "
            f"cáo tình hình và kết quả công tác dư luận xã hội từ ngày "
            f"{report.period_start:%d/%m/%Y} đến ngày {report.period_end:%d/%m/%Y} như sau:")


def default_recommendations(report: Report) -> str:
    """What the apps' parts propose for the period, as a starting point to edit."""
    slot = next(slot for slot in sections.OUTLINE if slot.key == "proposals")
    frame = sections.frame_for(report.scope, Period(report.period_start, report.period_end))
    with translation.override("vi"):
        part = sections.section(slot, frame)
    return "\n\n".join(f"{block.bold_lead} {block.text}".strip() for block in part.blocks
                        if isinstance(block, Paragraph))


def paragraphs(text: str) -> list[Block]:
    return [Paragraph(part.strip()) for part in text.split("\n\n") if part.strip()]


def build_document(report: Report) -> ReportDocument:
    doc_settings = DocumentSettings.load()
    scope = report.scope
    period = Period(report.period_start, report.period_end)
    is_unit = scope.parent_id is not None
    with translation.override("vi"):
        if report.kind == Report.Kind.SURVEY:
            body: list[Section] = survey_sections(report)
        else:
            body = sections.all_sections(scope=scope, period=period)
            if report.recommendations:  # the committee's own words replace the parts'
                body = [Section(part.heading, paragraphs(report.recommendations))
                        if slot.key == "proposals" else part
                        for slot, part in zip(sections.OUTLINE, body, strict=True)]
    recipients = [line.strip().rstrip(";.") for line in doc_settings.recipients.splitlines()
                  if line.strip()]
    return ReportDocument(
        parent_organisation=doc_settings.issuer if is_unit else doc_settings.parent_organisation,
        issuer=scope.name if is_unit else doc_settings.issuer,
        number_label=report.number_label,
        place=doc_settings.place,
        issued_on=report.issued_on or report.period_end,
        doc_type="BÁO CÁO",
        subject=subject_for(report),
        intro="" if report.kind == Report.Kind.SURVEY else (
            report.introduction or default_introduction(report)),
        sections=numbered(body),
        recipients=[*recipients, "Lưu: VT"],
        signer_capacity="TM. BAN CHẤP HÀNH" if is_unit else doc_settings.signer_capacity,
        signer_title=doc_settings.signer_title,
        signer_name="" if is_unit else doc_settings.signer_name,
    )
