"""Cells that a spreadsheet program reads as data, never as a formula.

Excel, LibreOffice and Google Sheets evaluate a cell that starts with `=`, `+`, `-` or `@`
(and, in some versions, a tab or carriage return followed by one) when a CSV is opened or an
.xlsx string cell is retyped. A name or an answer that someone typed must not run: a CSV
export writes every text through `safe_text()`, an .xlsx export sets every cell with
`safe_cell()`."""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def is_risky(text: str) -> bool:
    return isinstance(text, str) and text.startswith(FORMULA_STARTS)


def safe_text(value):
    """Strings that a spreadsheet would take for a formula get a leading apostrophe, which
    Excel and LibreOffice show as nothing and read as "this is text"; other values pass."""
    if is_risky(value):
        return "'" + value
    return value


def safe_cell(cell, value) -> None:
    """Set an openpyxl cell: a string is stored as a string cell, exactly as typed (openpyxl
    would otherwise store "=..." as a formula), with Excel's "quote prefix" so that editing
    the cell keeps it text; other values are stored as they are."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if is_risky(value):
            cell.quotePrefix = True
