"""The pages of briefing meetings: an officer records a briefing with attendance, minutes
and actions; the actions carry over and show on their owner's home; bad input is refused."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from directives.meetings.models import Action, Attendance, Meeting

from .factories import make_action, make_meeting

pytestmark = pytest.mark.django_db


def _form(unit, **changes):
    day = timezone.localdate() - timedelta(days=1)
    data = {"unit": unit.pk, "kind": "regular", "group": "", "day": day.strftime("%d/%m/%Y"),
            "starts": "14:00", "ends": "16:30", "place": "Phòng họp B4",
            "chair": "Nguyễn Văn Phúc", "secretary": "Huỳnh Thị Mỹ Linh",
            "agenda": "Tình hình dư luận\nViệc tháng tới",
            "minutes": "Đoàn viên yên tâm công tác.\n\n- Ý kiến về thu nhập"}
    return {**data, **changes}


def test_an_officer_records_a_briefing_with_attendance_minutes_and_actions(
        units, accounts, client_for):
    officer, member = accounts["officer"], accounts["member"]
    client = client_for(officer)
    response = client.post(reverse("meetings:create"), _form(units["BK"]))
    meeting = Meeting.objects.get()
    assert response.url == reverse("meetings:attendance", args=[meeting.pk])
    response = client.post(reverse("meetings:attendance", args=[meeting.pk]), {
        f"status_{officer.pk}": "present", f"status_{member.pk}": "excused",
        f"reason_{member.pk}": "Đi công tác", "guests": "Nguyễn Thị Lệ Thu, Ban Tuyên giáo"})
    assert response.status_code == 302
    assert meeting.attendance.count() == 3
    due = (timezone.localdate() + timedelta(days=10)).strftime("%d/%m/%Y")
    response = client.post(reverse("meetings:action_create", args=[meeting.pk]), {
        "title": "Tổng hợp ý kiến gửi Ban Giám hiệu", "owner": member.pk, "due_on": due})
    assert response.status_code == 302
    page = client.get(meeting.get_absolute_url()).content.decode()
    for text in ("Tình hình dư luận", "Đoàn viên yên tâm công tác", "Nguyễn Thị Lệ Thu",
                 "Đi công tác", "Tổng hợp ý kiến gửi Ban Giám hiệu", "1 vắng có lý do"):
        assert text in page


@pytest.mark.parametrize("changes, message", [
    ({"ends": "13:00"}, "Hội nghị phải kết thúc sau khi bắt đầu."),
    ({"kind": "thematic"}, "chọn nhóm đối tượng"),
    ({"place": ""}, "Anh/chị nhập địa điểm họp."),
])
def test_bad_meetings_are_refused_in_vietnamese(units, accounts, client_for, changes, message):
    response = client_for(accounts["officer"]).post(reverse("meetings:create"),
                                                   _form(units["BK"], **changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Meeting.objects.exists()


def test_a_meeting_of_another_unit_is_refused(units, accounts, client_for):
    response = client_for(accounts["officer"]).post(reverse("meetings:create"),
                                                   _form(units["KHTN"]))
    assert "không thể ghi nhận hội nghị của đơn vị khác" in response.content.decode()
    assert not Meeting.objects.exists()


def test_editing_another_units_meeting_is_a_404(units, accounts, client_for):
    meeting = make_meeting(units["KHTN"])
    client = client_for(accounts["officer"])
    for name in ("edit", "attendance", "action_create", "detail"):
        assert client.get(reverse(f"meetings:{name}", args=[meeting.pk])).status_code == 404
    client.post(reverse("meetings:edit", args=[meeting.pk]), _form(units["BK"]))
    assert Meeting.objects.get().unit == units["KHTN"]


def test_an_action_without_owner_or_deadline_is_refused(units, accounts, client_for):
    meeting = make_meeting(units["BK"])
    client = client_for(accounts["officer"])
    page = client.post(reverse("meetings:action_create", args=[meeting.pk]),
                       {"title": "Việc", "owner": "", "due_on": ""}).content.decode()
    assert "Anh/chị chọn người phụ trách công việc." in page
    assert "Anh/chị nhập thời hạn hoàn thành công việc." in page
    page = client.post(reverse("meetings:action_create", args=[meeting.pk]), {
        "title": "Việc", "owner": accounts["officer2"].pk,
        "due_on": "01/01/2030"}).content.decode()
    assert "Người phụ trách phải là tài khoản thuộc đơn vị" in page
    assert not Action.objects.exists()


def test_an_attendee_outside_the_unit_is_not_offered_and_an_excused_absence_needs_a_reason(
        units, accounts, client_for):
    meeting = make_meeting(units["BK"])
    client = client_for(accounts["officer"])
    page = client.get(reverse("meetings:attendance", args=[meeting.pk])).content.decode()
    assert accounts["officer2"].full_name not in page
    member = accounts["member"]
    page = client.post(reverse("meetings:attendance", args=[meeting.pk]), {
        f"status_{member.pk}": "excused", f"reason_{member.pk}": "",
        f"status_{accounts['officer2'].pk}": "present"}).content.decode()
    assert "Anh/chị ghi lý do vắng mặt có phép." in page
    assert not Attendance.objects.exists()


def test_open_actions_carry_over_and_show_on_their_owners_home(units, accounts, client_for):
    today = timezone.localdate()
    member = accounts["member"]
    earlier = make_meeting(units["BK"], day=today - timedelta(days=40))
    late = make_action(earlier, member, due_on=today - timedelta(days=3),
                       title="Báo cáo tình hình tư tưởng")
    make_action(earlier, member, status="done", title="Việc đã xong")
    following = make_meeting(units["BK"], day=today - timedelta(days=2))
    page = client_for(accounts["officer"]).get(following.get_absolute_url()).content.decode()
    assert "Việc chưa xong từ các kỳ giao ban trước" in page
    assert "Báo cáo tình hình tư tưởng" in page and "Việc đã xong" not in page
    home = client_for(member).get(reverse("home")).content.decode()
    assert "Việc sau giao ban đã quá hạn" in home
    assert late.get_absolute_url() in home
    mine = client_for(member).get(reverse("meetings:actions") + "?due=overdue")
    assert "Báo cáo tình hình tư tưởng" in mine.content.decode()


def test_the_owner_reports_progress_on_their_action(units, accounts, client_for):
    action = make_action(make_meeting(units["BK"]), accounts["member"])
    response = client_for(accounts["member"]).post(action.get_absolute_url(), {
        "status": "done", "note": "Đã gửi báo cáo", "evidence_link": ""})
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == "done" and action.completed_on == timezone.localdate()
    page = client_for(accounts["member"]).post(action.get_absolute_url(), {
        "status": "done", "evidence_link": "https://ngoai.vn/"}).content.decode()
    assert "bắt đầu bằng /" in page
    assert Action.objects.get().evidence_link == ""


def test_the_list_shows_upcoming_and_past_meetings_with_filters(units, accounts, client_for):
    today = timezone.localdate()
    make_meeting(units["BK"], day=today + timedelta(days=5), place="Phòng sắp họp")
    make_meeting(units["BK"], day=today - timedelta(days=5), place="Phòng đã dùng")
    make_meeting(units["BK"], day=today - timedelta(days=5), kind="extraordinary",
                 place="Đột xuất")
    make_meeting(units["KHTN"], day=today - timedelta(days=5), place="Của KHTN")
    client = client_for(accounts["officer"])
    page = client.get(reverse("meetings:list")).content.decode()
    assert "Phòng sắp họp" in page and "Phòng đã dùng" in page and "Của KHTN" not in page
    page = client.get(reverse("meetings:list") + "?kind=extraordinary").content.decode()
    assert "Đột xuất" in page and "Phòng đã dùng" not in page


def test_the_committee_sees_who_met(units, accounts, client_for):
    today = timezone.localdate()
    last_month = today.replace(day=1) - timedelta(days=20)
    make_meeting(units["BK"], day=last_month)
    page = client_for(accounts["committee"]).get(
        reverse("meetings:cadence") + "?preset=1").content.decode()
    assert units["BK"].name in page and units["KHTN"].name in page
    assert "100 %" in page or "100%" in page


def test_editing_keeps_the_meetings_unit_and_agenda(units, accounts, client_for):
    meeting = make_meeting(units["BK-CK"])
    meeting.agenda.create(position=1, title="Nội dung cũ")
    client = client_for(accounts["officer"])
    page = client.get(reverse("meetings:edit", args=[meeting.pk])).content.decode()
    assert f'value="{units["BK-CK"].pk}" selected' in page and "Nội dung cũ" in page
    data = _form(units["BK-CK"], agenda="Nội dung mới\nNội dung cũ", place="Phòng khác")
    assert client.post(reverse("meetings:edit", args=[meeting.pk]), data).status_code == 302
    meeting.refresh_from_db()
    assert meeting.place == "Phòng khác"
    assert [a.title for a in meeting.agenda.all()] == ["Nội dung mới", "Nội dung cũ"]
