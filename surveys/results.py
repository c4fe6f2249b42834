"""Survey results, computed in SQL with a number of queries that does not grow with the
number of responses (nor with the number of questions).

Arithmetic rules, tested on hand-checked data in tests/surveys/test_results.py:
- a choice's percentage is of the respondents who answered that question, and a
  multiple-choice answer counts once for every option chosen (so they may sum past 100%);
- a scale's mean is over the people who answered it; a matrix has one mean per row;
- a breakdown cell (a group of respondents by unit, staff group, gender or age band) with
  fewer answers than the survey's minimum group size is hidden; when that would leave a
  single hidden cell, whose figures could be recovered from the total, the next smallest
  cell is hidden too. The result says how many cells it hid and why.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import (
    Avg,
    Case,
    Count,
    F,
    IntegerField,
    Max,
    Min,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.functions import Cast, Floor, Least, RowNumber, Substr, TruncMonth
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal import charts
from portal.models import PATH_STEP, Unit, User
from portal.numbers import format_figure, percent, rounded

from .models import AgeBand, Answer, Invitation, Question, Response, Survey
from .models.questionnaire import LIKERT_LABELS
from .suppression import Decision, survey_decision, withheld

DIMENSIONS = {
    "unit": gettext_lazy("Unit"),
    "staff_group": gettext_lazy("Staff group"),
    "gender": gettext_lazy("Gender"),
    "age_band": gettext_lazy("Age band"),
}
NUMBER_BINS = 10
CHART_WIDTH = 480  # narrow enough that labels stay legible when a phone shrinks the chart
NO_UNIT = "\0none"
OUTSIDE = "\0outside"


def _percent(part: int, whole: int) -> float:
    """The portal's one rounding rule (half up), as a float for charts and templates."""
    value = percent(part, whole)
    return float(value) if value is not None else 0.0


def _decimal(value, places: int | None = None) -> float | None:
    """A figure as a float for templates and charts; means rounded by the portal's rule, so
    that a table and its chart read the same."""
    if value is None:
        return None
    return float(rounded(value, places)) if places is not None else float(value)


# --- groups (the rows of a breakdown) ------------------------------------------------


@dataclass(frozen=True)
class Group:
    key: str
    label: str
    unit: Unit | None = None


def attribute_labels(dimension: str) -> dict[str, str]:
    not_given = _("Not given")
    if dimension == "staff_group":
        return {**{k: str(v) for k, v in User.StaffGroup.choices}, "": not_given}
    if dimension == "gender":
        return {**{k: str(v) for k, v in User.Gender.choices}, "": not_given}
    if dimension == "age_band":
        return {k: str(v) for k, v in AgeBand.choices}
    raise ValueError(dimension)


def group_expression(dimension: str, root: Unit | None, unit_field: str = "unit",
                     prefix: str = ""):
    """SQL for the group a row falls in: a unit one level below `root` (or `root` itself
    for its direct members), or the value of a snapshot attribute."""
    if dimension == "unit":
        assert root is not None
        return Substr(F(f"{prefix}{unit_field}__path"), 1, len(root.path) + PATH_STEP)
    return F(f"{prefix}{dimension}")


def resolve_groups(dimension: str, root: Unit | None, keys: Iterable[str | None]) -> dict:
    """Map SQL group keys to `Group`s, in one query for units."""
    keys = set(keys)
    if dimension != "unit":
        labels = attribute_labels(dimension)
        return {k: Group(k or "", labels.get(k or "", k or "")) for k in keys}
    assert root is not None
    units = {u.path: u for u in Unit.objects.filter(path__in=[k for k in keys if k])}
    groups = {}
    for key in keys:
        unit = units.get(key) if key else None
        if key is None:
            groups[key] = Group(NO_UNIT, _("No unit"))
        elif unit is None or not key.startswith(root.path):
            groups[key] = Group(OUTSIDE, _("Other units"))
        elif unit.pk == root.pk:
            groups[key] = Group(key, _("%(unit)s (direct members)") % {"unit": unit.name}, unit)
        else:
            groups[key] = Group(key, unit.name, unit)
    return groups


def _group_order(dimension: str, group: Group) -> tuple:
    if dimension == "unit":
        return (group.key in (NO_UNIT, OUTSIDE), group.key)
    order = list(attribute_labels(dimension))
    return (order.index(group.key) if group.key in order else len(order), group.key)


