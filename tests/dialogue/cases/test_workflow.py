"""The workflow: intake within working days, the four outcomes, answer, close, reopen;
forbidden changes refused with a Vietnamese message and nothing stored."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from directives.dialogue.cases import deadlines, services
from directives.dialogue.models import Case, CaseEntry
from portal.models import Holiday
from portal.workdays import add_working_days, forget_holidays

from .factories import open_case, raise_case

pytestmark = pytest.mark.django_db


def test_deadlines_count_working_days_and_skip_holidays(accounts):
    friday = date(2026, 12, 4)
    assert friday.weekday() == 4
    # Ten working days after a Friday: the Friday two weeks later.
    assert deadlines.intake_due(friday) == date(2026, 12, 18)
    Holiday.objects.create(day=date(2026, 12, 9), name="Ngày nghỉ thử")
    forget_holidays()
    try:
        assert deadlines.intake_due(friday) == date(2026, 12, 21)
    finally:
        Holiday.objects.filter(day=date(2026, 12, 9)).delete()
        forget_holidays()
    # By kind, capped by urgency.
    assert deadlines.answer_due(friday, "complaint", "normal") == add_working_days(friday, 22)
    assert deadlines.answer_due(friday, "complaint", "urgent") == add_working_days(friday, 5)
    # An urgent case's intake ends with its answer deadline.
    assert deadlines.intake_due(friday, "feedback", "urgent") == add_working_days(friday, 5)


def test_deadlines_are_settings(settings):
    settings.DIALOGUE_CASE_INTAKE_DAYS = 7
    settings.DIALOGUE_CASE_ANSWER_DAYS = {"feedback": 12}
    day = date(2026, 12, 4)
    assert deadlines.intake_due(day) == add_working_days(day, 7)
    assert deadlines.answer_due(day, "feedback", "normal") == add_working_days(day, 12)


def test_a_member_raises_the_officer_accepts_forwards_answers_and_the_member_reads_it(
        accounts, client_for):
    officer, member = accounts["officer"], accounts["member"]
    client = client_for(member)
    response = client.post(reverse("dialogue:my_case_new"), {
        "title": "Chế độ thai sản chưa được giải quyết",
        "description": "Tôi nộp hồ sơ từ tháng trước, chưa nhận trợ cấp.",
        "category": "policy", "kind": "petition", "urgency": "normal"})
    case = Case.objects.get()
    assert response.status_code == 302 and case.raised_by == member
    assert case.stage == "received" and case.due_on == deadlines.intake_due(
        timezone.localdate(), "petition", "normal")

    client = client_for(officer)
    today = timezone.localdate()
    follow = add_working_days(today, 5)
    response = client.post(reverse("dialogue:case_intake", args=[case.pk]), {
        "outcome": "forwarded", "forwarded_to": "Phòng Tổ chức - Hành chính",
        "forwarded_on": today.strftime("%d/%m/%Y"), "follow_up_on": follow.strftime("%d/%m/%Y")})
    case.refresh_from_db()
    assert case.stage == "forwarded" and case.due_on == follow and case.accepted_on == today
    # The confirmation step: the first post stores nothing.
    url = reverse("dialogue:case_answer", args=[case.pk])
    response = client.post(url, {"answer": "Phòng đã bổ sung hồ sơ; trợ cấp chi kỳ tới."})
    assert response.status_code == 200
    assert 'name="confirmed" value="True"' in response.content.decode()
    case.refresh_from_db()
    assert case.stage == "forwarded" and not case.answer
    client.post(url, {"answer": "Phòng đã bổ sung hồ sơ; trợ cấp chi kỳ tới.",
                      "confirmed": "True"})
    case.refresh_from_db()
    assert case.stage == "resolved" and case.answered_in_time and case.answer_days == 0
    client.post(reverse("dialogue:case_note", args=[case.pk]),
                {"body": "Ghi chú nội bộ: đã gọi điện cho trưởng phòng."})

    page = client_for(member).get(reverse("dialogue:my_case", args=[case.pk]))
    text = page.content.decode()
    assert "Phòng đã bổ sung hồ sơ" in text
    assert "Ghi chú nội bộ" not in text  # an internal note never reaches the member
    assert reverse("dialogue:my_case_reopen", args=[case.pk]) in text


def test_every_step_is_on_the_timeline_with_who_and_when(accounts):
    officer = accounts["officer"]
    case = open_case(officer)
    services.case_intake(case=case, by=officer, outcome="accepted")
    services.case_start(case=case, by=officer)
    services.case_note(case=case, by=officer, body="Đã liên hệ phòng Quản trị.")
    services.case_answer(case=case, by=officer, answer="Đã sửa xong điều hòa.")
    services.case_close(case=case, by=officer)
    entries = list(case.entries.values_list("kind", "stage", "public", "by"))
    assert [stage for _k, stage, _p, _b in entries if stage] == [
        "received", "accepted", "in_progress", "resolved", "closed"]
    assert ("note", "", False, officer.pk) in entries
    assert all(by == officer.pk for *_rest, by in entries)
    assert case.history.count() >= 5


@pytest.mark.parametrize("outcome,fields,message", [
    ("verifying", {}, "Hãy chọn một ngày sau hôm nay."),
    ("not_for_union", {"reason": "Không thuộc phạm vi."}, None),
    ("forwarded", {"forwarded_to": "Phòng Kế hoạch - Tài chính"}, None),
    ("bogus", {}, None),
])
def test_intake_with_missing_details_is_refused_and_stores_nothing(accounts, outcome, fields,
                                                                    message):
    officer = accounts["officer"]
    case = open_case(officer)
    entries = CaseEntry.objects.count()
    with override("vi"), pytest.raises(ValidationError) as error:
        services.case_intake(case=case, by=officer, outcome=outcome, **fields)
    case.refresh_from_db()
    assert case.stage == "received" and CaseEntry.objects.count() == entries
    assert error.value.messages and all(m.isascii() is False for m in error.value.messages)
    if message:
        assert message in error.value.messages


def test_verification_moves_the_deadline_and_intake_comes_again(accounts):
    officer = accounts["officer"]
    case = open_case(officer)
    until = add_working_days(timezone.localdate(), 3)
    services.case_intake(case=case, by=officer, outcome="verifying", verify_until=until)
    assert case.due_on == until and case.status == "in_progress"
    services.case_intake(case=case, by=officer, outcome="not_for_union",
                         reason="Tranh chấp dân sự bên ngoài Trường.",
                         refer_to="Trung tâm trợ giúp pháp lý")
    assert case.stage == "not_for_union" and case.status == "done" and case.answered_on


def test_a_forbidden_change_is_refused_in_vietnamese(accounts):
    officer = accounts["officer"]
    case = open_case(officer)
    with override("vi"), pytest.raises(ValidationError) as error:
        services.case_answer(case=case, by=officer, answer="Trả lời quá sớm.")
    assert "Không thể" in error.value.messages[0]
    case.refresh_from_db()
    assert case.stage == "received" and not case.answer
    with pytest.raises(ValidationError):
        services.case_close(case=case, by=officer)


def test_a_forbidden_change_through_the_page_shows_a_message(accounts, client_for):
    officer = accounts["officer"]
    case = open_case(officer)
    with override("vi"):
        response = client_for(officer).post(reverse("dialogue:case_close", args=[case.pk]),
                                            follow=True, HTTP_ACCEPT_LANGUAGE="vi")
    assert "Không thể" in response.content.decode()
    case.refresh_from_db()
    assert case.stage == "received"


def test_the_member_reopens_within_the_set_time_and_not_after(accounts, settings):
    officer, member = accounts["officer"], accounts["member"]
    case, _code = raise_case(member)
    services.case_intake(case=case, by=officer, outcome="accepted")
    services.case_answer(case=case, by=officer, answer="Đã giải quyết.")
    with pytest.raises(PermissionDenied):
        services.case_reopen(case=case, by=accounts["collaborator"], message="Chưa ổn.")
    late = add_working_days(case.answered_on, deadlines.reopen_days() + 1)
    with pytest.raises(ValidationError):
        services.case_reopen(case=case, by=member, message="Chưa ổn.", today=late)
    services.case_reopen(case=case, by=member, message="Vẫn chưa nhận được tiền.")
    case.refresh_from_db()
    assert case.stage == "in_progress" and case.reopened == 1 and case.completed_on is None
    assert case.due_on > timezone.localdate()


def test_linked_cases_are_answered_together(accounts):
    officer = accounts["officer"]
    lead = open_case(officer, title="Định mức giờ nghiên cứu quá cao")
    other = open_case(officer, title="Giờ nghiên cứu: đề nghị lộ trình")
    for case in (lead, other):
        services.case_intake(case=case, by=officer, outcome="accepted")
    services.case_link(case=other, by=officer, lead=lead)
    answered = services.case_answer(case=lead, by=officer, answer="Áp dụng lộ trình 3 năm.",
                                    together=True)
    assert {c.pk for c in answered} == {lead.pk, other.pk}
    other.refresh_from_db()
    assert other.stage == "resolved" and other.answer == "Áp dụng lộ trình 3 năm."
    with pytest.raises(ValidationError):
        services.case_link(case=lead, by=officer, lead=other)  # lead has cases linked to it


def test_queue_puts_overdue_first(accounts, client_for):
    officer = accounts["officer"]
    fresh = open_case(officer, title="Mới nhận")
    late = open_case(officer, title="Quá hạn")
    Case.objects.filter(pk=late.pk).update(due_on=timezone.localdate() - timedelta(days=1))
    Case.objects.filter(pk=fresh.pk).update(due_on=timezone.localdate() + timedelta(days=1))
    response = client_for(officer).get(reverse("dialogue:case_queue"))
    text = response.content.decode()
    assert text.index("Quá hạn") < text.index("Mới nhận")
    response = client_for(officer).get(reverse("dialogue:case_queue") + "?overdue=on")
    assert "Mới nhận" not in response.content.decode()


def test_answer_templates_are_shared_downwards(accounts, units):
    officer = accounts["officer"]
    top = services.answer_template_save(by=accounts["committee"], unit=units["CDDHQG"],
                                        title="Chuyển phòng chức năng", body="Đã chuyển.")
    own = services.answer_template_save(by=officer, unit=units["BK"], title="Của BK",
                                        body="Nội dung.")
    from directives.dialogue.models import AnswerTemplate

    assert set(AnswerTemplate.objects.for_officer(officer)) == {top, own}
    assert set(AnswerTemplate.objects.for_officer(accounts["officer2"])) == {top}
    with pytest.raises(PermissionDenied):
        services.answer_template_save(by=officer, unit=units["CDDHQG"], title="X", body="Y")
