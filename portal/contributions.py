"""What each app contributes to the committee's dashboard and to the official reports.

`reports` assembles and reads no app's tables: each app registers, in its
`AppConfig.ready()` (in a module of its own, e.g. `collaborators/contributions.py`):

- `Indicator`s: a dashboard column. Its `compute(frame)` returns a `Figure` for the frame's
  unit as a whole and for each child unit (with its subtree), from a constant number of
  queries (see `counts_by_branch`); each figure links to exactly the records it counts.
  Columns that share a costly read compute it once per frame with `frame.once(...)`.
- `DashboardPanel`s: a chart or a list beside the table, from a template of the app's.
- `ReportPart`s: the blocks (`portal.documents`) that fill one slot of the official report's
  outline, which `reports` owns with its wording.
- `DocumentSubject`s: records a whole document can be about (a survey's results report):
  which ones a person may choose, and the document's sections.
- a data version: a cheap summary of the app's tables (row counts, highest ids, latest
  update times) that changes whenever a counted record does. The dashboard cache key is
  made of all of them, so a cached figure is never stale.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, QuerySet
from django.db.models.functions import Substr
from django.utils.functional import Promise

from .models import PATH_STEP, Unit
from .periods import Period

Number = int | float | Decimal


@dataclass(frozen=True)
class Figure:
    """One cell: the value this period, the previous period's (for the trend, when the
    indicator has one), whether the cell is weak, and the list of the records it counts."""

    value: Number | None
    previous: Number | None = None
    weak: bool = False
    url: str = ""

    @property
    def change(self) -> Decimal | None:
        if self.value is None or self.previous is None:
            return None
        return Decimal(str(self.value)) - Decimal(str(self.previous))


@dataclass
class Frame:
    """What a dashboard or a report is computed for: a unit, the units one level below it,
    a period, and a memo where columns that share a read keep it for one build."""

    unit: Unit
    children: list[Unit]
    period: Period
    memo: dict[str, Any] = field(default_factory=dict)

    @property
    def everyone(self) -> list[Unit]:
        return [self.unit, *self.children]

    def once(self, key: str, build: Callable[[], Any]) -> Any:
        if key not in self.memo:
            self.memo[key] = build()
        return self.memo[key]

    @staticmethod
    def link_unit(unit: Unit) -> int | None:
        """The unit a figure's link filters on: none for the top unit (everything)."""
        return unit.pk if unit.parent_id else None


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str | Promise
    order: int
    # frame -> {unit id: Figure} for the frame's unit and every child.
    compute: Callable[[Frame], dict[int, Figure]]
    suffix: str = ""  # "%" for shares
    decimals: int = 0
    higher_is_better: bool = True
    description: str | Promise = ""


@dataclass(frozen=True)
class DashboardPanel:
    key: str
    title: str | Promise
    template: str
    order: int
    # frame -> what the template gets as `data` (a dict, or an object of the app's)
    context: Callable[[Frame], Any]


@dataclass(frozen=True)
class ReportPart:
    """Blocks for one slot of the official outline (see `reports.sections.OUTLINE`)."""

    slot: str
    order: int
    # frame -> list of portal.documents blocks (Paragraph, Table, Chart)
    build: Callable[[Frame], list]


@dataclass(frozen=True)
class DocumentSubject:
    """A kind of record an official document can be about (a survey's results report).
    `reports` numbers, lays out, renders and files the document; the app says which records
    a person may ask one about, and writes its sections (`portal.documents.Section`)."""

    kind: str
    choices: Callable[[Any], QuerySet]  # user -> the records they may ask a document about
    sections: Callable[[Any], list]  # record -> sections of the document's body
    demo: Callable[[], Any] = lambda: None  # a record for the demo data, or None
    # For a document printed or issued from the record's own page (`reports:subject_pdf`,
    # `reports:subject_issue`, `{% subject_documents kind record %}`):
    title: Callable[[Any], str] = str  # record -> the subject line (trích yếu)
    document_name: str = "BÁO CÁO"  # the document's type, printed in capitals
    symbol: str = "BC"  # "KL" -> Số: 05/KL-CĐĐHQG (a unit's: 05/KL-CĐBK)
    issuer: Callable[[Any], Any] = lambda record: record.unit  # the Unit whose document it is
    numbered: bool = True  # False: printable at any time, never numbered (minutes)
    intro: Callable[[Any], str] = lambda record: ""
    signer: Callable[[Any], tuple[str, str, str]] | None = None  # (capacity, title, name)
    recipients: Callable[[Any], list[str]] = lambda record: []


