"""The conclusion of an inspection as an official numbered document (KẾT LUẬN, symbol KL):
the `DocumentSubject` "inspection_conclusion" that `reports` numbers, lays out in the
Decree 30 form and renders as PDF and Word."""

from __future__ import annotations

from django.db.models import QuerySet

from portal.contributions import DocumentSubject, register_document_subject
from portal.documents import Paragraph, Section, Table

from .models import Inspection
from .report_parts import RATING_WORDS

KIND = "inspection_conclusion"


def _score(value) -> str:
    if value is None:
        return "—"
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def title(inspection: Inspection) -> str:
    return f"Kiểm tra công tác dư luận xã hội tại {inspection.unit.name}"


def sections(inspection: Inspection) -> list[Section]:
    scores = list(inspection.scores.select_related("criterion").order_by("criterion__number"))
    tasks = list(inspection.tasks.select_related("directive").order_by("directive_id",
                                                                       "number"))
    team = ", ".join(str(m) for m in inspection.team.exclude(pk=inspection.head_id)
                     .order_by("full_name"))
    plan = Section("I. CĂN CỨ, MỤC ĐÍCH, NỘI DUNG KIỂM TRA", [
        Paragraph(f"Thực hiện {inspection.programme.title}, đoàn kiểm tra do đồng chí "
                  f"{inspection.head} làm trưởng đoàn{', gồm ' + team if team else ''} đã "
                  f"kiểm tra tại {inspection.unit.name} từ ngày "
                  f"{inspection.starts_on:%d/%m/%Y} đến ngày {inspection.ends_on:%d/%m/%Y}."),
        Paragraph(inspection.purpose, bold_lead="Mục đích: "),
        Paragraph(inspection.content, bold_lead="Nội dung: "),
    ])
    if tasks:
        plan.blocks.append(Paragraph("; ".join(f"{t.directive.number} — nhiệm vụ {t.number}: "
                                               f"{t.title}" for t in tasks) + ".",
                                     bold_lead="Nhiệm vụ được kiểm tra: "))
    result = Section("II. KẾT QUẢ KIỂM TRA", [])
    if inspection.verification:
        result.blocks.append(Paragraph(inspection.verification))
    if scores:
        result.blocks.append(Table(
            caption="Kết quả chấm điểm theo tiêu chí",
            header=["Tiêu chí", "Điểm tối đa", "Đơn vị tự chấm", "Đoàn kiểm tra"],
            rows=[[f"{s.criterion.number}. {s.criterion.text}", str(s.max_score),
                   _score(s.self_score), _score(s.score)] for s in scores]
            + [["Tổng cộng", str(sum(s.max_score for s in scores)),
                _score(sum((s.self_score or 0) for s in scores)),
                _score(sum((s.score or 0) for s in scores))]]))
    conclusion = Section("III. KẾT LUẬN", [
        Paragraph(inspection.conclusion),
        Paragraph(RATING_WORDS.get(inspection.rating, "—") + ".", bold_lead="Xếp loại: "),
    ])
    recs = list(inspection.recommendations.select_related("owner").order_by("due_on", "pk"))
    asks = Section("IV. KIẾN NGHỊ", [
        Paragraph(f"{r.text} (người phụ trách: {r.owner}; thời hạn: {r.due_on:%d/%m/%Y}).",
                  point=True) for r in recs] or [
        Paragraph("Đoàn kiểm tra không có kiến nghị.")])
    asks.blocks.append(Paragraph(f"Đề nghị {inspection.unit.name} báo cáo kết quả thực hiện "
                                 "các kiến nghị trên cổng thông tin đúng thời hạn."))
    return [plan, result, conclusion, asks]


def choices(user) -> QuerySet[Inspection]:
    """The concluded inspections a person sees: the team's side prints and issues the
    conclusion (`reports` checks the issuer), the inspected unit reads what was issued."""
    return (Inspection.objects.visible_to(user).filter(status__in=["concluded", "closed"])
            .select_related("unit", "programme__unit", "head").order_by("-concluded_on"))


def latest() -> Inspection | None:
    return (Inspection.objects.filter(status__in=["concluded", "closed"])
            .order_by("-concluded_on", "-pk").first())


def recipients(inspection: Inspection) -> list[str]:
    return [inspection.unit.name, "Các thành viên đoàn kiểm tra"]


def register() -> None:
    register_document_subject(DocumentSubject(
        KIND, choices, sections, latest, title=title, document_name="KẾT LUẬN", symbol="KL",
        issuer=lambda inspection: inspection.programme.unit, numbered=True,
        recipients=recipients))
