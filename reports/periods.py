"""Reporting periods.

Offices count a reporting month from the 20th of the previous month to the 19th, so the
report due on the 20th covers the month just closed; quarters, halves and the year follow
the same cut-off (the year runs from 20 December to 19 December)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

CUT_OFF_DAY = 20
MONTHS = {"monthly": 1, "quarterly": 3, "six_month": 6, "annual": 12}


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """The period of the same length just before this one."""
        end = self.start - timedelta(days=1)
        return Period(end - timedelta(days=self.days - 1), end)


def _months_back(day: date, months: int) -> date:
    month_index = day.year * 12 + day.month - 1 - months
    return date(month_index // 12, month_index % 12 + 1, day.day)


def period_ending_on_cutoff(kind: str, today: date) -> Period:
    """The period a report of `kind` generated on `today` (normally the 20th) covers."""
    months = MONTHS[kind]
    if today.day >= CUT_OFF_DAY:
        end = today.replace(day=CUT_OFF_DAY - 1)
    else:
        end = _months_back(today.replace(day=CUT_OFF_DAY - 1), 1)
    start = _months_back(end.replace(day=CUT_OFF_DAY), months)
    return Period(start, end)
