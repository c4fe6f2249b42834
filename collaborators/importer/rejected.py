"""The rows an import refused, as a sheet to fix and upload again: the uploaded columns as
they were written (dates stay dates), plus a last column saying why each row was refused.
Its header row is the upload's, so the fixed sheet imports like the original; the reason
column is ignored on the way back in."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _

from ..excel import new_workbook, row_cells, to_bytes
from .plan import CellError, ImportPlan

REASON_WIDTH = 70


def reason(row: int, errors: list[CellError]) -> str:
    problems = "; ".join(f"{e.column} ({e.header}): {e.message}" if e.column else e.message
                         for e in errors)
    return _("Row %(row)s of the uploaded file: %(problems)s") % {"row": row,
                                                                  "problems": problems}


def _width(header: tuple, rows: list[tuple]) -> int:
    """Columns up to the last one with a header or a value (the rest is Excel's padding)."""
    width = 0
    for cells in (header, *rows):
        filled = [i for i, value in enumerate(cells) if value not in (None, "")]
        width = max(width, filled[-1] + 1 if filled else 0)
    return width


def rejected_workbook(plan: ImportPlan) -> bytes:
    """The refused rows of `plan`, with their reasons, as .xlsx (in Vietnamese)."""
    rejected = plan.rejected()
    header = plan.sheet.header if plan.sheet is not None else ()
    width = _width(header, [cells for cells, _errors in rejected])

    def padded(cells: tuple) -> list:
        return [*cells[:width], *[None] * (width - len(cells[:width]))]

    with translation.override("vi"):
        workbook, sheet = new_workbook(str(_("Rows to fix")), [18] * width + [REASON_WIDTH])
        sheet.append(row_cells(sheet, [*padded(header), _("Why it was not imported")],
                               header=True))
        for cells, errors in rejected:
            sheet.append(row_cells(sheet, [*padded(cells), reason(errors[0].row, errors)]))
        return to_bytes(workbook)
