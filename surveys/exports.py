"""Every response as one row, for CSV and .xlsx, streamed batch by batch.

An anonymous survey's export keeps no response code and no day of answering (the answer
page promises that the time of answering is not kept: the export shows no more), and shows
each respondent's stored profile only as the survey's one suppression decision allows
(`surveys.suppression`): the unit as the smallest shown group of units it falls in, and
only the attribute columns whose every combination is shared by at least the survey's
minimum group size of responses (a blank cell means hidden; "Not given" means the person
never said). The same groups that the results page hides are hidden here.

Every text cell goes through `portal.spreadsheets` (`safe_text` in CSV, `safe_cell` in
.xlsx): an answer typed as "=..." is data, never a formula. The .xlsx opens as a sheet
ready for a report: widths, a frozen header row, filters, dates as dd/mm/yyyy, and two
summary sheets (per question; per unit, with the same hidden groups as the results page).
"""

from __future__ import annotations

import csv
import re
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from portal.models import Unit
from portal.spreadsheets import safe_cell, safe_text

from .models import Answer, Question, Respondent, Response, Survey
from .results import attribute_labels
from .suppression import ATTRIBUTES as KEPT
from .suppression import survey_decision, withheld

BATCH = 1000
ATTRIBUTES = ("unit_id", *KEPT)
NUMBER = re.compile(r"^-?\d+(,\d+)?$")


class Export:
    def __init__(self, survey: Survey, *, native: bool = False) -> None:
        """`native`: numbers and dates as such (for .xlsx), not as Vietnamese text."""
        self.survey, self.native = survey, native
        self.questions = list(Question.objects.filter(survey=survey).select_related("section")
                              .prefetch_related("choices")
                              .order_by("section__position", "section_id", "position", "id"))
        self.labels = {c.pk: c.label for q in self.questions for c in q.choices.all()}
        self.order = {pk: index for index, pk in enumerate(self.labels)}
        self.units = {u.pk: u.name for u in Unit.objects.filter(
            pk__in=Response.objects.filter(survey=survey).values("unit_id"))}
        self.attribute_labels = {name: attribute_labels(name) for name in KEPT}
        self.decision = survey_decision(survey) if survey.anonymous else None
        self.withheld = self.decision is not None and withheld(survey, self.decision.total)

    def header(self) -> list[str]:
        columns = [] if self.survey.anonymous else [_("Response code"), _("Day answered")]
        titles = {"staff_group": _("Staff group"), "gender": _("Gender"),
                  "age_band": _("Age band")}
        kept = self.decision.export_dimensions if self.decision is not None else KEPT
        columns += [_("Unit"), *(titles[name] for name in kept)]
        if not self.survey.anonymous:
            columns += [_("Full name"), _("Username")]
        for number, question in enumerate(self.questions, start=1):
            if question.kind == Question.Kind.MATRIX:
                columns += [f"{number}. {question.text} — {row.label}"
                            for row in question.choices.all()]
            else:
                columns.append(f"{number}. {question.text}")
        return columns

    def _profile(self, row: dict) -> list[str]:
        values = tuple(row[a] if a == "unit_id" else row[a] or "" for a in ATTRIBUTES)
        if self.decision is not None:
            return self.decision.export_profile(values)
        out = [self.units.get(values[0], _("No unit"))]
        out += [self.attribute_labels[name].get(value, value)
                for name, value in zip(KEPT, values[1:], strict=True)]
        return out

    def _cells(self, answers: list[tuple]) -> list[str]:
        by_question: dict[int, list[tuple]] = defaultdict(list)
        for answer in answers:
            by_question[answer[0]].append(answer)
        cells = []
        for question in self.questions:
            mine = by_question.get(question.pk, [])
            if question.kind == Question.Kind.MATRIX:
                values = {a[1]: a[2] for a in mine}
                cells += [self._cell(values.get(row.pk)) for row in question.choices.all()]
            elif question.is_choice:
                chosen = sorted((a for a in mine if a[1]), key=lambda a: self.order[a[1]])
                parts = [self.labels[a[1]] for a in chosen]
                parts += [_("Other: %(text)s") % {"text": a[5]} for a in mine if not a[1]]
                cells.append("; ".join(parts))
            else:
                cells.append(self._cell(next((v for a in mine for v in (a[2], a[3], a[4], a[5])
                                              if v not in (None, "")), None)))
        return cells

    def rows(self) -> Iterator[list[str]]:
        """One list of cells per response, reading the responses a batch at a time in the
        order of their random keys."""
        if self.withheld:
            return
        last = None
        responses = Response.objects.filter(survey=self.survey).order_by("id")
        while True:
            page = responses.filter(id__gt=last) if last else responses
            batch = list(page.values("id", "submitted_on", *ATTRIBUTES)[:BATCH])
            if not batch:
                return
            ids = [r["id"] for r in batch]
            answers: dict = defaultdict(list)
            for answer in Answer.objects.filter(response_id__in=ids).values_list(
                    "response_id", "question_id", "choice_id", "value", "number", "date",
                    "text"):
                answers[answer[0]].append(answer[1:])
            names = {}
            if not self.survey.anonymous:
                names = {r[0]: r[1:] for r in Respondent.objects.filter(
                    response_id__in=ids).values_list("response_id", "user__full_name",
                                                     "user__username")}
            for row in batch:
                cells = self._profile(row)
                if not self.survey.anonymous:
                    cells = [str(row["id"]), self._cell(row["submitted_on"]), *cells,
                             *names.get(row["id"], ("", ""))]
                yield cells + self._cells(answers[row["id"]])
            last = ids[-1]

    def _cell(self, value):
        if value is None:
            return ""
        if self.native:
            return float(value) if isinstance(value, Decimal) else value
        if isinstance(value, date):
            return date_format(value, "SHORT_DATE_FORMAT")
        if isinstance(value, Decimal):
            return format(value.normalize(), "f").replace(".", ",")
        return str(value)


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_stream(export: Export) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # so that Excel reads the file as UTF-8
    yield writer.writerow([safe_text(cell) for cell in export.header()])
    for row in export.rows():
        yield writer.writerow([cell if NUMBER.match(cell) else safe_text(cell)
                               for cell in row])


