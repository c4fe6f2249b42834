"""A ReportDocument as a PDF in the official layout (Decree 30/2020, Appendix I)."""

from __future__ import annotations

from pathlib import Path

from django.template.loader import render_to_string

from .content import ReportDocument

FONTS = Path(__file__).resolve().parent / "fonts"


def render_html(doc: ReportDocument) -> str:
    return render_to_string("reports/document.html", {"doc": doc, "fonts": FONTS.as_uri()})


def render_pdf(doc: ReportDocument) -> tuple[bytes, int]:
    """The PDF bytes and the page count. Fonts are the shipped Liberation Serif files, so
    the output does not depend on what the machine has installed."""
    from weasyprint import HTML

    rendered = HTML(string=render_html(doc), base_url=str(FONTS)).render()
    return rendered.write_pdf(), len(rendered.pages)
