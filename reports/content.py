"""What a report says, independent of its file format.

Builders assemble a `ReportDocument`; `render_pdf` and `render_docx` write the same document
as PDF and Word, so the two files always carry the same content."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from portal.documents import Block, Chart, Paragraph, Section, Table

__all__ = ["Block", "Chart", "Paragraph", "ReportDocument", "Section", "Table", "numbered"]


@dataclass
class ReportDocument:
    parent_organisation: str
    issuer: str
    number_label: str
    place: str
    issued_on: date
    doc_type: str  # "BÁO CÁO"
    subject: str  # trích yếu
    intro: str
    sections: list[Section]
    recipients: list[str]
    signer_capacity: str
    signer_title: str
    signer_name: str

    @property
    def date_line(self) -> str:
        # Decree 30/2020: days under 10 and months under 3 take a leading zero.
        d = self.issued_on
        month = f"{d.month:02d}" if d.month < 3 else str(d.month)
        return f"{self.place}, ngày {d.day:02d} tháng {month} năm {d.year}"


_NUMBERED = re.compile(r"^(Bảng|Biểu đồ)\s*(\d+\s*[.:])?\s*")


def _caption(kind: str, number: int, caption: str) -> str:
    text = _NUMBERED.sub("", caption)
    return f"{kind} {number}. {text[:1].upper()}{text[1:]}"


def numbered(sections: list[Section]) -> list[Section]:
    """Each chart's table kept once (with its chart, not again on its own), tables and
    charts numbered in the order they appear ("Bảng 1.", "Biểu đồ 1."...; a caption's own
    number, if a builder wrote one, is replaced), and each section's points numbered "1.",
    "2."... whichever app's part they come from."""
    charts = tables = 0
    for section in sections:
        owned = [block.table for block in section.blocks
                 if isinstance(block, Chart) and block.table is not None]
        blocks: list[Block] = []
        points = 0
        for block in section.blocks:
            if isinstance(block, Table) and block in owned:
                continue
            if isinstance(block, Paragraph) and block.point:
                points += 1
                block = replace(block, bold_lead=f"{points}. {block.bold_lead}", point=False)
            if isinstance(block, Chart):
                charts += 1
                table = block.table
                if table is not None:
                    tables += 1
                    table = replace(table, caption=_caption("Bảng", tables, table.caption))
                block = replace(block, caption=_caption("Biểu đồ", charts, block.caption),
                                table=table)
            elif isinstance(block, Table):
                tables += 1
                block = replace(block, caption=_caption("Bảng", tables, block.caption))
            blocks.append(block)
        section.blocks = blocks
    return sections
