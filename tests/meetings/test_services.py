"""Writes of briefing meetings: the rules, the refusals (Vietnamese, nothing stored)."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from directives.meetings.models import Action, Attendance, Meeting
from directives.meetings.services import (
    action_create,
    meeting_create,
    meeting_set_attendance,
    meeting_update,
)
from portal.models import User

from .factories import at, make_action, make_meeting

pytestmark = pytest.mark.django_db


def _data(unit, **changes):
    day = timezone.localdate() - timedelta(days=2)
    data = {"unit": unit, "kind": Meeting.Kind.REGULAR, "group": "", "starts_at": at(day),
            "ends_at": at(day, 16), "place": "Phòng họp B4", "chair": "Nguyễn Văn Phúc",
            "secretary": "Huỳnh Thị Mỹ Linh", "minutes": "Biên bản.",
            "agenda": ["Tình hình dư luận", "", "Việc tháng tới"]}
    return {**data, **changes}


def test_an_officer_records_a_meeting_with_its_agenda_in_order(units, accounts):
    meeting = meeting_create(data=_data(units["BK"]), by=accounts["officer"])
    assert meeting.level == Meeting.Level.UNIT
    assert [a.title for a in meeting.agenda.all()] == ["Tình hình dư luận", "Việc tháng tới"]
    assert [a.position for a in meeting.agenda.all()] == [1, 2]
    top = meeting_create(data=_data(units["CDDHQG"]), by=accounts["committee"])
    assert top.level == Meeting.Level.UNIVERSITY


def test_a_meeting_of_another_unit_is_refused_and_nothing_is_stored(units, accounts):
    with pytest.raises(PermissionDenied):
        meeting_create(data=_data(units["KHTN"]), by=accounts["officer"])
    meeting = make_meeting(units["KHTN"])
    with pytest.raises(PermissionDenied):
        meeting_update(meeting=meeting, data={"place": "Khác"}, by=accounts["officer"])
    with pytest.raises(PermissionDenied):  # moving one's own meeting to another unit
        meeting_update(meeting=make_meeting(units["BK"]), data={"unit": units["KHTN"]},
                       by=accounts["officer"])
    assert Meeting.objects.filter(unit=units["KHTN"]).count() == 1
    assert Meeting.objects.get(pk=meeting.pk).place == "Phòng họp B4"


def test_end_before_start_is_refused_in_vietnamese(units, accounts):
    data = _data(units["BK"])
    data["ends_at"] = data["starts_at"] - timedelta(hours=1)
    with pytest.raises(ValidationError) as error:
        meeting_create(data=data, by=accounts["officer"])
    assert "Hội nghị phải kết thúc sau khi bắt đầu." in str(error.value)
    assert not Meeting.objects.exists()


def test_linked_reports_must_be_ones_the_officer_sees(units, accounts):
    from tests.collaborators.factories import OpinionReportFactory

    theirs = OpinionReportFactory(unit=units["KHTN"], summary="Lương", sentiment="neutral")
    with pytest.raises(ValidationError):
        meeting_create(data=_data(units["BK"], opinion_reports=[theirs]),
                       by=accounts["officer"])
    assert not Meeting.objects.exists()
    ours = OpinionReportFactory(unit=units["BK"], summary="Lương", sentiment="neutral")
    meeting = meeting_create(data=_data(units["BK"], opinion_reports=[ours]),
                             by=accounts["officer"])
    assert list(meeting.opinion_reports.all()) == [ours]


def test_attendance_names_the_units_accounts_and_guests(units, accounts):
    meeting = make_meeting(units["BK"])
    officer, member = accounts["officer"], accounts["member"]
    count = meeting_set_attendance(
        meeting=meeting, accounts={officer: ("present", ""), member: ("excused", "Ốm")},
        guests=[("Nguyễn Thị Lệ Thu", "Ban Tuyên giáo")], by=officer)
    assert count == 3
    rows = {a.name: a for a in meeting.attendance.all()}
    assert rows["Võ Thị Ngọc Lan"].reason == "Ốm"
    assert rows["Nguyễn Thị Lệ Thu"].guest_title == "Ban Tuyên giáo"


def test_an_attendee_outside_the_unit_is_refused(units, accounts):
    meeting = make_meeting(units["BK"])
    make_attendance = {accounts["officer"]: ("present", "")}
    meeting_set_attendance(meeting=meeting, accounts=make_attendance, guests=[],
                           by=accounts["officer"])
    with pytest.raises(ValidationError) as error:
        meeting_set_attendance(meeting=meeting, accounts={accounts["officer2"]: ("present", "")},
                               guests=[], by=accounts["officer"])
    assert "khách mời" in str(error.value)
    assert list(meeting.attendance.values_list("account", flat=True)) == [accounts["officer"].pk]


def test_an_excused_absence_needs_a_reason(units, accounts):
    meeting = make_meeting(units["BK"])
    with pytest.raises(ValidationError):
        meeting_set_attendance(meeting=meeting, accounts={accounts["member"]: ("excused", "")},
                               guests=[], by=accounts["officer"])
    assert not Attendance.objects.exists()


def test_an_action_needs_an_owner_of_the_unit_and_a_deadline(units, accounts):
    meeting = make_meeting(units["BK"])
    due = timezone.localdate() + timedelta(days=7)
    with pytest.raises(ValidationError) as error:
        action_create(meeting=meeting, title="Tổng hợp", owner=None, due_on=due,
                      by=accounts["officer"])
    assert "chọn người phụ trách" in str(error.value)
    with pytest.raises(ValidationError) as error:
        action_create(meeting=meeting, title="Tổng hợp", owner=accounts["officer"], due_on=None,
                      by=accounts["officer"])
    assert "thời hạn" in str(error.value)
    with pytest.raises(ValidationError):
        action_create(meeting=meeting, title="Tổng hợp", owner=accounts["officer2"], due_on=due,
                      by=accounts["officer"])
    assert not Action.objects.exists()
    action = action_create(meeting=meeting, title="Tổng hợp", owner=accounts["member"],
                           due_on=due, by=accounts["officer"])
    assert action.unit == units["BK"]


def test_services_refuse_another_units_officer_and_a_member(units, accounts):
    meeting = make_meeting(units["BK"])
    due = timezone.localdate() + timedelta(days=7)
    for actor in (accounts["officer2"], accounts["member"]):
        with pytest.raises(PermissionDenied):
            action_create(meeting=meeting, title="X", owner=accounts["officer"], due_on=due,
                          by=actor)
        with pytest.raises(PermissionDenied):
            meeting_set_attendance(meeting=meeting, accounts={}, guests=[("A", "")], by=actor)
        with pytest.raises(PermissionDenied):
            meeting_update(meeting=meeting, data={"place": "X"}, by=actor)
    assert not Action.objects.exists() and not Attendance.objects.exists()


def test_open_actions_carry_over_to_the_units_next_meetings(units, accounts):
    today = timezone.localdate()
    first = make_meeting(units["BK"], day=today - timedelta(days=60))
    done = make_action(first, accounts["officer"], status="done", title="Đã xong")
    still = make_action(first, accounts["member"], title="Còn mở")
    other_unit = make_action(make_meeting(units["KHTN"], day=today - timedelta(days=60)),
                             accounts["officer2"], title="Của KHTN")
    following = make_meeting(units["BK"], day=today - timedelta(days=30))
    later = make_action(following, accounts["officer"], title="Của kỳ sau")
    carried = list(Action.objects.carried_over_to(following))
    assert carried == [still]
    assert done not in carried and other_unit not in carried and later not in carried
    assert User.objects.filter(pk=still.owner_id).exists()
