"""The printable minutes of a dialogue session: the `DocumentSubject` "dialogue_minutes"
that `reports` lays out (a BIÊN BẢN, not numbered) and renders. The body holds what a
signed record needs: time, place, who chaired and kept it, who attended and who did not,
each question and the answer given, points agreed and still open, commitments."""

from __future__ import annotations

from dataclasses import fields
from typing import Any, cast

from django.db.models import QuerySet
from django.utils import timezone

from portal.contributions import DocumentSubject
from portal.documents import Paragraph, Section, Table

from ..models import DialogueSession
from .querysets import DialogueSessionQuerySet

KIND = "dialogue_minutes"


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _people(label: str, text: str) -> list[Paragraph]:
    people = _lines(text)
    if not people:
        return [Paragraph("không có.", bold_lead=f"{label}: ")]
    return [Paragraph("", bold_lead=f"{label}:"), *(Paragraph(f"- {p}") for p in people)]


def title(session: DialogueSession) -> str:
    """The subject line under "BIÊN BẢN": the session and its day."""
    return f"{session.title} ngày {timezone.localtime(session.starts_at):%d/%m/%Y}"


def intro(session: DialogueSession) -> str:
    start = timezone.localtime(session.starts_at)
    return (f"Hôm nay, ngày {start:%d/%m/%Y}, tại {session.place}, {session.unit.name} phối "
            f"hợp với lãnh đạo đơn vị tổ chức {session.get_kind_display().lower()} "
            f"“{session.title}”.")


def minutes_sections(session: DialogueSession) -> list[Section]:
    start = timezone.localtime(session.starts_at)
    when = f"{start:%H} giờ {start:%M} ngày {start:%d/%m/%Y}"
    if session.ends_at:
        when += f", kết thúc lúc {timezone.localtime(session.ends_at):%H} giờ " \
                f"{timezone.localtime(session.ends_at):%M}"
    opening = Section("I. THỜI GIAN, ĐỊA ĐIỂM", [
        Paragraph(f"{when}.", bold_lead="Thời gian: "),
        Paragraph(f"{session.place}.", bold_lead="Địa điểm: ")])
    attendance = "" if session.attendance is None else f"{session.attendance} người"
    people = Section("II. THÀNH PHẦN THAM DỰ", [
        Paragraph(session.chair or "…", bold_lead="Chủ trì: "),
        Paragraph(session.secretary or "…", bold_lead="Thư ký: "),
        *_people("Đại diện người đứng đầu đơn vị", session.leadership_side),
        *_people("Đại diện Ban Chấp hành Công đoàn", session.union_side),
        *_people("Có mặt", session.present),
        *_people("Vắng mặt", session.absent),
        Paragraph(attendance or "…", bold_lead="Số viên chức, người lao động tham dự: ")])
    content = Section("III. NỘI DUNG ĐỐI THOẠI")
    if session.agenda.strip():
        content.blocks.append(Paragraph("", bold_lead="Chương trình:"))
        content.blocks += [Paragraph(line) for line in _lines(session.agenda)]
    for number, q in enumerate(session.questions.all(), start=1):
        asker = f" ({q.asked_by})" if q.asked_by else ""
        content.blocks.append(Paragraph(q.question + asker, bold_lead=f"Câu hỏi {number}: "))
        content.blocks.append(Paragraph(q.answer or "chưa có ý kiến trả lời tại hội nghị.",
                                        bold_lead="Trả lời: "))
    conclusion = Section("IV. KẾT QUẢ ĐỐI THOẠI", [
        *_people("Những nội dung đã thống nhất", session.agreed),
        *_people("Những nội dung còn ý kiến khác nhau", session.still_open)])
    rows = [[c.title, c.responsible, f"{c.due_on:%d/%m/%Y}"]
            for c in session.commitments.order_by("due_on", "pk")]
    commitments = Section("V. CAM KẾT VÀ THỜI HẠN THỰC HIỆN")
    if rows:
        commitments.blocks.append(Table(caption="Các cam kết tại buổi đối thoại",
                                        header=["Nội dung cam kết", "Người/đơn vị thực hiện",
                                                "Thời hạn"], rows=rows, numeric_from=3))
    else:
        commitments.blocks.append(Paragraph("Không có cam kết."))
    closing = Section("", [Paragraph(
        "Biên bản được lập xong và thông qua tại buổi đối thoại; các bên tham dự cùng ký "
        "xác nhận."), Paragraph(session.secretary or "…",
                                bold_lead="Thư ký (ký, ghi rõ họ tên): ")])
    return [opening, people, content, conclusion, commitments, closing]


def reportable(user) -> QuerySet[DialogueSession]:
    visible = cast(DialogueSessionQuerySet, DialogueSession.objects.visible_to(user))
    return (visible.held_before(timezone.now())
            .select_related("unit").order_by("-starts_at"))


def latest_held() -> DialogueSession | None:
    return (DialogueSession.objects.held_before(timezone.now()).exclude(chair="")
            .order_by("-starts_at").first())


def minutes_subject() -> DocumentSubject:
    """The subject, with the details the lead's extension takes once it has them."""
    details: dict[str, Any] = {
        "title": title, "document_name": "BIÊN BẢN", "symbol": "BB",
        "issuer": lambda session: session.unit, "numbered": False, "intro": intro,
        "signer": lambda session: ("", "CHỦ TRÌ", session.chair.split(" – ")[0])}
    known = {f.name for f in fields(DocumentSubject)}
    return DocumentSubject(KIND, reportable, minutes_sections, latest_held,
                           **{k: v for k, v in details.items() if k in known})
