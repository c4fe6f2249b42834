"""A ReportDocument as a PDF in the official layout (Decree 30/2020, Appendix I)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from django.template.loader import render_to_string

from portal import charts

from .content import Chart, ReportDocument

FONTS = Path(__file__).resolve().parent / "fonts"


def _in_document_font(doc: ReportDocument) -> ReportDocument:
    """Charts name a sans-serif for screens; on paper they use the document's serif, so the
    PDF embeds one family (the SVG renderer does not take the page's CSS)."""
    for section in doc.sections:
        section.blocks = [
            replace(block, svg=block.svg.replace(charts.FONT, 'font-family="Portal Serif"'))
            if isinstance(block, Chart) else block
            for block in section.blocks
        ]
    return doc


def render_html(doc: ReportDocument) -> str:
    return render_to_string("reports/document.html",
                            {"doc": _in_document_font(doc), "fonts": FONTS.as_uri()})


def render_pdf(doc: ReportDocument) -> tuple[bytes, int]:
    """The PDF bytes and the page count. Fonts are the shipped Liberation Serif files, so
    the output does not depend on what the machine has installed."""
    from weasyprint import HTML

    rendered = HTML(string=render_html(doc), base_url=str(FONTS)).render()
    return rendered.write_pdf(), len(rendered.pages)
