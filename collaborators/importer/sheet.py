"""Reading a roster sheet: find the header row (with or without diacritics, under the
names offices give the columns), map the columns, and keep the non-blank rows with their
Excel row numbers."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from django.utils.translation import gettext as _

from ..excel import BY_KEY, COLUMNS, IGNORED_HEADERS, Column, header_key, header_names, vi_header
from ..normalise import clean_text
from .limits import (
    MAX_COLUMNS,
    ImportFileError,
    check_archive,
    damaged,
    max_rows,
    row_limit,
    too_many_rows,
)

HEADER_SEARCH_ROWS = 15

__all__ = ["HEADER_SEARCH_ROWS", "ImportFileError", "Sheet", "check_workbook", "letter",
           "max_rows", "read_sheet"]


def check_workbook(fileobj: IO[bytes]) -> None:
    """Refuse, before reading it, a file that is not an .xlsx or would unpack too big."""
    head = fileobj.read(4)
    fileobj.seek(0)
    if head != b"PK\x03\x04":
        if head.startswith(b"\xd0\xcf\x11\xe0"):
            raise ImportFileError(_("This is an old Excel file (.xls). Open it in Excel and "
                                    "save it as “Excel Workbook (.xlsx)”, then upload that."))
        raise ImportFileError(_("This is not an Excel file (.xlsx). Download the template, "
                                "fill it in and upload it."))
    check_archive(fileobj)


def _open_rows(fileobj: IO[bytes]) -> Iterator[tuple]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    check_workbook(fileobj)
    limit = row_limit(HEADER_SEARCH_ROWS)
    try:
        workbook = load_workbook(fileobj, read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        if (sheet.max_row or 0) > limit:  # as the sheet declares itself, before reading it
            raise too_many_rows()
        # Bounded both ways: the reader pads every row to the widest cell and fills the gaps
        # between row numbers with empty rows, however few cells the file really holds.
        width = min(sheet.max_column or MAX_COLUMNS, MAX_COLUMNS)
        yield from sheet.iter_rows(values_only=True, max_col=width, max_row=limit + 1)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError,
            TypeError, IndexError, EOFError) as exc:
        raise damaged() from exc


def _is_blank(values: Iterable[Any]) -> bool:
    return all(value is None or clean_text(value) == "" for value in values)


def letter(index: int) -> str:
    """The Excel name of a 0-based column: 0 -> "A"."""
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


@dataclass
class Sheet:
    header_row: int
    columns: dict[int, Column]  # 0-based position -> column
    ignored: list[str]
    rows: list[tuple[int, tuple]]  # (Excel row number, cells)
    header: tuple = ()  # the header row's cells, as written


def read_sheet(fileobj: IO[bytes]) -> Sheet:
    names = {name: column for column in COLUMNS for name in header_names(column)}
    rows = _open_rows(fileobj)
    header: tuple | None = None
    header_row = 0
    for number, cells in enumerate(rows, start=1):
        recognised = sum(1 for cell in cells if header_key(cell) in names)
        if recognised >= 2:
            header, header_row = cells, number
            break
        if number >= HEADER_SEARCH_ROWS:
            break
    if header is None:
        raise ImportFileError(_(
            "No header row found in the first %(n)s rows of the first sheet: it should name "
            "the columns, e.g. “Họ và tên”, “Mã đơn vị”, “Email”. Download the template to "
            "see them all.") % {"n": HEADER_SEARCH_ROWS})
    columns: dict[int, Column] = {}
    seen: dict[str, int] = {}
    ignored = []
    for index, cell in enumerate(header):
        key = header_key(cell)
        if not key or key in IGNORED_HEADERS:
            continue
        column = names.get(key)
        if column is None or not column.importable:
            if column is None:
                ignored.append(clean_text(cell))
            continue
        if column.key in seen:
            raise ImportFileError(_(
                "Columns %(a)s and %(b)s are both “%(name)s”; keep one of them.")
                % {"a": letter(seen[column.key]), "b": letter(index),
                   "name": vi_header(column)})
        seen[column.key] = index
        columns[index] = column
    missing = [vi_header(BY_KEY[k]) for k in ("full_name",) if k not in seen]
    if "unit_code" not in seen and "unit_name" not in seen:
        missing.append(vi_header(BY_KEY["unit_code"]))
    if missing:
        raise ImportFileError(_(
            "The sheet has no column %(names)s (header row %(row)s). Add it, or download the "
            "template.") % {"names": ", ".join(f"“{m}”" for m in missing), "row": header_row})
    data = []
    limit = row_limit(HEADER_SEARCH_ROWS)
    for number, cells in enumerate(rows, start=header_row + 1):
        if number > limit:
            raise too_many_rows()
        if _is_blank(cells):
            continue
        if len(data) >= max_rows():
            raise too_many_rows()
        data.append((number, cells))
    return Sheet(header_row, columns, ignored, data, tuple(header))
