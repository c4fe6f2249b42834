"""What a report says, independent of its file format.

Builders assemble a `ReportDocument`; `render_pdf` and `render_docx` write the same document
as PDF and Word, so the two files always carry the same content."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date


@dataclass(frozen=True)
class Paragraph:
    text: str
    bold_lead: str = ""  # a run in bold before the text ("Kiến nghị: ...")


@dataclass(frozen=True)
class Table:
    caption: str
    header: list[str]
    rows: list[list[str]]
    numeric_from: int = 1  # columns from this index are right-aligned figures
    weak_cells: frozenset[tuple[int, int]] = frozenset()  # (row, column) drawn as weak

    def styled_rows(self) -> list[list[tuple[str, bool, bool]]]:
        """Each cell as (text, is_number, is_weak), for the renderers."""
        return [
            [(cell, c >= self.numeric_from, (r, c) in self.weak_cells)
             for c, cell in enumerate(row)]
            for r, row in enumerate(self.rows)
        ]


@dataclass(frozen=True)
class Chart:
    caption: str
    svg: str
    # The same figures as a table: printed under the chart in the PDF, and in its place in
    # the Word file (which cannot draw it), once in each.
    table: Table | None = None


Block = Paragraph | Table | Chart


@dataclass
class Section:
    heading: str
    blocks: list[Block] = field(default_factory=list)


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
    """Each chart's table kept once (with its chart, not again on its own), and tables and
    charts numbered in the order they appear: "Bảng 1.", "Biểu đồ 1."... A caption's own
    number, if a builder wrote one, is replaced."""
    charts = tables = 0
    for section in sections:
        owned = [block.table for block in section.blocks
                 if isinstance(block, Chart) and block.table is not None]
        blocks: list[Block] = []
        for block in section.blocks:
            if isinstance(block, Table) and block in owned:
                continue
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