# --- result shapes ---------------------------------------------------------------------


@dataclass
class Tally:
    label: str
    count: int
    percent: float


@dataclass
class RowResult:
    """One row of a matrix question."""

    label: str
    answered: int
    mean: float | None
    distribution: list[Tally]


@dataclass
class Cell:
    group: Group
    answered: int
    suppressed: bool = False
    percents: list[float] = field(default_factory=list)  # per choice, choice questions
    mean: float | None = None  # scales and numbers
    row_means: list[float | None] = field(default_factory=list)  # matrix rows


@dataclass
class Breakdown:
    dimension: str
    columns: list[str]
    cells: list[Cell]
    suppressed: int
    minimum: int
    # Some shown group had fewer than `minimum` people answering this very question (it
    # was optional, or asked only after some answers): no group is shown for it.
    sparse: bool = False

    @property
    def note(self) -> str:
        if self.sparse:
            return _("No breakdown for this question: in some groups fewer than %(min)d people "
                     "answered it.") % {"min": self.minimum}
        if not self.suppressed:
            return ""
        return _("%(n)d group(s) hidden: fewer than %(min)d answers, or enough to work out a "
                 "hidden group from the total.") % {"n": self.suppressed, "min": self.minimum}


@dataclass
class QuestionResult:
    id: int
    number: int
    kind: str
    kind_label: str
    text: str
    section: str
    answered: int
    choices: list[Tally] = field(default_factory=list)
    rows: list[RowResult] = field(default_factory=list)
    distribution: list[Tally] = field(default_factory=list)
    mean: float | None = None
    minimum: float | date | None = None
    maximum: float | date | None = None
    texts: list[str] = field(default_factory=list)
    text_total: int = 0
    breakdown: Breakdown | None = None
    published: bool = False

    @property
    def chart(self) -> SafeString | str:
        title = f"{self.number}. {self.text}"
        if self.choices:
            return charts.bar_chart([(c.label, c.percent) for c in self.choices], title=title,
                                    suffix="%", decimals=1, max_value=100, width=CHART_WIDTH)
        if self.rows:
            return charts.bar_chart([(r.label, r.mean or 0) for r in self.rows], title=title,
                                    decimals=2, max_value=5, width=CHART_WIDTH)
        if self.distribution:
            return charts.column_chart(
                [c.label for c in self.distribution],
                [charts.Series(_("Answers"), [c.count for c in self.distribution])],
                title=title, height=200, width=CHART_WIDTH)
        return ""


@dataclass
class SurveyResults:
    survey: Survey
    responses: int
    questions: list[QuestionResult]
    dimension: str | None
    root: Unit | None
    # An anonymous survey shows no figure at all while it runs, nor with fewer responses
    # than its minimum group size (everyone together is then a group too small to show).
    withheld: bool = False

    @property
    def until_closed(self) -> bool:
        from .suppression import until_closed

        return until_closed(self.survey)

    def question(self, question_id: int) -> QuestionResult | None:
        return next((q for q in self.questions if q.id == question_id), None)


# --- computing ---------------------------------------------------------------------------