DATE_FORMAT = "DD/MM/YYYY"
HEADER_FONT = {"bold": True}


def _widths(header: list[str]) -> list[float]:
    """Column widths from the header (the rows stream: their widths are not known yet)."""
    return [min(max(len(text) * 0.9, 12), 48) for text in header]


def _sheet(workbook, title: str, header: list[str], widths: list[float] | None = None):
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(title)
    for index, width in enumerate(widths or _widths(header), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    cells = []
    for text in header:
        cell = _cell_for(sheet, text)
        cell.font = Font(**HEADER_FONT)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cells.append(cell)
    sheet.append(cells)
    return sheet


def _cell_for(sheet, value):
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet)
    safe_cell(cell, value)
    if isinstance(value, date):
        cell.number_format = DATE_FORMAT
    return cell


def _append(sheet, values: list) -> None:
    sheet.append([_cell_for(sheet, value) for value in values])


def _filter(sheet, columns: int, rows: int) -> None:
    from openpyxl.utils import get_column_letter

    sheet.auto_filter.ref = f"A1:{get_column_letter(max(columns, 1))}{max(rows, 1) + 1}"


def xlsx_file(export: Export):
    """A write-only workbook spooled to a temporary file: rows go to disk as they come.
    The answers first, then a summary per question and one per unit."""
    from openpyxl import Workbook

    from .selectors import survey_results

    workbook = Workbook(write_only=True)
    header = export.header()
    widths = _widths(header)
    widths[header.index(_("Unit"))] = 40  # unit names are long; the header is not
    sheet = _sheet(workbook, _("Responses"), header, widths)
    count = 0
    for row in export.rows():
        _append(sheet, row)
        count += 1
    _filter(sheet, len(header), count)
    results = survey_results(export.survey, dimension="unit", text_limit=0)
    _question_summary(workbook, results)
    _unit_summary(workbook, results)
    handle = tempfile.TemporaryFile(suffix=".xlsx")
    workbook.save(handle)
    handle.seek(0)
    return handle


def _question_summary(workbook, results) -> None:
    header = [_("Question"), _("Answer"), _("Answers"), "%"]
    sheet = _sheet(workbook, _("Per question"), header, [48, 40, 12, 12])
    count = 0
    for q in results.questions:
        title = f"{q.number}. {q.text}"
        tallies = q.choices or q.distribution
        for tally in tallies:
            _append(sheet, [title, tally.label, tally.count, tally.percent])
            count += 1
        for row in q.rows:
            _append(sheet, [title, row.label, row.answered, row.mean])
            count += 1
        if not tallies and not q.rows:
            _append(sheet, [title, _("people answered"), q.answered, None])
            count += 1
    _filter(sheet, len(header), count)


def _unit_summary(workbook, results) -> None:
    """Per question and unit: the shown groups' figures; a hidden group says so, with no
    figure (the same decision as the results page)."""
    header = [_("Question"), _("Unit"), _("Answers"), _("Column"), _("Figure")]
    sheet = _sheet(workbook, _("Per unit"), header, [48, 40, 12, 30, 12])
    count = 0
    for q in results.questions:
        if q.breakdown is None:
            continue
        title = f"{q.number}. {q.text}"
        for cell in q.breakdown.cells:
            if cell.suppressed:
                _append(sheet, [title, cell.group.label, None, _("hidden (small group)"), None])
                count += 1
                continue
            figures = cell.percents or cell.row_means or [cell.mean]
            columns = ([f"{c} (%)" for c in q.breakdown.columns] if cell.percents
                       else q.breakdown.columns)
            for column, figure in zip(columns, figures, strict=False):
                _append(sheet, [title, cell.group.label, cell.answered, column, figure])
                count += 1
    _filter(sheet, len(header), count)
