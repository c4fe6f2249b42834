"""Working days: Monday to Friday, less the public holidays an administrator keeps in
`portal.models.Holiday`. The laws on petitions and dialogue count their deadlines this
way (10 working days to answer a petition, agendas 5 working days ahead: see the settings
that hold each number), so every deadline of that kind is computed here.

The holiday list is read at most once every few minutes per process (and at once again in
the process that saves or deletes a holiday), so a deadline computed in a loop costs no
query per day, and a holiday added in the admin reaches every web and worker process within
`REFRESH_SECONDS`."""

from __future__ import annotations

import time
from datetime import date, timedelta
from functools import lru_cache

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

SATURDAY = 5
REFRESH_SECONDS = 300


@lru_cache(maxsize=1)
def _holidays_read(period: int) -> frozenset[date]:
    from .models import Holiday

    return frozenset(Holiday.objects.values_list("day", flat=True))


def holidays() -> frozenset[date]:
    return _holidays_read(int(time.monotonic() // REFRESH_SECONDS))


def forget_holidays() -> None:
    _holidays_read.cache_clear()


def is_working_day(day: date) -> bool:
    return day.weekday() < SATURDAY and day not in holidays()


def add_working_days(start: date, count: int) -> date:
    """The day `count` working days after `start` (a deadline). `start` itself never
    counts: a petition received on a Friday with 10 working days to answer is due two
    weeks later on Friday, or later if holidays fall in between. Zero gives `start`."""
    if count < 0:
        raise ValueError("count must not be negative")
    day = start
    while count:
        day += timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (0 if `end` is not later): the
    number that `add_working_days(start, n)` needs to reach `end`."""
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count


@receiver([post_save, post_delete], sender="portal.Holiday")
def _holidays_changed(**kwargs) -> None:
    forget_holidays()
