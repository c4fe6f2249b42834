"""The roster as an Excel sheet: its columns, the export and the import template.

Export and import share one list of columns, so an exported sheet, edited in Excel, imports
back as updates. Headers are always Vietnamese (offices file these sheets); on import they
are recognised with or without diacritics and under the other names offices give them.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import TextChoices
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.spreadsheets import safe_cell
from portal.text import fold, nfc

from .models import Collaborator
from .synonyms import choice_key, synonym_lookup

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Column:
    key: str
    header: str | Promise
    aliases: tuple[str, ...] = ()  # other names, written without diacritics
    width: int = 16
    importable: bool = True
    choices: type[TextChoices] | None = None  # the names offices write: synonyms.SYNONYMS


C = Collaborator
COLUMNS: tuple[Column, ...] = (
    Column("unit_code", _("Unit code"), ("ma don vi", "ma dv", "don vi", "unit", "unit code"),
           width=12),
    Column("unit_name", _("Unit name"), ("ten don vi", "unit name"), width=36),
    Column("full_name", _("Full name"), ("ho va ten", "ho ten", "ho & ten", "full name", "name",
                                         "ten can bo", "ten ctv"), width=26),
    Column("network_role", _("Role in the network"),
           ("vai tro", "vai tro trong mang luoi", "role", "network role"), width=24,
           choices=C.NetworkRole),
    Column("gender", _("Gender"), ("gioi tinh", "gioi", "gender", "sex"), width=10,
           choices=C.Gender),
    Column("birth_year", _("Year of birth"),
           ("nam sinh", "ngay sinh", "ngay thang nam sinh", "year of birth", "birth year"),
           width=10),
    Column("position", _("Position"), ("chuc vu", "chuc danh", "position"), width=24),
    Column("group", _("Composition group"),
           ("nhom thanh phan", "thanh phan", "nhom", "group", "composition group"), width=22,
           choices=C.Group),
    Column("phone", _("Phone"), ("so dien thoai", "dien thoai", "sdt", "so dt", "dt", "phone",
                                 "di dong", "so di dong"), width=14),
    Column("email", _("Email"), ("email", "e-mail", "e mail", "thu dien tu", "dia chi email"),
           width=28),
    Column("decision_number", _("Decision number"),
           ("so quyet dinh", "so qd", "quyet dinh so", "quyet dinh"), width=16),
    Column("decision_date", _("Decision date"),
           ("ngay quyet dinh", "ngay qd", "ngay ky quyet dinh", "ngay ky"), width=14),
    Column("joined_on", _("In the network since"),
           ("ngay tham gia", "ngay bat dau", "tham gia tu", "tham gia tu ngay"), width=14),
    Column("status", _("Status"), ("trang thai", "status", "tinh trang"), width=16,
           choices=C.Status),
    Column("notes", _("Notes"), ("ghi chu", "notes", "note"), width=30),
    Column("last_trained", _("Last training"), ("lan tap huan gan nhat",), width=14,
           importable=False),
)
BY_KEY = {column.key: column for column in COLUMNS}
# Row-number columns offices add; recognised so that they are not reported as unknown.
# Also the reason column of a sheet of rejected rows, when it is uploaded again fixed.
IGNORED_HEADERS = {"stt", "tt", "so thu tu", "no", "#", "ly do chua nhap duoc",
                   "why it was not imported"}


def header_key(text: object) -> str:
    """"Số điện thoại (*)" -> "so dien thoai": no diacritics, no notes in brackets, no stars."""
    folded = fold(str(text or ""))
    folded = re.sub(r"\(.*?\)|\[.*?\]", " ", folded)
    return " ".join(folded.replace("*", " ").replace(":", " ").split())


def header_names(column: Column) -> set[str]:
    names = set(column.aliases)
    for language in ("vi", "en"):
        with translation.override(language):
            names.add(header_key(column.header))
    return names


def choice_lookup(column: Column) -> dict[str, str]:
    """Every way a sheet may write a choice (Vietnamese or English label, the code, the
    names offices write), by its `choice_key` -> the stored value."""
    assert column.choices is not None
    lookup = synonym_lookup(column.key)
    for value, label in column.choices.choices:
        lookup[choice_key(value)] = value
        for language in ("en", "vi"):
            with translation.override(language):
                lookup[choice_key(label)] = value
    return lookup


def vi_header(column: Column) -> str:
    with translation.override("vi"):
        return str(column.header)


def _label(choices: type[TextChoices], value: str) -> str:
    return str(choices(value).label) if value else ""


def _row(c: Collaborator) -> list:
    return [
        c.unit.code, c.unit.name, c.full_name, _label(C.NetworkRole, c.network_role),
        _label(C.Gender, c.gender), c.birth_year, c.position, _label(C.Group, c.group),
        c.phone, c.email, c.decision_number, c.decision_date, c.joined_on,
        _label(C.Status, c.status), c.notes, getattr(c, "last_trained_on", None),
    ]


def new_workbook(title: str, widths: Iterable[int]):
    """A write-only workbook of one sheet, its columns this wide, its header row frozen."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    return workbook, sheet


