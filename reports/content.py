"""What a report says, independent of its file format.

Builders assemble a `ReportDocument`; `render_pdf` and `render_docx` write the same document
as PDF and Word, so the two files always carry the same content."""

from __future__ import annotations

from dataclasses import dataclass, field
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
    # The same figures as a table, for the Word file and for readers who need text.
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
