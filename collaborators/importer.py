"""Roster import from .xlsx: read, check every row, plan, and only then write.

`plan_roster_import` reads the whole sheet and decides, row by row, what would be created,
updated or refused (and why, by row and column, in Vietnamese) without writing anything.
`roster_import_preview` keeps the file for the preview page; `roster_import_confirm`
plans it again (the roster may have changed since) and writes everything in one
transaction, or nothing. Reads are a bounded number of queries and the writes are bulk
operations, so a 5,000-row sheet costs a handful of queries, not thousands.
"""

from __future__ import annotations

import zipfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.models import Unit, User
from portal.text import fold

from .excel import (
    BY_KEY,
    COLUMNS,
    IGNORED_HEADERS,
    Column,
    choice_lookup,
    header_key,
    header_names,
    vi_header,
)
from .models import Collaborator, ImportBatch
from .normalise import clean_text, normalise_phone, parse_date, parse_year

LOOKUP_CHUNK = 500  # values per IN (...) list: far below SQLite's and PostgreSQL's limits
HEADER_SEARCH_ROWS = 15
# Fields a row can set, in the order the preview lists changes.
ROW_FIELDS = ("unit", "full_name", "network_role", "gender", "birth_year", "position", "group",
              "phone", "email", "decision_number", "decision_date", "joined_on", "status",
              "notes")
TEXT_LIMITS = {"full_name": 150, "position": 150, "decision_number": 50, "notes": 2000}


def max_rows() -> int:
    return getattr(settings, "COLLABORATORS_IMPORT_MAX_ROWS", 10000)


def max_bytes() -> int:
    return getattr(settings, "COLLABORATORS_IMPORT_MAX_MB", 10) * 1024 * 1024


class ImportFileError(Exception):
    """The file as a whole cannot be read (not .xlsx, damaged, no header, missing columns)."""


@dataclass(frozen=True)
class CellError:
    row: int
    column: str  # the Excel column letter, "" when the problem is the whole row
    header: str
    message: str


@dataclass
class PlannedRow:
    row: int
    values: dict[str, Any]
    existing: Collaborator | None = None
    changes: list[tuple[str, str, str]] = field(default_factory=list)  # label, old, new
    matched_by: str = ""


@dataclass
class ImportPlan:
    rows_read: int = 0
    to_create: list[PlannedRow] = field(default_factory=list)
    to_update: list[PlannedRow] = field(default_factory=list)
    unchanged: list[PlannedRow] = field(default_factory=list)
    errors: list[CellError] = field(default_factory=list)
    file_error: str = ""
    ignored_headers: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.file_error and not self.errors

    @property
    def can_confirm(self) -> bool:
        return self.ok and bool(self.to_create or self.to_update)

    @property
    def error_rows(self) -> int:
        return len({e.row for e in self.errors})


# --- reading the sheet -----------------------------------------------------------------


