"""The periods of a recurring task: the month, quarter or year a day falls in."""

from __future__ import annotations

import calendar
from datetime import date

from portal.periods import Period


def period_of(rhythm: str, day: date) -> Period:
    """The period of `rhythm` ("monthly", "quarterly", "yearly") holding `day`."""
    if rhythm == "yearly":
        return Period(date(day.year, 1, 1), date(day.year, 12, 31))
    first = day.month if rhythm == "monthly" else 3 * ((day.month - 1) // 3) + 1
    last = first if rhythm == "monthly" else first + 2
    return Period(date(day.year, first, 1),
                  date(day.year, last, calendar.monthrange(day.year, last)[1]))


def period_label(rhythm: str, start: date) -> str:
    """"03/2025", "Q2/2025", "2025"; empty for a task done once."""
    if rhythm == "monthly":
        return f"{start:%m/%Y}"
    if rhythm == "quarterly":
        return f"Q{(start.month - 1) // 3 + 1}/{start.year}"
    if rhythm == "yearly":
        return str(start.year)
    return ""