def row_cells(sheet, values: Iterable, *, header: bool = False) -> list:
    """One row of a write-only sheet. Every cell goes through `safe_cell`: a name or a note
    that starts with "=", "+", "-" or "@" is text, never a formula. Dates read dd/mm/yyyy;
    text cells are text (a phone keeps its leading 0)."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill

    cells = []
    for value in values:
        cell = WriteOnlyCell(sheet)
        safe_cell(cell, nfc(value))
        if header:
            cell.font = Font(bold=True, color="FFFFFF")
            cell.fill = PatternFill("solid", fgColor="1D4E89")
        elif isinstance(value, (date, datetime)):
            cell.number_format = "DD/MM/YYYY"
        elif isinstance(value, str):
            cell.number_format = "@"
        cells.append(cell)
    return cells


def to_bytes(workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def roster_workbook(collaborators: Iterable[Collaborator]) -> bytes:
    """The roster as .xlsx: Vietnamese headers, real dates (dd/mm/yyyy), text phones."""
    with translation.override("vi"):
        workbook, sheet = new_workbook(str(_("Collaborators")), (c.width for c in COLUMNS))
        sheet.append(row_cells(sheet, (vi_header(c) for c in COLUMNS), header=True))
        for collaborator in collaborators:
            sheet.append(row_cells(sheet, _row(collaborator)))
        return to_bytes(workbook)


def _write_row(sheet, number: int, values: Iterable) -> None:
    for index, value in enumerate(values, start=1):
        safe_cell(sheet.cell(row=number, column=index), value)


def template_workbook(example_unit_code: str = "") -> bytes:
    """An empty roster sheet with its headers, drop-down lists for the choices, and a second
    sheet explaining each column."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    with translation.override("vi"):
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = str(_("Collaborators"))
        importable = [c for c in COLUMNS if c.importable and c.key != "unit_name"]
        _write_row(sheet, 1, (vi_header(c) for c in importable))
        for index, column in enumerate(importable, start=1):
            letter = get_column_letter(index)
            sheet.column_dimensions[letter].width = column.width
            sheet.cell(row=1, column=index).font = Font(bold=True)
            if column.key == "phone":  # typed phones stay text, leading zero and all
                sheet.column_dimensions[letter].number_format = "@"
            if column.choices is not None:
                labels = ",".join(str(label) for _, label in column.choices.choices)
                check = DataValidation(type="list", formula1=f'"{labels}"', allow_blank=True)
                check.add(f"{letter}2:{letter}1001")
                sheet.add_data_validation(check)
        sheet.freeze_panes = "A2"
        guide = workbook.create_sheet(str(_("Instructions")))
        guide.column_dimensions["A"].width = 26
        guide.column_dimensions["B"].width = 90
        lines = [(_("Column"), _("What to write")),
                 *((vi_header(c), COLUMN_HELP.get(c.key, "")) for c in importable), ("", ""),
                 (pgettext_lazy("import guide", "Note"), _(
                     "One person per row. Only “Full name” and “Unit code” are required. A "
                     "person already in the roster (same email or phone) is updated; empty "
                     "cells leave their data unchanged. Nothing is saved until you confirm "
                     "the preview."))]
        if example_unit_code:
            lines.append((_("Your unit code"), example_unit_code))
        for number, (name, text) in enumerate(lines, start=1):
            _write_row(guide, number, (str(name) or None, str(text) or None))
        return to_bytes(workbook)


COLUMN_HELP = {
    "unit_code": _("The code of the unit (e.g. BK), or its full name."),
    "full_name": _("Family, middle and given names, e.g. Nguyễn Thị Minh Anh. Required."),
    "network_role": _("Opinion officer, Opinion collaborator, Reporter or Propagandist. "
                      "Empty: Opinion collaborator."),
    "gender": _("Nam, Nữ or Khác."),
    "birth_year": _("A year such as 1985 (a full date of birth also works)."),
    "position": _("Job title or union position."),
    "group": _("Leader or manager, Lecturer, Researcher, Administrative staff, Worker, "
               "Young staff or Other."),
    "phone": _("10 or 11 digits; spaces, dots and +84 are fine."),
    "email": _("Work email; used to recognise a person already in the roster."),
    "decision_number": _("Number of the appointment decision, e.g. 15/QĐ-CĐBK."),
    "decision_date": _("dd/mm/yyyy, or a date cell."),
    "joined_on": _("dd/mm/yyyy. Empty: today."),
    "status": _("Active, Paused or Ended. Empty: Active."),
    "notes": _("Anything else."),
}