def _open_rows(fileobj: IO[bytes]) -> Iterator[tuple]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    head = fileobj.read(4)
    fileobj.seek(0)
    if head != b"PK\x03\x04":
        if head.startswith(b"\xd0\xcf\x11\xe0"):
            raise ImportFileError(_("This is an old Excel file (.xls). Open it in Excel and "
                                    "save it as “Excel Workbook (.xlsx)”, then upload that."))
        raise ImportFileError(_("This is not an Excel file (.xlsx). Download the template, "
                                "fill it in and upload it."))
    try:
        workbook = load_workbook(fileobj, read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        yield from sheet.iter_rows(values_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError,
            TypeError, IndexError, EOFError) as exc:
        raise ImportFileError(_("The file is damaged or is not an Excel workbook; open it in "
                                "Excel, save it again as .xlsx and upload it.")) from exc


def _is_blank(values: Iterable[Any]) -> bool:
    return all(value is None or clean_text(value) == "" for value in values)


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


@dataclass
class Sheet:
    header_row: int
    columns: dict[int, Column]  # 0-based position -> column
    ignored: list[str]
    rows: list[tuple[int, tuple]]  # (Excel row number, cells)


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
                % {"a": _letter(seen[column.key]), "b": _letter(index),
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
    for number, cells in enumerate(rows, start=header_row + 1):
        if _is_blank(cells):
            continue
        data.append((number, cells))
        if len(data) > max_rows():
            raise ImportFileError(_("The sheet has more than %(n)s rows; split it into several "
                                    "files.") % {"n": max_rows()})
    return Sheet(header_row, columns, ignored, data)


# --- checking each row -----------------------------------------------------------------


class UnitDirectory:
    """Units by code or name (without diacritics), and which of them the user may change."""

    def __init__(self, user: User):
        self.by_name: dict[str, Unit] = {}
        for unit in Unit.objects.only("id", "code", "name", "path"):
            self.by_name.setdefault(fold(unit.code), unit)
            self.by_name.setdefault(fold(unit.name), unit)
        self.changeable = set(Unit.objects.changeable_by(user).values_list("id", flat=True))

    def find(self, text: str) -> Unit | None:
        return self.by_name.get(fold(text))


def _parse_cell(column: Column, raw: Any, units: UnitDirectory,
                lookups: dict[str, dict[str, str]]) -> Any:
    key = column.key
    if key in ("unit_code", "unit_name"):
        text = clean_text(raw)
        if not text:
            return None
        unit = units.find(text)
        if unit is None:
            raise ValueError(_("Unknown unit “%(unit)s”; write its code (e.g. BK) as in the "
                               "list of units.") % {"unit": text})
        if unit.pk not in units.changeable:
            raise ValueError(_("You do not manage the unit “%(unit)s”.") % {"unit": unit.name})
        return unit
    if column.choices is not None:
        text = clean_text(raw)
        if not text:
            return None
        value = lookups[key].get(header_key(text))
        if value is None:
            allowed = ", ".join(str(label) for _, label in column.choices.choices)
            raise ValueError(_("“%(value)s” is not one of: %(allowed)s.")
                             % {"value": text, "allowed": allowed})
        return value
    if key == "birth_year":
        return parse_year(raw)
    if key in ("decision_date", "joined_on"):
        day = parse_date(raw)
        if day and not date(1975, 1, 1) <= day <= timezone.localdate():
            raise ValueError(_("The date %(date)s is not plausible (before 1975 or in the "
                               "future).") % {"date": day.strftime("%d/%m/%Y")})
        return day
    if key == "phone":
        return normalise_phone(raw)
    if key == "email":
        text = clean_text(raw).lower()
        if text.startswith("mailto:"):
            text = text[7:]
        if text:
            try:
                validate_email(text)
            except ValidationError:
                raise ValueError(_("“%(value)s” is not a valid email address.")
                                 % {"value": text}) from None
        return text
    if isinstance(raw, float) and raw.is_integer():  # a number typed in a text column
        raw = int(raw)
    text = str(raw if raw is not None else "").strip() if key == "notes" else clean_text(raw)
    limit = TEXT_LIMITS.get(key)
    if limit and len(text) > limit:
        raise ValueError(_("At most %(n)s characters (this has %(m)s).")
                         % {"n": limit, "m": len(text)})
    return text


def _check_rows(sheet: Sheet, units: UnitDirectory, plan: ImportPlan) -> list[PlannedRow]:
    lookups = {c.key: choice_lookup(c) for c in COLUMNS if c.choices is not None}
    planned = []
    for number, cells in sheet.rows:
        values: dict[str, Any] = {}
        row_ok = True
        for index, column in sheet.columns.items():
            raw = cells[index] if index < len(cells) else None
            try:
                value = _parse_cell(column, raw, units, lookups)
            except ValueError as exc:
                plan.errors.append(CellError(number, _letter(index), vi_header(column),
                                             str(exc)))
                row_ok = False
                continue
            if column.key in ("unit_code", "unit_name"):
                if value is not None:
                    values.setdefault("unit", value)  # the code wins over the name
            elif value not in (None, ""):
                values[column.key] = value
        for key in ("full_name", "unit"):
            if row_ok and key not in values:
                letter, header = _required_column(sheet, key)
                plan.errors.append(CellError(number, letter, header, _("This cell is required.")))
                row_ok = False
        if row_ok:
            planned.append(PlannedRow(number, values))
    return planned


def _column_of(sheet: Sheet, key: str) -> str:
    return next((_letter(i) for i, c in sheet.columns.items() if c.key == key), "")


def _required_column(sheet: Sheet, key: str) -> tuple[str, str]:
    for column_key in (("unit_code", "unit_name") if key == "unit" else (key,)):
        letter = _column_of(sheet, column_key)
        if letter:
            return letter, vi_header(BY_KEY[column_key])
    raise AssertionError("read_sheet() refuses sheets without the required columns")


def _same_person_in_file(sheet: Sheet, rows: list[PlannedRow], plan: ImportPlan) -> None:
    """Two rows with the same email or phone (or, without either, the same name in the same
    unit) are one person written twice."""
    first: dict[tuple, int] = {}
    for row in rows:
        keys = [("email", row.values.get("email")), ("phone", row.values.get("phone"))]
        if not row.values.get("email") and not row.values.get("phone"):
            keys = [("full_name", (row.values["unit"].pk, fold(row.values["full_name"])))]
        for key, value in keys:
            if not value:
                continue
            if (key, value) in first:
                plan.errors.append(CellError(
                    row.row, _column_of(sheet, key), vi_header(BY_KEY[key]),
                    _("The same person as row %(row)s (same %(what)s); keep one row.")
                    % {"row": first[(key, value)], "what": vi_header(BY_KEY[key]).lower()}))
                row.values["_duplicate"] = True
            else:
                first[(key, value)] = row.row


def _chunks(values: Iterable, size: int = LOOKUP_CHUNK) -> Iterator[list]:
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start:start + size]


def _existing(rows: list[PlannedRow]) -> tuple[dict, dict, dict]:
    """People already in the roster with the sheet's emails and phones, and (for rows with
    neither) the same name in the same unit: a few queries, however long the sheet."""
    emails = {r.values["email"] for r in rows if r.values.get("email")}
    phones = {r.values["phone"] for r in rows if r.values.get("phone")}
    bare_units = {r.values["unit"].pk for r in rows
                  if not r.values.get("email") and not r.values.get("phone")}
    base = Collaborator.objects.select_related("unit")
    by_email: dict[str, Collaborator] = {}
    by_phone: dict[str, Collaborator] = {}
    by_name: dict[tuple, list[Collaborator]] = defaultdict(list)
    for chunk in _chunks(emails):
        for c in base.annotate(email_lower=Lower("email")).filter(email_lower__in=chunk):
            by_email[c.email.lower()] = c
    for chunk in _chunks(phones):
        for c in base.filter(phone__in=chunk):
            by_phone[c.phone] = c
    for chunk in _chunks(bare_units):
        for c in base.filter(unit_id__in=chunk, email="", phone=""):
            by_name[(c.unit_id, fold(c.full_name))].append(c)
    return by_email, by_phone, by_name


def _display(key: str, value: Any) -> str:
    if value in (None, ""):
        return ""
    if key == "unit":
        return value.code
    column = BY_KEY.get(key)
    if column is not None and column.choices is not None:
        return str(column.choices(value).label)
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def _label(key: str) -> str:
    return vi_header(BY_KEY["unit_code" if key == "unit" else key])


def _match(sheet: Sheet, rows: list[PlannedRow], units: UnitDirectory,
           plan: ImportPlan) -> None:
    by_email, by_phone, by_name = _existing(rows)
    changeable = units.changeable
    claimed: dict[int, int] = {}  # existing collaborator id -> sheet row
    for row in rows:
        if row.values.pop("_duplicate", False):
            continue
        email, phone = row.values.get("email"), row.values.get("phone")
        found_email = by_email.get(email) if email else None
        found_phone = by_phone.get(phone) if phone else None
        if found_email and found_phone and found_email.pk != found_phone.pk:
            plan.errors.append(CellError(row.row, _column_of(sheet, "phone"), _label("phone"), _(
                "The email belongs to %(a)s (%(ua)s) but the phone to %(b)s (%(ub)s) in the "
                "roster; correct one of them.") % {
                "a": found_email.full_name, "ua": found_email.unit.code,
                "b": found_phone.full_name, "ub": found_phone.unit.code}))
            continue
        existing, matched_by = (found_email, "email") if found_email else (found_phone, "phone")
        if existing is None and not email and not phone:
            same = by_name.get((row.values["unit"].pk, fold(row.values["full_name"])), [])
            if len(same) == 1:
                existing, matched_by = same[0], "full_name"
        if existing is None:
            plan.to_create.append(row)
            continue
        if existing.unit_id not in changeable:
            plan.errors.append(CellError(
                row.row, _column_of(sheet, matched_by), _label(matched_by),
                _("%(name)s is already in the roster of %(unit)s, which you do not manage.")
                % {"name": existing.full_name, "unit": existing.unit.name}))
            continue
        if existing.pk in claimed:
            plan.errors.append(CellError(
                row.row, _column_of(sheet, matched_by), _label(matched_by),
                _("The same person as row %(row)s (same %(what)s); keep one row.")
                % {"row": claimed[existing.pk], "what": _label(matched_by).lower()}))
            continue
        claimed[existing.pk] = row.row
        row.existing, row.matched_by = existing, matched_by
        for key in ROW_FIELDS:
            if key in row.values and row.values[key] != getattr(existing, key):
                row.changes.append((_label(key), _display(key, getattr(existing, key)),
                                    _display(key, row.values[key])))
        (plan.to_update if row.changes else plan.unchanged).append(row)


def plan_roster_import(*, fileobj: IO[bytes], user: User) -> ImportPlan:
    """Everything the import would do, and every reason it cannot, without writing."""
    plan = ImportPlan()
    try:
        sheet = read_sheet(fileobj)
    except ImportFileError as exc:
        plan.file_error = str(exc)
        return plan
    plan.rows_read = len(sheet.rows)
    plan.ignored_headers = sheet.ignored
    if not sheet.rows:
        plan.file_error = _("The sheet has a header row but no data rows below it.")
        return plan
    units = UnitDirectory(user)
    rows = _check_rows(sheet, units, plan)
    _same_person_in_file(sheet, rows, plan)
    _match(sheet, rows, units, plan)
    plan.errors.sort(key=lambda e: (e.row, e.column))
    return plan


# --- writing -----------------------------------------------------------------------------


class ImportRejected(Exception):
    def __init__(self, plan: ImportPlan):
        super().__init__(plan.file_error or f"{len(plan.errors)} errors")
        self.plan = plan


def _apply(plan: ImportPlan, by: User, reason: str) -> None:
    from simple_history.utils import bulk_create_with_history, bulk_update_with_history

    today, now = timezone.localdate(), timezone.now()
    new = []
    for row in plan.to_create:
        collaborator = Collaborator(**{"joined_on": today, "status_since": today, **row.values})
        collaborator.refresh_derived()
        # Everything was checked per row and across the sheet; the per-object uniqueness and
        # foreign-key queries of a full_clean() are what bulk writing exists to avoid.
        collaborator.full_clean(exclude=["unit", "account"], validate_unique=False,
                                validate_constraints=False)
        new.append(collaborator)
    changed_fields: set[str] = {"search_text", "sort_given", "sort_rest", "updated_at"}
    updated = []
    for row in plan.to_update:
        collaborator = row.existing
        assert collaborator is not None
        status_before = collaborator.status
        for key, value in row.values.items():
            setattr(collaborator, key, value)
            changed_fields.add(key)
        if collaborator.status != status_before and "status_since" not in row.values:
            collaborator.status_since = today
            changed_fields.add("status_since")
        collaborator.updated_at = now
        collaborator.refresh_derived()
        collaborator.full_clean(exclude=["unit", "account"], validate_unique=False,
                                validate_constraints=False)
        updated.append(collaborator)
    bulk_create_with_history(new, Collaborator, batch_size=LOOKUP_CHUNK, default_user=by,
                             default_change_reason=reason)
    if updated:
        bulk_update_with_history(updated, Collaborator, sorted(changed_fields),
                                 batch_size=LOOKUP_CHUNK, default_user=by,
                                 default_change_reason=reason)


@transaction.atomic
def roster_import_preview(*, upload: UploadedFile, by: User) -> ImportBatch:
    """Keep the uploaded sheet (privately) for its preview; drop this person's earlier,
    never-confirmed uploads."""
    if upload.size is not None and upload.size > max_bytes():
        raise ImportFileError(_("The file is larger than %(n)s MB.")
                              % {"n": max_bytes() // (1024 * 1024)})
    for stale in ImportBatch.objects.filter(created_by=by, status=ImportBatch.Status.PREVIEWED):
        stale.file.delete(save=False)
        stale.delete()
    batch = ImportBatch(created_by=by, file_name=(upload.name or "")[-200:])
    batch.file.save("roster.xlsx", upload, save=False)
    batch.save()
    return batch


def roster_import_plan(batch: ImportBatch, by: User) -> ImportPlan:
    if not batch.file:
        return ImportPlan(file_error=_("This file has already been imported."))
    with batch.file.open("rb") as handle:
        return plan_roster_import(fileobj=handle, user=by)


def roster_import_confirm(*, batch: ImportBatch, by: User) -> ImportBatch:
    """Check the kept sheet again and write all of it in one transaction, or nothing
    (raising ImportRejected with the new plan). Confirming twice imports once."""
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk, created_by=by)
        if batch.status == ImportBatch.Status.APPLIED:
            return batch
        plan = roster_import_plan(batch, by)
        if not plan.can_confirm:
            raise ImportRejected(plan)
        try:
            with transaction.atomic():
                _apply(plan, by, _("Imported from %(file)s") % {"file": batch.file_name})
        except IntegrityError:
            # Someone saved the same email or phone between our check and our write.
            plan.file_error = _("The roster changed while you were importing; upload the file "
                                "again to see the new preview.")
            raise ImportRejected(plan) from None
        batch.status = ImportBatch.Status.APPLIED
        batch.applied_at = timezone.now()
        batch.created_count, batch.updated_count = len(plan.to_create), len(plan.to_update)
        # The sheet holds people's phones and emails: once applied, only the counts are kept.
        stored, storage = batch.file.name, batch.file.storage
        batch.file = ""
        batch.save()
        transaction.on_commit(lambda: storage.delete(stored))
    return batch
