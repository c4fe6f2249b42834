"""The blocks an official document is made of, independent of its file format.

Apps build them for the parts of a report they contribute (`portal.contributions`);
`reports` arranges them in the official outline and writes the same blocks as PDF and Word,
so the two files always carry the same content."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Paragraph:
    text: str
    bold_lead: str = ""  # a run in bold before the text ("Kiến nghị: ...")
    # A numbered point of its section: the report numbers these leads "1.", "2."... in the
    # order the parts of every app put them.
    point: bool = False


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
