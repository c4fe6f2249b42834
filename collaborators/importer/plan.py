"""Checking every row of a sheet and deciding what the import would do, without writing:
who is created, who is updated (matched by email or phone, or by name in the unit when a row
has neither), and every problem by row and column. Two queries for the units, then one per
LOOKUP_CHUNK distinct emails (phones, units) of the sheet: never one per row."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.models import Unit, User
from portal.text import fold, nfc

from ..excel import BY_KEY, COLUMNS, Column, choice_lookup, vi_header
from ..models import Collaborator
from ..normalise import clean_text, normalise_phone, parse_date, parse_year
from ..synonyms import choice_key, examples
from .sheet import ImportFileError, Sheet, letter, read_sheet

LOOKUP_CHUNK = 500  # values per IN (...) list: far below SQLite's and PostgreSQL's limits
# Fields a row can set, in the order the preview lists changes.
ROW_FIELDS = ("unit", "full_name", "network_role", "gender", "birth_year", "position", "group",
              "phone", "email", "decision_number", "decision_date", "joined_on", "status",
              "notes")
TEXT_LIMITS = {"full_name": 150, "position": 150, "decision_number": 50, "notes": 2000}


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
    sheet: Sheet | None = None  # what was read, for the sheet of rejected rows

    @property
    def ok(self) -> bool:
        return not self.file_error and not self.errors

    @property
    def valid_rows(self) -> int:
        return len(self.to_create) + len(self.to_update)

    @property
    def can_import_valid(self) -> bool:
        """Some rows are wrong, others would change the roster: those can go in now."""
        return not self.file_error and bool(self.errors) and bool(self.valid_rows)

    def rejected(self) -> list[tuple[tuple, list[CellError]]]:
        """The cells of each refused row as the sheet wrote them, with its problems."""
        if self.sheet is None:
            return []
        by_row: dict[int, list[CellError]] = defaultdict(list)
        for error in self.errors:
            by_row[error.row].append(error)
        return [(cells, by_row[number]) for number, cells in self.sheet.rows
                if number in by_row]

    @property
    def can_confirm(self) -> bool:
        return self.ok and bool(self.to_create or self.to_update)

    @property
    def error_rows(self) -> int:
        return len({e.row for e in self.errors})


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
        value = lookups[key].get(choice_key(text))
        if value is None:
            raise ValueError(_refused_choice(column, text))
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
    text = nfc(str(raw if raw is not None else "")).strip() if key == "notes" \
        else clean_text(raw)
    limit = TEXT_LIMITS.get(key)
    if limit and len(text) > limit:
        raise ValueError(_("At most %(n)s characters (this has %(m)s).")
                         % {"n": limit, "m": len(text)})
    return text


def _refused_choice(column: Column, text: str) -> str:
    assert column.choices is not None
    allowed = "; ".join(f"“{label}”" for _value, label in column.choices.choices)
    usual = ", ".join(f"“{name}”" for name in examples(column.key))
    return _("“%(value)s” is not accepted in this column. Write one of: %(allowed)s (the "
             "usual names such as %(usual)s work too; case and diacritics do not matter).") % {
        "value": text, "allowed": allowed, "usual": usual}


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
                plan.errors.append(CellError(number, letter(index), vi_header(column),
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
                name, header = _required_column(sheet, key)
                plan.errors.append(CellError(number, name, header, _("This cell is required.")))
                row_ok = False
        if row_ok:
            planned.append(PlannedRow(number, values))
    return planned


def _column_of(sheet: Sheet, key: str) -> str:
    return next((letter(i) for i, c in sheet.columns.items() if c.key == key), "")


def _required_column(sheet: Sheet, key: str) -> tuple[str, str]:
    for column_key in (("unit_code", "unit_name") if key == "unit" else (key,)):
        name = _column_of(sheet, column_key)
        if name:
            return name, vi_header(BY_KEY[column_key])
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
    plan.sheet = sheet
    if not sheet.rows:
        plan.file_error = _("The sheet has a header row but no data rows below it.")
        return plan
    units = UnitDirectory(user)
    rows = _check_rows(sheet, units, plan)
    _same_person_in_file(sheet, rows, plan)
    _match(sheet, rows, units, plan)
    plan.errors.sort(key=lambda e: (e.row, e.column))
    return plan
