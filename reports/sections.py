"""The body of a periodic report: the official outline, filled by the parts each app
registers (`portal.contributions.ReportPart`).

The outline follows the practice of Vietnamese union reports: situation; salient issues;
examples and new methods; petitions and proposals; what to watch next period. `reports`
owns the headings, the order and the words a section says when no app has anything for it;
the apps own their figures and the sentences about them."""

from __future__ import annotations

from dataclasses import dataclass

from portal.contributions import Frame, report_parts
from portal.models import Unit

from .content import Paragraph, Section
from .periods import Period


@dataclass(frozen=True)
class Slot:
    key: str
    heading: str
    when_empty: str = ""  # said when no part has anything for this period
    closing: str = ""  # said after the parts, always


OUTLINE = [
    Slot("situation", "I. TÌNH HÌNH CHUNG"),
    Slot("issues", "II. NHỮNG VẤN ĐỀ NỔI CỘM",
         when_empty="Trong kỳ, không ghi nhận vấn đề nổi cộm, bức xúc kéo dài hoặc lan rộng."),
    Slot("methods", "III. GƯƠNG ĐIỂN HÌNH, CÁCH LÀM MỚI"),
    Slot("proposals", "IV. KIẾN NGHỊ, ĐỀ XUẤT",
         when_empty="Trong kỳ không có kiến nghị, đề xuất mới."),
    Slot("outlook", "V. DỰ BÁO, NHỮNG VẤN ĐỀ CẦN QUAN TÂM KỲ TỚI",
         closing="Tiếp tục thực hiện Công văn 360/CĐ-ĐHQG: duy trì chế độ phản ánh dư luận "
                 "định kỳ, tập huấn cộng tác viên, tổ chức khảo sát các chủ trương, chính sách "
                 "mới và đối thoại trực tiếp với viên chức, người lao động."),
]


def frame_for(scope: Unit, period: Period) -> Frame:
    return Frame(scope, list(Unit.objects.active().filter(parent=scope).order_by("path")),
                 period)


def section(slot: Slot, frame: Frame) -> Section:
    blocks = [block for part in report_parts(slot.key) for block in part.build(frame)]
    if not blocks and slot.when_empty:
        blocks = [Paragraph(slot.when_empty)]
    if slot.closing:
        blocks.append(Paragraph(slot.closing))
    return Section(slot.heading, blocks)


def all_sections(*, scope: Unit, period: Period) -> list[Section]:
    frame = frame_for(scope, period)
    return [section(slot, frame) for slot in OUTLINE]
