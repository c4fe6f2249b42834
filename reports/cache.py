"""Dashboards cached per scope and period, invalidated when the data behind them changes.

The cache key carries a fingerprint of that data: row counts, the highest ids and the
latest update times of every table a dashboard counts, one small aggregate per table. Any
insert, delete or save (bulk imports included, which send no signals) changes the
fingerprint, so a stale dashboard is never served."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Max, Q, Sum

from collaborators.models import Attendance, Collaborator, OpinionReport, Training
from portal.models import Unit
from surveys.models import Invitation, Survey

T = TypeVar("T")
TIMEOUT = 15 * 60


def fingerprint() -> str:
    """A summary of every table the dashboards read."""
    parts = [
        Unit.objects.aggregate(n=Count("pk"), top=Max("pk"), members=Sum("member_count"),
                               active=Count("pk", filter=Q(is_active=True))),
        Collaborator.objects.aggregate(n=Count("pk"), at=Max("updated_at")),
        Training.objects.aggregate(n=Count("pk"), top=Max("pk")),
        Attendance.objects.aggregate(n=Count("pk"), top=Max("pk")),
        OpinionReport.objects.aggregate(n=Count("pk"), top=Max("pk")),
        Survey.objects.aggregate(n=Count("pk"), top=Max("pk"), opens=Max("opens_at"),
                                 closes=Max("closes_at"),
                                 open=Count("pk", filter=Q(status="open")),
                                 closed=Count("pk", filter=Q(status="closed"))),
        Invitation.objects.aggregate(n=Count("pk"), used=Count("pk", filter=Q(used=True))),
    ]
    return hashlib.sha1(repr(parts).encode(), usedforsecurity=False).hexdigest()[:16]


def cached(name: str, key_parts: tuple, build: Callable[[], T]) -> T:
    key = f"{name}:{connection.vendor}:{':'.join(map(str, key_parts))}:{fingerprint()}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, TIMEOUT)
    return value
