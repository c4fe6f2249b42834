"""The Standing Committee's and the officers' dashboards: every unit's indicators for a
period, with the change from the previous period, in a constant number of queries.

The columns and the panels beside the table are what the apps register
(`portal.contributions`); this module lays them out for a unit and the units one level
below it. Each indicator says which way is good and when a cell is weak, and links to the
records behind its number."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from portal.contributions import Figure, Frame, Indicator, indicators, panels
from portal.models import Unit
from portal.periods import Period

Cell = Figure  # the name the templates and tests have always used


@dataclass
class UnitRow:
    unit: Unit
    cells: dict[str, Figure] = field(default_factory=dict)


@dataclass(frozen=True)
class Column:
    """What the table shows of an indicator. A dashboard is cached, so it keeps this copy
    rather than the indicator itself, whose `compute` may be a closure."""

    key: str
    label: Any
    suffix: str
    decimals: int
    higher_is_better: bool
    description: Any

    @classmethod
    def of(cls, indicator: Indicator) -> Column:
        return cls(indicator.key, indicator.label, indicator.suffix, indicator.decimals,
                   indicator.higher_is_better, indicator.description)


@dataclass(frozen=True)
class PanelView:
    key: str
    title: Any
    template: str
    data: Any


@dataclass
class Dashboard:
    period: Period
    scope: Unit
    rows: list[UnitRow]
    total: UnitRow
    indicators: list[Column]
    panels: list[PanelView]

    @property
    def weak_rules(self) -> list:
        return [i.description for i in self.indicators if i.description]

    def __getattr__(self, name: str):
        """A panel's data by its key (`board.opinions`, `board.surveys`)."""
        if name.startswith("__") or name == "panels":
            raise AttributeError(name)
        for panel in self.panels:
            if panel.key == name:
                return panel.data
        raise AttributeError(name)


def build_dashboard(*, scope: Unit, period: Period) -> Dashboard:
    """Indicators for `scope` as a whole and for each unit one level below it."""
    children = list(Unit.objects.active().filter(parent=scope).order_by("path"))
    frame = Frame(scope, children, period)
    columns = indicators()
    figures = {indicator.key: indicator.compute(frame) for indicator in columns}

    def row(unit: Unit) -> UnitRow:
        return UnitRow(unit, {key: values.get(unit.pk, Figure(None))
                              for key, values in figures.items()})

    return Dashboard(period=period, scope=scope, rows=[row(u) for u in children],
                     total=row(scope), indicators=[Column.of(i) for i in columns],
                     panels=[PanelView(p.key, p.title, p.template, p.context(frame))
                             for p in panels()])


def top_unit() -> Unit:
    return Unit.objects.filter(parent__isnull=True).order_by("path").first()


def default_period(today: date) -> Period:
    """From the last reporting cut-off (the 20th) to today."""
    from .periods import period_ending_on_cutoff

    return Period(period_ending_on_cutoff("monthly", today).end + timedelta(days=1), today)
