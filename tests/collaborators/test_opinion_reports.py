import uuid
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from collaborators.models import OpinionReport
from collaborators.signals import opinion_report_escalated

from .factories import CollaboratorFactory, OpinionReportFactory

pytestmark = pytest.mark.django_db

NEW = reverse("collaborators:report_new")
LIST = reverse("collaborators:report_list")


def report_data(**changes):
    data = {"topic": "pay", "summary": "Giảng viên trẻ lo thu nhập tăng thêm bị chậm chi trả.",
            "sentiment": "negative", "spread": "group", "urgency": "soon", "proposal": "",
            "key": str(uuid.uuid4())}
    data.update(changes)
    return data


def test_a_collaborator_files_a_report_for_their_unit(client_for, accounts, units):
    me = CollaboratorFactory(unit=units["BK-CK"], account=accounts["collaborator"])
    client = client_for(accounts["collaborator"])
    form_page = client.get(NEW).content.decode()
    assert 'name="key"' in form_page and "Tiền lương, thu nhập" in form_page
    response = client.post(NEW, report_data(), follow=True)
    assert "phiếu đã được gửi đến công đoàn" in response.content.decode()
    report = OpinionReport.objects.get()
    assert (report.unit, report.author, report.collaborator) == (units["BK-CK"],
                                                                 accounts["collaborator"], me)
    assert report.status == OpinionReport.Status.NEW
    assert report.history.first().history_user == accounts["collaborator"]


def test_without_a_roster_record_the_report_goes_to_the_accounts_unit(client_for, accounts,
                                                                     units):
    client_for(accounts["collaborator"]).post(NEW, report_data())
    assert OpinionReport.objects.get().unit == units["BK"]


def test_a_report_sent_twice_is_kept_once(client_for, accounts, units):
    client = client_for(accounts["collaborator"])
    data = report_data()
    client.post(NEW, data)
    client.post(NEW, data)
    assert OpinionReport.objects.count() == 1


@pytest.mark.parametrize("field,value,message", [
    ("topic", "", "bắt buộc"), ("topic", "gossip", "lựa chọn hợp lệ"),
    ("summary", "ồn", "ít nhất một câu"), ("sentiment", "", "bắt buộc"),
])
def test_bad_reports_are_refused_in_vietnamese(client_for, accounts, units, field, value,
                                               message):
    response = client_for(accounts["collaborator"]).post(NEW, report_data(**{field: value}))
    assert message in " ".join(response.context["form"].errors[field])
    assert 'invalid-feedback' in response.content.decode()
    assert not OpinionReport.objects.exists()


def test_members_cannot_file_reports(client_for, accounts):
    assert client_for(accounts["member"]).post(NEW, report_data()).status_code == 403
    assert not OpinionReport.objects.exists()


def test_a_collaborator_sees_only_their_own_reports(client_for, accounts, units):
    mine = OpinionReportFactory(unit=units["BK"], author=accounts["collaborator"],
                                summary="Phiếu của tôi về lương")
    other = OpinionReportFactory(unit=units["BK"], summary="Phiếu của người khác")
    client = client_for(accounts["collaborator"])
    page = client.get(LIST).content.decode()
    assert "Phiếu của tôi về lương" in page and "Phiếu của người khác" not in page
    assert client.get(mine.get_absolute_url()).status_code == 200
    assert client.get(other.get_absolute_url()).status_code == 404
    url = reverse("collaborators:report_review", args=[mine.pk])
    assert client.post(url, {"action": "review"}).status_code == 403


def test_officer_queue_shows_waiting_reports_of_their_subtree(client_for, accounts, units):
    OpinionReportFactory(unit=units["BK-KHMT-T1"], summary="Chờ ở tổ công đoàn")
    OpinionReportFactory(unit=units["BK"], summary="Đã xem rồi", status="reviewed",
                         reviewed_at="2026-01-01T00:00:00Z")
    OpinionReportFactory(unit=units["KHTN"], summary="Của Tự Nhiên")
    client = client_for(accounts["officer"])
    page = client.get(LIST).content.decode()
    assert "Chờ ở tổ công đoàn" in page
    assert "Đã xem rồi" not in page and "Của Tự Nhiên" not in page
    page = client.get(LIST, {"status": ""}).content.decode()
    assert "Đã xem rồi" in page and "Của Tự Nhiên" not in page


