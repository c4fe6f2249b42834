"""The progress matrix as an .xlsx workbook: one row per unit, one column per task, the
status written out in each cell (every cell through portal.spreadsheets); the last row
counts what is done per task."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from collaborators.excel import new_workbook, row_cells, to_bytes

from .models import Directive
from .selectors import Matrix


def matrix_workbook(directive: Directive, matrix: Matrix) -> bytes:
    with translation.override("vi"):
        title = directive.number.replace("/", "-")[:31]  # a sheet name takes no "/"
        workbook, sheet = new_workbook(title,
                                       [12, 40, *([18] * len(matrix.tasks)), 12])
        sheet.append(row_cells(sheet, [
            _("Code"), _("Unit"), *(_("Task %(n)s") % {"n": t.number} for t in matrix.tasks),
            pgettext("matrix", "Done")], header=True))
        for row in matrix.rows:
            sheet.append(row_cells(sheet, [
                row.unit.code, row.unit.name, *(c.label if c else "" for c in row.cells),
                f"{row.done}/{row.total}"]))
        sheet.append(row_cells(sheet, [
            "", pgettext("matrix", "Done"), *(f"{d}/{t}" for d, t in zip(matrix.done_by_task,
                                                        matrix.total_by_task, strict=True)),
            ""]))
        return to_bytes(workbook)
