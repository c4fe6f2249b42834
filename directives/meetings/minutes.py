"""The minutes of a briefing meeting as an official document (BIÊN BẢN, Decree 30 layout):
the `DocumentSubject` "meeting_minutes" that `reports` lays out and renders. The sections
are written here with `portal.documents` blocks, in Vietnamese as the document is."""

from __future__ import annotations

import re
from typing import cast

from django.db.models import QuerySet
from django.utils import timezone

from portal.documents import Paragraph, Section, Table
from portal.markup import plain

from .models import Attendance, Meeting
from .querysets import MeetingQuerySet

_ITEM = re.compile(r"^\s*([-*+]|\d+[.)])\s+")


def minutes_paragraphs(text: str) -> list[str]:
    """The minutes' text as paragraphs: blank lines part them, and each list item is one."""
    paragraphs: list[list[str]] = []
    current: list[str] = []
    for line in (text or "").splitlines():
        if not line.strip():
            if current:
                paragraphs.append(current)
            current = []
        elif _ITEM.match(line):
            if current:
                paragraphs.append(current)
            current = [("– " + _ITEM.sub("", line))]
            paragraphs.append(current)
            current = []
        else:
            current.append(line)
    if current:
        paragraphs.append(current)
    found = []
    for lines in paragraphs:
        lead = "– " if lines[0].startswith("– ") else ""
        words = plain("\n".join(line.removeprefix("– ") for line in lines))
        if words:
            found.append(lead + words)
    return found


def meeting_title(meeting: Meeting) -> str:
    return f"Hội nghị giao ban dư luận xã hội – {meeting.title}"


def signer(meeting: Meeting) -> tuple[str, str, str]:
    """Who signs the minutes under them: the chair (the secretary signs beside, on paper)."""
    return ("", "CHỦ TRÌ", meeting.chair)


def minutes_sections(meeting: Meeting) -> list[Section]:
    start = timezone.localtime(meeting.starts_at)
    end = timezone.localtime(meeting.ends_at)
    rows = list(Attendance.objects.filter(meeting=meeting).listed())
    present = [a for a in rows if a.status == Attendance.Status.PRESENT]
    absent = [a for a in rows if a.status != Attendance.Status.PRESENT]
    opening = Section("I. THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN", [
        Paragraph(f"Vào lúc {start:%H} giờ {start:%M}, ngày {start:%d/%m/%Y}, tại {meeting.place}, "
                  f"{meeting.unit.name} tổ chức hội nghị giao ban dư luận xã hội "
                  f"({meeting.get_kind_display().lower()}"
                  + (f", với {meeting.get_group_display().lower()}" if meeting.group else "")
                  + ")."),
        Paragraph(meeting.chair, bold_lead="Chủ trì: "),
        Paragraph(meeting.secretary, bold_lead="Thư ký: "),
        Paragraph(f"có mặt {len(present)} người; vắng {len(absent)} người "
                  f"({sum(a.status == Attendance.Status.EXCUSED for a in absent)} có lý do).",
                  bold_lead="Thành phần: ")])
    if rows:
        opening.blocks.append(Table(
            caption="Danh sách thành phần tham dự", header=["Họ và tên", "Đơn vị, chức vụ",
                                                            "Tình trạng"],
            rows=[[a.name, (a.account.unit.code if a.account and a.account.unit else "")
                   or a.guest_title or "Khách mời",
                   a.get_status_display() + (f" ({a.reason})" if a.reason else "")]
                  for a in rows], numeric_from=3))
    agenda = Section("II. NỘI DUNG", [Paragraph(item.title, point=True)
                                      for item in meeting.agenda.all()])
    discussion = Section("III. DIỄN BIẾN VÀ KẾT LUẬN", [
        Paragraph(text) for text in minutes_paragraphs(meeting.minutes)]
        or [Paragraph("(Chưa ghi biên bản.)")])
    reports = list(meeting.opinion_reports.select_related("unit"))
    surveys = list(meeting.surveys.select_related("owner_unit"))
    if reports or surveys:
        discussion.blocks.append(Paragraph("Hội nghị đã xem xét các phiếu phản ánh dư luận và "
                                           "kết quả khảo sát sau:"))
        discussion.blocks += [Paragraph(f"– Phiếu phản ánh {r} ({r.unit.code}): "
                                        f"{plain(r.summary, limit=200)}") for r in reports]
        discussion.blocks += [Paragraph(f"– Khảo sát “{s.title}” ({s.owner_unit.code}).")
                              for s in surveys]
    actions = list(meeting.actions.select_related("owner").order_by("due_on", "pk"))
    follow = Section("IV. PHÂN CÔNG THỰC HIỆN", [Table(
        caption="Các việc cần thực hiện sau hội nghị",
        header=["Nội dung", "Người phụ trách", "Thời hạn"],
        rows=[[a.title, str(a.owner or ""), f"{a.due_on:%d/%m/%Y}"] for a in actions],
        numeric_from=3)] if actions else [Paragraph("Không có việc phân công.")])
    closing = Section("", [Paragraph(
        f"Hội nghị kết thúc vào lúc {end:%H} giờ {end:%M} cùng ngày. Biên bản đã được thông qua "
        "trước hội nghị.")])
    return [opening, agenda, discussion, follow, closing]


def reportable(user) -> QuerySet[Meeting]:
    """The meetings a person may print the minutes of: those they see, already held."""
    seen = cast(MeetingQuerySet, Meeting.objects.visible_to(user))
    return seen.past().select_related("unit").order_by("-starts_at")


def demo_meeting() -> Meeting | None:
    return Meeting.objects.past().exclude(minutes="").order_by("-starts_at").first()