def _bins(lo: Decimal, hi: Decimal, integral: bool) -> tuple[Decimal, int]:
    """Bin width and count for a number question's distribution. Whole numbers (years,
    people) get whole bins that share no end point: 0–3, 4–7, ..."""
    if integral:
        values = int(hi - lo) + 1
        width = -(-values // NUMBER_BINS)
        return Decimal(width), -(-values // width)
    span = hi - lo
    if span == 0:
        return Decimal(1), 1
    return span / NUMBER_BINS, NUMBER_BINS


def _bin_label(lo: Decimal, width: Decimal, index: int, count: int, integral: bool) -> str:
    start = lo + width * index
    if integral:
        if width == 1:
            return format_figure(start, 0)
        return f"{format_figure(start, 0)}–{format_figure(start + width - 1, 0)}"
    places = 1 if width >= 1 else 2
    end = start + width
    if index == count - 1:  # the last bin holds its end point (the largest answer)
        return f"{format_figure(start, places)}–{format_figure(end, places)}"
    return _("%(start)s to under %(end)s") % {"start": format_figure(start, places),
                                              "end": format_figure(end, places)}


def compute(survey: Survey, *, questions: list[Question] | None = None,
            dimension: str | None = None, root: Unit | None = None,
            text_limit: int = 20, total: int | None = None,
            decision: Decision | None = None) -> SurveyResults:
    """Every figure of a survey in a fixed number of queries (see the module docstring).

    One pass over the answers groups them by (question, choice, value): it gives choice
    counts, scale distributions, number and date ranges, text counts, and (counting the
    rows that lead each person's answer to a question) how many people answered."""
    if questions is None:
        questions = list(Question.objects.filter(survey=survey).select_related("section")
                         .prefetch_related("choices")
                         .order_by("section__position", "section_id", "position", "id"))
    ids = [q.pk for q in questions]
    kinds = {q.pk: q.kind for q in questions}
    answers = Answer.objects.filter(question_id__in=ids)
    if total is None:
        total = Response.objects.filter(survey=survey).count()
    if withheld(survey, total):
        return SurveyResults(survey, total, [], dimension, root, withheld=True)

    answered: dict[int, int] = defaultdict(int)
    choice_counts: dict[tuple[int, int | None], int] = defaultdict(int)
    value_counts: dict[tuple[int, int | None, int], int] = {}
    stats: dict[tuple[int, int | None], dict] = {}
    text_totals: dict[int, int] = defaultdict(int)
    for row in (answers.values("question_id", "choice_id", "value").order_by()
                .annotate(n=Count("pk"), mean_number=Avg("number"), lo=Min("number"),
                          fractional=Count("pk", filter=~Q(number=Floor(F("number")))),
                          hi=Max("number"), first=Min("date"), last=Max("date"),
                          texts=Count("pk", filter=Q(choice__isnull=True) & ~Q(text="")),
                          leads=Count("pk", filter=Q(lead=True)))):
        qid, cid, value, n = row["question_id"], row["choice_id"], row["value"], row["n"]
        answered[qid] += row["leads"]
        choice_counts[(qid, cid)] += n
        text_totals[qid] += row["texts"]
        if value is not None:
            value_counts[(qid, cid, value)] = n
        elif row["lo"] is not None or row["first"] is not None:
            stats[(qid, cid)] = row
    number_bins = _number_distribution(answers, stats, kinds)
    months = _date_distribution(answers, kinds)
    texts = _texts(answers, kinds, text_limit) if text_limit > 0 else {}
    breakdowns = (_breakdowns(survey, answers, questions, dimension, root,
                              decision or survey_decision(survey)) if dimension else {})

    results = []
    for number, question in enumerate(questions, start=1):
        qid = question.pk
        n = answered.get(qid, 0)
        result = QuestionResult(
            id=qid, number=number, kind=question.kind, kind_label=question.get_kind_display(),
            text=question.text, section=question.section.title, answered=n,
            texts=texts.get(qid, []), text_total=text_totals.get(qid, 0),
            breakdown=breakdowns.get(qid), published=question.publish_result)
        if question.is_choice:
            for choice in question.choices.all():
                count = choice_counts.get((qid, choice.pk), 0)
                result.choices.append(Tally(choice.label, count, _percent(count, n)))
            if question.has_other:
                count = choice_counts.get((qid, None), 0)
                result.choices.append(Tally(_("Other"), count, _percent(count, n)))
        elif question.kind == Question.Kind.MATRIX:
            for row in question.choices.all():
                counts = [value_counts.get((qid, row.pk, p), 0) for p in question.scale_range]
                row_n = sum(counts)
                result.rows.append(RowResult(
                    row.label, row_n, _mean(question.scale_range, counts),
                    [Tally(str(p), c, _percent(c, row_n))
                     for p, c in zip(question.scale_range, counts, strict=True)]))
        elif question.is_scale:
            counts = [value_counts.get((qid, None, p), 0) for p in question.scale_range]
            result.mean = _mean(question.scale_range, counts)
            labels = LIKERT_LABELS if question.kind == Question.Kind.LIKERT else {}
            result.distribution = [
                Tally(f"{p}" if not labels else f"{p}. {labels[p]}", c, _percent(c, n))
                for p, c in zip(question.scale_range, counts, strict=True)]
        elif question.kind == Question.Kind.NUMBER:
            own = stats.get((qid, None))
            if own:
                result.mean = _decimal(own["mean_number"], 2)
                result.minimum, result.maximum = _decimal(own["lo"]), _decimal(own["hi"])
                result.distribution = [Tally(label, c, _percent(c, n))
                                       for label, c in number_bins.get(qid, [])]
        elif question.kind == Question.Kind.DATE:
            own = stats.get((qid, None))
            if own:
                result.minimum, result.maximum = own["first"], own["last"]
            result.distribution = [Tally(label, c, _percent(c, n))
                                   for label, c in months.get(qid, [])]
        results.append(result)
    return SurveyResults(survey, total, results, dimension, root)


def _mean(points: range, counts: list[int]) -> float | None:
    """The mean of a scale from its distribution (counted in SQL): exact, no second pass."""
    people = sum(counts)
    total = sum(p * c for p, c in zip(points, counts, strict=True))
    return float(rounded(Decimal(total) / people, 2)) if people else None


def _number_distribution(answers: QuerySet, stats: dict, kinds: dict) -> dict:
    """Counts per bin of each number question, in one query (bins from the known range)."""
    ranges = {}
    for (qid, _choice), row in stats.items():
        if kinds.get(qid) == Question.Kind.NUMBER and row["lo"] is not None:
            lo, hi = Decimal(row["lo"]), Decimal(row["hi"])
            integral = not row["fractional"]
            width, count = _bins(lo, hi, integral)
            ranges[qid] = (lo, width, count, integral)
    if not ranges:
        return {}
    whens = [When(question_id=qid, then=Least(
        Cast(Floor((F("number") - Value(lo)) / Value(width)), IntegerField()),
        Value(count - 1))) for qid, (lo, width, count, _whole) in ranges.items()]
    rows = (answers.filter(question_id__in=list(ranges), number__isnull=False)
            .annotate(bin=Case(*whens, output_field=IntegerField()))
            .values("question_id", "bin").annotate(n=Count("id")))
    counts = {(r["question_id"], r["bin"]): r["n"] for r in rows}
    return {qid: [(_bin_label(lo, width, i, count, whole), counts.get((qid, i), 0))
                  for i in range(count)] for qid, (lo, width, count, whole) in ranges.items()}


def _date_distribution(answers: QuerySet, kinds: dict) -> dict:
    ids = [qid for qid, kind in kinds.items() if kind == Question.Kind.DATE]
    if not ids:
        return {}
    out: dict[int, list] = defaultdict(list)
    rows = (answers.filter(question_id__in=ids, date__isnull=False)
            .annotate(month=TruncMonth("date")).values("question_id", "month")
            .annotate(n=Count("id")).order_by("question_id", "month"))
    for row in rows:
        out[row["question_id"]].append((row["month"].strftime("%m/%Y"), row["n"]))
    return out


def _texts(answers: QuerySet, kinds: dict, limit: int) -> dict[int, list[str]]:
    """Up to `limit` free-text answers per question (and "other" texts of choice questions)
    in one query. Ordered by the answers' random keys: no order of arrival shows through."""
    ids = [qid for qid, kind in kinds.items()
           if kind in Question.TEXT_KINDS or kind in Question.CHOICE_KINDS]
    if not ids:
        return {}
    rows = (answers.filter(question_id__in=ids, choice__isnull=True).exclude(text="")
            .annotate(rank=Window(RowNumber(), partition_by=[F("question_id")],
                                  order_by=F("id").asc()))
            .filter(rank__lte=limit).values_list("question_id", "text"))
    out: dict[int, list[str]] = defaultdict(list)
    for qid, text in rows:
        out[qid].append(text)
    return out


def _breakdowns(survey: Survey, answers: QuerySet, questions: list[Question], dimension: str,
                root: Unit | None, decision: Decision) -> dict[int, Breakdown]:
    """Per group: people, choice counts and means in one pass over the answers joined to
    their responses' stored profile (grouped by plain unit id or value; the rows of the view
    and which of them are shown come from the survey's one suppression decision)."""
    group = F("response__unit_id") if dimension == "unit" else F(f"response__{dimension}")
    counts: dict[tuple, int] = defaultdict(int)
    sums: dict[tuple, Decimal] = defaultdict(Decimal)
    answered: dict[int, dict] = defaultdict(lambda: defaultdict(int))
    relevant = [q.pk for q in questions if not (q.is_text or q.kind == Question.Kind.DATE)]
    for r in (answers.filter(question_id__in=relevant).annotate(g=group).order_by()
              .values("question_id", "g", "choice_id")
              .annotate(n=Count("pk"), sum_value=Sum("value"), sum_number=Sum("number"),
                        leads=Count("pk", filter=Q(lead=True)))):
        g = r["g"] if dimension == "unit" else (r["g"] or "")
        key = (r["question_id"], g, r["choice_id"])
        counts[key] += r["n"]
        total = r["sum_value"] if r["sum_value"] is not None else r["sum_number"]
        sums[key] += Decimal(total or 0)
        if r["leads"]:
            answered[r["question_id"]][g] += r["leads"]
    rows = decision.rows(dimension, root)
    units = ({u.pk: u for u in Unit.objects.filter(pk__in=[r.unit_id for r in rows
                                                           if r.unit_id])}
             if dimension == "unit" else {})
    out = {}
    for question in questions:
        if question.pk not in relevant:
            continue
        qid = question.pk
        choices = list(question.choices.all())
        columns = [c.label for c in choices]
        if question.is_choice and question.has_other:
            columns.append(_("Other"))
        elif question.is_scale or question.kind == Question.Kind.NUMBER:
            columns = [_("Mean")]
        cells = []
        for row in rows:
            cell = Cell(Group(row.key, row.label, units.get(row.unit_id)),
                        sum(answered[qid].get(a, 0) for a in row.atoms),
                        suppressed=not row.released)
            cells.append(cell)
        minimum = survey.min_group_size
        # The decision counts people who answered the survey; a question some of them
        # skipped can leave a shown group with fewer answers to it than the minimum.
        sparse = any(0 < c.answered < minimum for c in cells if not c.suppressed)
        for cell, row in zip(cells, rows, strict=True):
            if sparse:
                cell.suppressed = True
            elif not cell.suppressed:
                _fill(cell, question, choices, row.atoms, counts, sums)
        hidden = sum(c.suppressed for c in cells)
        out[qid] = Breakdown(dimension, columns, cells, hidden, minimum, sparse)
    return out


def _fill(cell: Cell, question: Question, choices: list, atoms, counts: dict,
          sums: dict) -> None:
    """A shown cell's figures: sums over the stored values the row adds up."""
    qid = question.pk

    def total(table: dict, choice_id):
        return sum((table.get((qid, a, choice_id), 0) for a in atoms), table.default_factory())

    if question.is_choice:
        ids = [c.pk for c in choices] + ([None] if question.has_other else [])
        cell.percents = [_percent(total(counts, cid), cell.answered) for cid in ids]
    elif question.kind == Question.Kind.MATRIX:
        cell.row_means = [_mean_of(total(sums, row.pk), total(counts, row.pk))
                          for row in choices]
    else:
        cell.mean = _mean_of(total(sums, None), total(counts, None))


def _mean_of(total: Decimal, n: int) -> float | None:
    return float(rounded(total / n, 2)) if n else None


# --- response rates ----------------------------------------------------------------------


@dataclass
class RateRow:
    group: Group
    invited: int
    answered: int

    @property
    def rate(self) -> float:
        return _percent(self.answered, self.invited)


@dataclass
class Rates:
    rows: list[RateRow]
    invited: int
    answered: int

    @property
    def rate(self) -> float:
        return _percent(self.answered, self.invited)

    def chart(self, title: str) -> SafeString:
        return charts.bar_chart([(r.group.label, r.rate) for r in self.rows], title=title,
                                suffix="%", decimals=1, max_value=100)


def response_rates(invitations: QuerySet, root: Unit) -> Rates:
    """Invited and answered per unit one level below `root`, in two queries."""
    rows = (invitations.annotate(g=group_expression("unit", root)).values("g")
            .annotate(invited=Count("id"), answered=Count("id", filter=Q(used=True))))
    groups = resolve_groups("unit", root, [r["g"] for r in rows])
    merged: dict[Group, RateRow] = {}
    for row in rows:
        grp = groups[row["g"]]
        entry = merged.setdefault(grp, RateRow(grp, 0, 0))
        entry.invited += row["invited"]
        entry.answered += row["answered"]
    ordered = sorted(merged.values(), key=lambda r: _group_order("unit", r.group))
    return Rates(ordered, sum(r.invited for r in ordered), sum(r.answered for r in ordered))


def survey_rates(survey: Survey, root: Unit | None = None) -> Rates:
    return response_rates(Invitation.objects.filter(survey=survey), root or survey.owner_unit)
