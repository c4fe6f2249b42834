"""The pages: an officer drafts, writes and sends; the committee acknowledges and sees who
has not reported; refusals say why in Vietnamese."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from reports.models import UnitReport
from reports.unit_reports.services import unit_report_submit

pytestmark = pytest.mark.django_db


def _month(delta: int = 1) -> date:
    from portal.periods import months_before

    return months_before(timezone.localdate().replace(day=1), delta)


def _issue_forms(**issue) -> dict:
    data = {"issues-TOTAL_FORMS": "1", "issues-INITIAL_FORMS": "0",
            "issues-MIN_NUM_FORMS": "0", "issues-MAX_NUM_FORMS": "20"}
    data.update({f"issues-0-{k}": v for k, v in issue.items()})
    return data


def test_an_officer_drafts_writes_and_sends_the_monthly_report(client_for, accounts, units):
    client = client_for(accounts["officer"])
    month = _month()
    response = client.post(reverse("reports:unit_report_new"), {
        "kind": "periodic", "unit": units["BK"].pk, "month": f"{month:%Y-%m}"})
    report = UnitReport.objects.get(unit=units["BK"], month=month)
    assert response.status_code == 302 and response["Location"].endswith(
        reverse("reports:unit_report_edit", args=[report.pk]))
    page = client.get(response["Location"]).content.decode()
    assert "Tâm trạng chung" in page
    response = client.post(response["Location"], {
        "mood": "worried", "mood_note": "Viên chức lo lắng về thu nhập.",
        "situation": "Tình hình ổn định.", "forecast": "Cần theo dõi.",
        "recommendations": "Đề nghị đối thoại.", "submit": "1",
        **_issue_forms(topic="Thu nhập tăng thêm", direction="opposing", intensity="high",
                       spread="unit", handling="")})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == UnitReport.Status.SUBMITTED and report.number == 1
    assert report.issues.get().topic == "Thu nhập tăng thêm"
    page = client.get(report.get_absolute_url()).content.decode()
    assert "Thu nhập tăng thêm" in page and "Đã gửi" in page
    # Once sent, the edit page refuses.
    response = client.get(reverse("reports:unit_report_edit", args=[report.pk]), follow=True)
    assert "không thể thay đổi nữa" in response.content.decode()


def test_a_future_month_is_refused_in_vietnamese(client_for, accounts, units):
    response = client_for(accounts["officer"]).post(reverse("reports:unit_report_new"), {
        "kind": "periodic", "unit": units["BK"].pk, "month": "2099-01"})
    assert response.status_code == 200
    assert "Vui lòng chọn một tháng đã bắt đầu" in response.content.decode()
    assert not UnitReport.objects.exists()


def test_an_officer_cannot_pick_another_unit(client_for, accounts, units):
    response = client_for(accounts["officer"]).post(reverse("reports:unit_report_new"), {
        "kind": "periodic", "unit": units["KHTN"].pk, "month": f"{_month():%Y-%m}"})
    assert "không thể gửi báo cáo cho đơn vị này" in response.content.decode()
    assert not UnitReport.objects.exists()


def test_sending_twice_says_so(client_for, accounts, draft):
    client = client_for(accounts["officer"])
    url = reverse("reports:unit_report_submit", args=[draft.pk])
    client.post(url)
    response = client.post(url, follow=True)
    assert "đã được gửi ngày" in response.content.decode()
    assert UnitReport.objects.get(pk=draft.pk).number == 1


def test_the_committee_acknowledges_and_the_officer_cannot(client_for, accounts, draft):
    unit_report_submit(report=draft, by=accounts["officer"])
    url = reverse("reports:unit_report_acknowledge", args=[draft.pk])
    assert client_for(accounts["officer"]).post(url, {"comment": "x"}).status_code == 403
    assert UnitReport.objects.get(pk=draft.pk).status == UnitReport.Status.SUBMITTED
    response = client_for(accounts["committee"]).post(url, {"comment": "Đã nhận."},
                                                       follow=True)
    assert "Đã ghi nhận báo cáo" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == UnitReport.Status.ACKNOWLEDGED and draft.acknowledgement == "Đã nhận."


def test_the_download_makes_the_files_when_its_job_has_not_run(client_for, accounts, draft,
                                                                media):
    unit_report_submit(report=draft, by=accounts["officer"])  # on_commit never runs here
    response = client_for(accounts["officer"]).get(
        reverse("reports:unit_report_download", args=[draft.pk, "pdf"]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert "bao-cao-du-luan-bk-thang-10-2026.pdf" in response["Content-Disposition"]


def test_a_draft_has_no_file(client_for, accounts, draft):
    response = client_for(accounts["officer"]).get(
        reverse("reports:unit_report_download", args=[draft.pk, "pdf"]))
    assert response.status_code == 404


def test_the_status_page_is_the_committees(client_for, accounts):
    assert client_for(accounts["officer"]).get(
        reverse("reports:unit_report_status")).status_code == 403


def test_who_reported_on_time_late_or_not_at_all(client_for, accounts, units, draft):
    from datetime import datetime

    sent = unit_report_submit(report=draft, by=accounts["officer"])
    UnitReport.objects.filter(pk=sent.pk).update(
        submitted_at=timezone.make_aware(datetime(2026, 11, 7, 9)))
    response = client_for(accounts["committee"]).get(
        reverse("reports:unit_report_status"), {"last": "2026-10", "months": "3"})
    lines = {line.unit.code: line for line in response.context["lines"]}
    if timezone.localdate() > date(2026, 11, 5):
        assert lines["BK"].cells[-1].state == "late"
        assert lines["KHTN"].cells[-1].state == "missing"
    page = response.content.decode()
    assert "trễ hạn" in page and "Công đoàn Trường Đại học Khoa học Tự nhiên" in page
