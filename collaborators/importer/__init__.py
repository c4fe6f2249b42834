"""Roster import from .xlsx: read, check every row, plan, and only then write.

`plan_roster_import` reads the whole sheet and decides, row by row, what would be created,
updated or refused (and why, by row and column, in Vietnamese) without writing anything.
`roster_import_preview` keeps the file for the preview page; `roster_import_confirm`
plans it again (the roster may have changed since) and writes everything in one
transaction, or nothing; or, if the officer chooses, writes the rows that pass and keeps
the others as a sheet to fix (`rejected_workbook`, with a reason per row). Reads are a
bounded number of queries and the writes are bulk operations, so a 5,000-row sheet costs
tens of queries, not thousands. `limits` refuses oversized workbooks before reading them.
"""

from .plan import CellError, ImportPlan, PlannedRow, plan_roster_import
from .rejected import rejected_workbook
from .sheet import ImportFileError, read_sheet
from .write import ImportRejected, roster_import_confirm, roster_import_plan, roster_import_preview

__all__ = [
    "CellError", "ImportFileError", "ImportPlan", "ImportRejected", "PlannedRow",
    "plan_roster_import", "read_sheet", "roster_import_confirm", "roster_import_plan",
    "roster_import_preview", "rejected_workbook",
]
