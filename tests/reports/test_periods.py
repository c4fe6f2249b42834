from datetime import date

import pytest

from reports.periods import Period, period_ending_on_cutoff


@pytest.mark.parametrize("kind,today,start,end", [
    ("monthly", date(2026, 11, 20), date(2026, 10, 20), date(2026, 11, 19)),
    ("monthly", date(2026, 11, 5), date(2026, 9, 20), date(2026, 10, 19)),
    ("monthly", date(2026, 1, 20), date(2025, 12, 20), date(2026, 1, 19)),
    ("quarterly", date(2026, 3, 20), date(2025, 12, 20), date(2026, 3, 19)),
    ("six_month", date(2026, 6, 20), date(2025, 12, 20), date(2026, 6, 19)),
    ("annual", date(2026, 12, 20), date(2025, 12, 20), date(2026, 12, 19)),
])
def test_reporting_periods_run_from_the_20th_to_the_19th(kind, today, start, end):
    assert period_ending_on_cutoff(kind, today) == Period(start, end)


def test_previous_period_has_the_same_length_and_ends_the_day_before():
    period = Period(date(2026, 10, 20), date(2026, 11, 19))
    assert period.previous == Period(date(2026, 9, 19), date(2026, 10, 19))
