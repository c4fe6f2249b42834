"""The same ReportDocument as an editable Word file, laid out like the PDF."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import _Cell

from .content import Chart, Paragraph, ReportDocument, Table

FONT = "Times New Roman"  # Liberation Serif is metric-compatible; Word machines have this


def _line(cell_or_doc, text: str, *, bold=False, italic=False, size=13, underline=False,
          align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0):
    first = cell_or_doc.paragraphs[0] if isinstance(cell_or_doc, _Cell) else None
    # A new cell has one empty paragraph: write into it rather than under a blank line.
    paragraph = first if first is not None and not first.text else cell_or_doc.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(space_after)
    run = paragraph.add_run(text)
    run.bold, run.italic, run.underline = bold, italic, underline
    run.font.size = Pt(size)
    return paragraph


def _no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _data_table(document, table: Table) -> None:
    _line(document, table.caption, italic=True, size=11.5)
    grid = document.add_table(rows=1, cols=len(table.header))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, title in zip(grid.rows[0].cells, table.header, strict=True):
        cell.text = ""
        _line(cell, title, bold=True, size=11)
    for row in table.styled_rows():
        cells = grid.add_row().cells
        for cell, (text, number, weak) in zip(cells, row, strict=True):
            cell.text = ""
            _line(cell, text, bold=weak, size=11,
                  align=WD_ALIGN_PARAGRAPH.RIGHT if number else WD_ALIGN_PARAGRAPH.LEFT)
    document.add_paragraph()


def render_docx(doc: ReportDocument) -> bytes:
    document = Document()
    style = document.styles["Normal"]
    style.font.name = FONT
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    style.font.size = Pt(13)
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)

    header = document.add_table(rows=1, cols=2)
    _no_borders(header)
    left, right = header.rows[0].cells
    left.width, right.width = Cm(6.5), Cm(9.5)
    left.text = right.text = ""
    _line(left, doc.parent_organisation.upper(), size=12.5)
    _line(left, doc.issuer.upper(), bold=True, size=12.5)
    _line(left, "———", size=8)
    _line(left, f"Số: {doc.number_label}", size=13)
    _line(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=12)
    _line(right, "Độc lập - Tự do - Hạnh phúc", bold=True, underline=True, size=13)
    _line(right, doc.date_line, italic=True, size=13)

    _line(document, "")
    _line(document, doc.doc_type, bold=True, size=14)
    _line(document, doc.subject, bold=True, size=14, space_after=12)

    def body(text: str, lead: str = "") -> None:
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.paragraph_format.first_line_indent = Cm(1.27)
        paragraph.paragraph_format.space_after = Pt(6)
        if lead:
            paragraph.add_run(lead + " ").bold = True
        paragraph.add_run(text)

    if doc.intro:
        body(doc.intro)
    for part in doc.sections:
        heading = document.add_paragraph()
        heading.paragraph_format.first_line_indent = Cm(1.27)
        heading.add_run(part.heading).bold = True
        for block in part.blocks:
            if isinstance(block, Paragraph):
                body(block.text, block.bold_lead)
            elif isinstance(block, Table):
                _data_table(document, block)
            elif isinstance(block, Chart) and block.table is not None:
                _data_table(document, block.table)  # Word cannot draw the chart: its figures

    closing = document.add_table(rows=1, cols=2)
    _no_borders(closing)
    recipients, signature = closing.rows[0].cells
    recipients.text = signature.text = ""
    _line(recipients, "Nơi nhận:", bold=True, italic=True, size=12,
          align=WD_ALIGN_PARAGRAPH.LEFT)
    for i, line in enumerate(doc.recipients):
        end = "." if i == len(doc.recipients) - 1 else ";"
        _line(recipients, f"- {line}{end}", size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    _line(signature, doc.signer_capacity, bold=True)
    _line(signature, doc.signer_title, bold=True)
    for _ in range(4):
        _line(signature, "")
    _line(signature, doc.signer_name, bold=True)

    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
