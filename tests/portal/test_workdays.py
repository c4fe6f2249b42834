from datetime import date

import pytest

from portal.models import Holiday
from portal.workdays import add_working_days, is_working_day, working_days_between

pytestmark = pytest.mark.django_db


def test_weekends_and_seeded_holidays_are_not_working_days():
    assert not is_working_day(date(2026, 12, 5))  # Saturday
    assert not is_working_day(date(2026, 2, 17))  # Tết Bính Ngọ, a Tuesday
    assert not is_working_day(date(2026, 9, 2))  # National Day
    assert is_working_day(date(2026, 12, 1))
    assert Holiday.objects.filter(day__year=2027).count() >= 10


def test_ten_working_days_after_a_friday_is_two_weeks_later():
    assert add_working_days(date(2026, 11, 27), 10) == date(2026, 12, 11)
    assert working_days_between(date(2026, 11, 27), date(2026, 12, 11)) == 10


def test_a_deadline_over_tet_moves_past_the_whole_holiday():
    # Received Thursday 12/02/2026: 13th is a working day, then Tết closes 16-20/02.
    assert add_working_days(date(2026, 2, 12), 2) == date(2026, 2, 23)
    assert working_days_between(date(2026, 2, 12), date(2026, 2, 23)) == 2


def test_a_holiday_an_administrator_adds_counts_at_once():
    assert add_working_days(date(2026, 11, 23), 1) == date(2026, 11, 24)
    Holiday.objects.create(day=date(2026, 11, 24), name="Ngày Văn hóa Việt Nam")
    assert add_working_days(date(2026, 11, 23), 1) == date(2026, 11, 25)


def test_zero_days_is_the_same_day_and_negative_is_refused():
    assert add_working_days(date(2026, 12, 5), 0) == date(2026, 12, 5)
    with pytest.raises(ValueError):
        add_working_days(date(2026, 12, 5), -1)
