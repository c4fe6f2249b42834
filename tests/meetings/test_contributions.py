"""What meetings give the dashboard and documents: the share of expected meetings held,
per unit, in two queries whatever the data; the minutes as sections of a BIÊN BẢN."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from directives.meetings.contributions import held
from directives.meetings.minutes import minutes_paragraphs, minutes_sections
from directives.meetings.selectors import cadence_by_unit, slot_of, slots
from portal.contributions import Frame, data_version, document_subject
from portal.periods import Period, months_before

from .factories import at, make_action, make_meeting

pytestmark = pytest.mark.django_db


def _last_three_months(today):
    end = today.replace(day=1) - timedelta(days=1)
    return Period(months_before(end.replace(day=1), 2), end)


def test_slots_by_week_and_month():
    period = Period(date(2026, 1, 15), date(2026, 3, 2))
    assert slots(period, "monthly") == [date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)]
    assert slots(Period(date(2026, 1, 7), date(2026, 1, 19)), "weekly") == [
        date(2026, 1, 5), date(2026, 1, 12), date(2026, 1, 19)]


def test_the_indicator_shows_who_held_the_expected_meetings(units, settings,
                                                           django_assert_max_num_queries):
    today = timezone.localdate()
    period = _last_three_months(today)
    days = [month + timedelta(days=d) for month in slots(period, "monthly") for d in (5, 9)]
    for day in days:  # two in a month count once
        make_meeting(units["BK"], day=day)
    make_meeting(units["KHTN"], day=period.start + timedelta(days=3))
    make_meeting(units["BK-CK"], day=period.start + timedelta(days=3))  # not BK's own
    top = units["CDDHQG"]
    children = [units[c] for c in ("BK", "KHTN", "QT")]
    frame = Frame(top, children, period)
    with django_assert_max_num_queries(2):
        figures = held(frame)
    assert figures[units["BK"].pk].value == 100 and not figures[units["BK"].pk].weak
    assert round(figures[units["KHTN"].pk].value) == 33 and figures[units["KHTN"].pk].weak
    assert figures[units["QT"].pk].value == 0
    assert f"don-vi={units['KHTN'].pk}" in figures[units["KHTN"].pk].url
    assert "level=university" in figures[top.pk].url
    settings.MEETINGS_CADENCE = {"university": "monthly", "unit": "weekly"}
    weekly = cadence_by_unit([units["BK"]], period)[units["BK"].pk]
    assert weekly.cadence == "weekly" and weekly.held == len({slot_of(d, "weekly") for d in days})
    assert len(weekly.missed) == weekly.expected - weekly.held > 0


def test_the_data_version_changes_with_a_meeting(units):
    before = data_version()
    make_meeting(units["BK"])
    assert data_version() != before


def test_the_minutes_document_has_the_official_sections(units, accounts):
    from directives.meetings.services import meeting_set_attendance

    meeting = make_meeting(units["BK"], minutes="Mở đầu.\n\n**Kết luận:** giao việc.\n- Ý một\n")
    meeting.agenda.create(position=1, title="Tình hình dư luận")
    meeting_set_attendance(meeting=meeting, accounts={accounts["member"]: ("excused", "Ốm")},
                           guests=[("Nguyễn Thị Lệ Thu", "Khách")], by=accounts["officer"])
    make_action(meeting, accounts["officer"], title="Tổng hợp ý kiến")
    sections = minutes_sections(meeting)
    text = " ".join(getattr(b, "text", "") for s in sections for b in s.blocks)
    assert [s.heading[:3] for s in sections[:4]] == ["I. ", "II.", "III", "IV."]
    assert "Kết luận: giao việc." in text and "– Ý một" in text
    tables = [b for s in sections for b in s.blocks if hasattr(b, "rows")]
    assert ["Võ Thị Ngọc Lan", "BK", "Vắng có lý do (Ốm)"] in tables[0].rows
    assert tables[-1].rows[0][:2] == ["Tổng hợp ý kiến", "Nguyễn Văn Phúc"]
    subject = document_subject("meeting_minutes")
    assert list(subject.choices(accounts["officer"])) == [meeting]
    assert list(subject.choices(accounts["officer2"])) == []
    assert minutes_paragraphs("a\nb\n\n1. c") == ["a b", "– c"]
    assert at(timezone.localdate()).tzinfo is not None


def test_the_meeting_page_prints_its_minutes_for_its_unit_only(client_for, accounts, units):
    from django.urls import reverse

    from tests.services import need_pdf_tools

    need_pdf_tools()
    meeting = make_meeting(units["BK"], minutes="Đoàn viên yên tâm công tác.")
    address = reverse("reports:subject_pdf", args=["meeting_minutes", meeting.pk])
    officer = client_for(accounts["officer"])
    assert address in officer.get(meeting.get_absolute_url()).content.decode()
    response = officer.get(address)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert client_for(accounts["officer2"]).get(address).status_code == 404


def test_a_month_the_period_cuts_into_counts_whole(units):
    today = timezone.localdate()
    last_month = months_before(today.replace(day=1), 1)
    make_meeting(units["BK"], day=last_month + timedelta(days=2))
    period = Period(last_month + timedelta(days=19), today)
    row = cadence_by_unit([units["BK"], units["KHTN"]], period)
    assert (row[units["BK"].pk].held, row[units["BK"].pk].expected) == (1, 1)
    assert row[units["KHTN"].pk].missed == [last_month]
