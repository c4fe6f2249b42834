"""Every response as one row, for CSV and .xlsx, streamed batch by batch.

For an anonymous survey the respondent's unit, staff group, gender and age band are
released only where they cannot single anyone out: every combination that appears in the
file is shared by at least the survey's minimum group size of responses. A response in a
smaller combination loses its age band, then its gender, then its staff group, then its
unit, until the combination it shows is shared widely enough (a blank cell means hidden;
"Not given" means the person never said). The combinations are counted in SQL first."""

from __future__ import annotations

import csv
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from decimal import Decimal

from django.db.models import Count
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from portal.models import Unit

from .models import Answer, Question, Respondent, Response, Survey
from .results import attribute_labels

BATCH = 1000
ATTRIBUTES = ("unit_id", "staff_group", "gender", "age_band")
HIDDEN = None

Profile = tuple


def release_map(counts: dict[Profile, int], minimum: int) -> dict[Profile, Profile]:
    """For each (unit, staff group, gender, age band) combination, what the export shows:
    itself if at least `minimum` responses share it, otherwise the shortest generalisation
    (attributes hidden from the right) that the pending responses share with at least
    `minimum` others. What is still too rare at the end is hidden entirely."""
    released: dict[Profile, Profile] = {}
    pending = {}
    for profile, n in counts.items():
        if n >= minimum:
            released[profile] = profile
        else:
            pending[profile] = n
    width = len(ATTRIBUTES)
    for keep in range(width - 1, 0, -1):
        if not pending:
            break
        merged: dict[Profile, int] = defaultdict(int)
        for profile, n in pending.items():
            merged[profile[:keep]] += n
        still = {}
        for profile, n in pending.items():
            if merged[profile[:keep]] >= minimum:
                released[profile] = profile[:keep] + (HIDDEN,) * (width - keep)
            else:
                still[profile] = n
        pending = still
    for profile in pending:
        released[profile] = (HIDDEN,) * width
    return released


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
        self.attribute_labels = {name: attribute_labels(name)
                                 for name in ("staff_group", "gender", "age_band")}
        self.release = None
        if survey.anonymous:
            counts = (Response.objects.filter(survey=survey).values(*ATTRIBUTES)
                      .annotate(n=Count("id")).order_by())
            self.release = release_map({tuple(r[a] for a in ATTRIBUTES): r["n"]
                                        for r in counts}, survey.min_group_size)

    def header(self) -> list[str]:
        columns = [_("Response code"), _("Day answered"), _("Unit"), _("Staff group"),
                   _("Gender"), _("Age band")]
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
        values = tuple(row[a] for a in ATTRIBUTES)
        shown = self.release.get(values, values) if self.release is not None else values
        out = []
        for name, value in zip(ATTRIBUTES, shown, strict=True):
            if value is HIDDEN and self.release is not None:
                out.append("")
            elif name == "unit_id":
                out.append(self.units.get(value, _("No unit")))
            else:
                out.append(self.attribute_labels[name.removesuffix("_id")].get(value or "",
                                                                             value or ""))
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
                cells = [str(row["id"]), self._cell(row["submitted_on"]),
                         *self._profile(row)]
                if not self.survey.anonymous:
                    cells += list(names.get(row["id"], ("", "")))
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
    yield writer.writerow(export.header())
    for row in export.rows():
        yield writer.writerow(row)


def xlsx_file(export: Export):
    """A write-only workbook spooled to a temporary file: rows go to disk as they come."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Responses"))
    sheet.append(export.header())
    for row in export.rows():
        sheet.append(row)
    handle = tempfile.TemporaryFile(suffix=".xlsx")
    workbook.save(handle)
    handle.seek(0)
    return handle