_indicators: dict[str, Indicator] = {}
_panels: dict[str, DashboardPanel] = {}
_parts: list[ReportPart] = []
_versions: dict[str, Callable[[], Any]] = {}
_subjects: dict[str, DocumentSubject] = {}


def register_indicator(indicator: Indicator) -> Indicator:
    _indicators[indicator.key] = indicator
    return indicator


def register_dashboard_panel(panel: DashboardPanel) -> DashboardPanel:
    _panels[panel.key] = panel
    return panel


def register_report_part(part: ReportPart) -> ReportPart:
    if part not in _parts:
        _parts.append(part)
    return part


def register_data_version(name: str, version: Callable[[], Any]) -> None:
    _versions[name] = version


def register_document_subject(subject: DocumentSubject) -> DocumentSubject:
    _subjects[subject.kind] = subject
    return subject


def document_subject(kind: str) -> DocumentSubject:
    return _subjects[kind]


def indicators() -> list[Indicator]:
    return sorted(_indicators.values(), key=lambda i: i.order)


def panels() -> list[DashboardPanel]:
    return sorted(_panels.values(), key=lambda p: p.order)


def report_parts(slot: str) -> list[ReportPart]:
    return sorted((p for p in _parts if p.slot == slot), key=lambda p: p.order)


def data_version() -> str:
    """One short fingerprint of every registered app's data version."""
    parts = [(name, _versions[name]()) for name in sorted(_versions)]
    return hashlib.sha1(repr(parts).encode(), usedforsecurity=False).hexdigest()[:16]


def counts_by_branch(queryset: QuerySet, *, unit_path: str, scope: Unit,
                     children: Iterable[Unit], **aggregates) -> dict[int, dict[str, Any]]:
    """Aggregates of `queryset` for each child of `scope` (its whole subtree) and for `scope`
    itself, in one grouped query: rows are grouped by the first characters of the path
    their unit has (`unit_path`, e.g. "unit__path"), which name the child they fall under.

    `aggregates` are Count/Sum expressions (their sums make the scope's total: use only
    additive ones). Units with no rows are absent from the result."""
    width = len(scope.path) + PATH_STEP
    by_path = {child.path: child.pk for child in children}
    rows = (queryset.filter(**{f"{unit_path}__startswith": scope.path})
            .annotate(branch=Substr(unit_path, 1, width)).values("branch").order_by()
            .annotate(**aggregates))
    result: dict[int, dict[str, Any]] = {}
    total: dict[str, Any] = dict.fromkeys(aggregates, 0)
    for row in rows:
        branch = row.pop("branch")
        for key, value in row.items():
            total[key] += value or 0
        if branch in by_path:
            result[by_path[branch]] = row
    result[scope.pk] = total
    return result


def table_version(model, *, ordered_key: bool = True, **extra) -> tuple:
    """A cheap version of one table for `register_data_version`: its row count and highest
    key (inserts and deletes, bulk ones included), and, for a model with a change history,
    the newest history row (every edit through a form, service or the admin: a training's
    date moved, a report reviewed). `extra` adds aggregates of the model's own. A random key
    (a UUID, which PostgreSQL cannot take the maximum of) asks for `ordered_key=False`."""
    from django.db.models import Max

    keys = {"top": Max("pk")} if ordered_key else {}
    figures = model._default_manager.aggregate(n=Count("pk"), **keys, **extra)
    history = getattr(model, "history", None)
    if history is not None and hasattr(history, "model"):
        figures["changed"] = history.model._default_manager.aggregate(
            at=Max("history_id"))["at"]
    return tuple(sorted(figures.items()))