def test_the_queue_filters_by_filing_days_and_attention(client_for, accounts, units):
    now, today = timezone.now(), timezone.localdate()
    for summary, days_ago, fields in (("Khẩn tuần trước", 7, {"urgency": "urgent"}),
                                      ("Lan rộng tuần trước", 6, {"spread": "widespread"}),
                                      ("Bình thường tuần trước", 6, {}),
                                      ("Khẩn tháng trước", 40, {"urgency": "urgent"})):
        OpinionReportFactory(unit=units["BK-CK"], summary=summary,
                             created_at=now - timedelta(days=days_ago), **fields)
    OpinionReportFactory(unit=units["KHTN"], summary="Khẩn của Tự Nhiên", urgency="urgent",
                         created_at=now - timedelta(days=6))
    client = client_for(accounts["officer"])
    recent = {"status": "", "start": (today - timedelta(days=10)).isoformat(),
              "end": today.isoformat()}
    page = client.get(LIST, recent).content.decode()
    assert "Khẩn tuần trước" in page and "Bình thường tuần trước" in page
    assert "Khẩn tháng trước" not in page and "Khẩn của Tự Nhiên" not in page
    page = client.get(LIST, recent | {"attention": "1"}).content.decode()
    assert "Khẩn tuần trước" in page and "Lan rộng tuần trước" in page
    assert "Bình thường tuần trước" not in page and "Khẩn tháng trước" not in page
    # the last day counts whole
    page = client.get(LIST, {"status": "", "end": (today - timedelta(days=6)).isoformat(),
                             "start": (today - timedelta(days=6)).isoformat()}).content.decode()
    assert "Lan rộng tuần trước" in page and "Khẩn tuần trước" not in page


def test_a_reversed_day_range_is_explained_and_not_applied(client_for, accounts, units):
    OpinionReportFactory(unit=units["BK"], summary="Ý kiến hôm nay")
    today = timezone.localdate()
    page = client_for(accounts["officer"]).get(LIST, {
        "status": "", "start": today.isoformat(),
        "end": (today - timedelta(days=5)).isoformat()}).content.decode()
    assert "Ngày đầu đứng sau ngày cuối: danh sách chưa được lọc theo ngày." in page
    assert "Ý kiến hôm nay" in page


def test_officer_reviews_comments_and_escalates(client_for, accounts, units,
                                                django_capture_on_commit_callbacks):
    report = OpinionReportFactory(unit=units["BK-CK"], author=accounts["collaborator"],
                                  urgency="urgent")
    heard = []
    opinion_report_escalated.connect(lambda sender, report, by, **kw: heard.append(report.pk),
                                     weak=False, dispatch_uid="test")
    try:
        client = client_for(accounts["officer"])
        url = reverse("collaborators:report_review", args=[report.pk])
        client.post(url, {"action": "comment", "body": "Đã chuyển phòng Tài chính."})
        report.refresh_from_db()
        assert report.status == "new" and report.comments.get().author == accounts["officer"]
        client.post(url, {"action": "review", "body": ""})
        report.refresh_from_db()
        assert report.status == "reviewed" and report.reviewed_by == accounts["officer"]
        escalate = reverse("collaborators:report_escalate", args=[report.pk])
        response = client.post(escalate, {"note": ""})
        assert "bắt buộc" in " ".join(response.context["form"].errors["note"])
        with django_capture_on_commit_callbacks(execute=True):
            client.post(escalate, {"note": "Nhiều người bức xúc, cần đối thoại."})
        report.refresh_from_db()
        assert report.status == "escalated" and report.escalated_by == accounts["officer"]
        assert report.escalation_note == "Nhiều người bức xúc, cần đối thoại."
        assert heard == [report.pk]
        with django_capture_on_commit_callbacks(execute=True):
            client.post(escalate, {"note": "lần hai"})
        assert heard == [report.pk]  # once
    finally:
        opinion_report_escalated.disconnect(dispatch_uid="test")
    # the collaborator who filed it sees the officer's comment and the new status
    page = client_for(accounts["collaborator"]).get(report.get_absolute_url()).content.decode()
    assert "Đã chuyển phòng Tài chính." in page and "Đã chuyển thành vụ việc" in page


def test_an_officer_cannot_act_on_another_units_report(client_for, accounts, units):
    report = OpinionReportFactory(unit=units["KHTN"])
    client = client_for(accounts["officer"])
    assert client.get(report.get_absolute_url()).status_code == 404
    url = reverse("collaborators:report_review", args=[report.pk])
    assert client.post(url, {"action": "review"}).status_code == 404
    escalate = reverse("collaborators:report_escalate", args=[report.pk])
    assert client.post(escalate, {"note": "x"}).status_code == 404
    report.refresh_from_db()
    assert report.status == "new" and not report.comments.exists()


def test_an_empty_comment_changes_nothing(client_for, accounts, units):
    report = OpinionReportFactory(unit=units["BK"])
    response = client_for(accounts["officer"]).post(
        reverse("collaborators:report_review", args=[report.pk]),
        {"action": "comment", "body": "  "}, follow=True)
    assert "Hãy viết ý kiến trước" in response.content.decode()
    assert not report.comments.exists()
