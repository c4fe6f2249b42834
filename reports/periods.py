"""Reporting periods.

Offices count a reporting month from the 20th of the previous month to the 19th, so the
report due on the 20th covers the month just closed; quarters, halves and the year follow
the same cut-off (the year runs from 20 December to 19 December)."""

from __future__ import annotations

from datetime import date

from portal.periods import Period, months_before

CUT_OFF_DAY = 20
MONTHS = {"monthly": 1, "quarterly": 3, "six_month": 6, "annual": 12}


def period_ending_on_cutoff(kind: str, today: date) -> Period:
    """The period a report of `kind` generated on `today` (normally the 20th) covers."""
    months = MONTHS[kind]
    if today.day >= CUT_OFF_DAY:
        end = today.replace(day=CUT_OFF_DAY - 1)
    else:
        end = months_before(today.replace(day=CUT_OFF_DAY - 1), 1)
    start = months_before(end.replace(day=CUT_OFF_DAY), months)
    return Period(start, end)
