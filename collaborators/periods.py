"""Date windows the app counts over: "trained in the last 12 months". Periods themselves
live in portal.periods (re-exported here for this app's modules)."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from portal.periods import Period, local_midnight, months_before

__all__ = ["Period", "local_midnight", "months_before", "training_window_start"]


def training_window_start(on: date | None = None) -> date:
    """The first day that still counts as "trained in the last 12 months" on `on`."""
    return months_before(on or timezone.localdate(), 12)
