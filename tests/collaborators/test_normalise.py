from datetime import date, datetime

import pytest

from collaborators.normalise import clean_text, normalise_phone, parse_date, parse_year
from collaborators.periods import Period, months_before


@pytest.mark.parametrize("raw", ["0912 345 678", "0912.345.678", "+84 912 345 678",
                                 "+84912345678", "84912345678", "0084 912 345 678",
                                 " 0912-345-678 ", 912345678, 912345678.0, "(091) 234 5678"])
def test_phones_as_offices_write_them_become_one_number(raw):
    assert normalise_phone(raw) == "0912345678"


def test_landlines_keep_their_eleven_digits():
    assert normalise_phone("028 3724 2181") == "02837242181"


@pytest.mark.parametrize("raw", ["0912 345", "09123456789012", "0912abc678", "không có"])
def test_bad_phones_are_refused_in_vietnamese(raw):
    with pytest.raises(ValueError, match="số|Số"):
        normalise_phone(raw)


@pytest.mark.parametrize("raw,expected", [
    ("05/01/2025", date(2025, 1, 5)), ("5/1/2025", date(2025, 1, 5)),
    ("05.01.2025", date(2025, 1, 5)), ("05-01-2025", date(2025, 1, 5)),
    ("2025-01-05", date(2025, 1, 5)), (datetime(2025, 1, 5, 0, 0), date(2025, 1, 5)),
    (date(2025, 1, 5), date(2025, 1, 5)), (45662, date(2025, 1, 5)),  # an Excel serial
    ("05/01/25", date(2025, 1, 5)), ("", None), (None, None),
])
def test_dates_day_first_in_every_form_a_sheet_holds(raw, expected):
    assert parse_date(raw) == expected


@pytest.mark.parametrize("raw", ["31/02/2025", "2025", "hôm qua", 1985])
def test_impossible_dates_are_refused(raw):
    with pytest.raises(ValueError):
        parse_date(raw)


@pytest.mark.parametrize("raw,expected", [(1985, 1985), (1985.0, 1985), ("1985", 1985),
                                          ("12/03/1985", 1985), (date(1985, 3, 12), 1985),
                                          ("", None)])
def test_years_of_birth(raw, expected):
    assert parse_year(raw) == expected


@pytest.mark.parametrize("raw", [1900, "2030", "tám lăm"])
def test_implausible_years_are_refused(raw):
    with pytest.raises(ValueError):
        parse_year(raw)


def test_stray_and_non_breaking_spaces_are_removed():
    assert clean_text("  Nguyễn\xa0 Văn   An ") == "Nguyễn Văn An"


def test_twelve_months_before_a_day():
    assert months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert months_before(date(2024, 2, 29), 12) == date(2023, 2, 28)
    assert months_before(date(2026, 11, 26), 12) == date(2025, 11, 26)


def test_previous_period_has_the_same_length_just_before():
    period = Period(date(2026, 3, 1), date(2026, 3, 10))
    assert period.days == 10
    assert period.previous == Period(date(2026, 2, 19), date(2026, 2, 28))
