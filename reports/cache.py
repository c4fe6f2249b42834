"""Dashboards cached per scope and period, invalidated when the data behind them changes.

The cache key carries `portal.contributions.data_version()`: every app's summary of the
tables its figures read (row counts, the highest ids, the newest change in their history).
Any insert, delete or edit (bulk imports included, which send no signals) changes it, so a
stale dashboard is never served."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db import connection

from portal.contributions import data_version

T = TypeVar("T")
TIMEOUT = 15 * 60


def cached(name: str, key_parts: tuple, build: Callable[[], T]) -> T:
    key = f"{name}:{connection.vendor}:{':'.join(map(str, key_parts))}:{data_version()}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, TIMEOUT)
    return value
