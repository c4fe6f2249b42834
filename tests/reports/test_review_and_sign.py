"""The committee's own monthly report is a draft until it is issued: the committee writes
its introduction and recommendations, then issues it, which numbers it and makes the
signed files. A unit's report keeps its number from generation."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from reports.models import Report
from reports.services import ReportRequestError, report_issue, report_request, report_review
from tests.reports.conftest import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(units, accounts, media, period, run_jobs):
    report = run_jobs(report_request, kind="monthly", period=period, scope=units["CDDHQG"],
                      by=accounts["committee"])
    report.refresh_from_db()
    return report


def test_the_draft_has_no_number_and_the_review_goes_into_the_pdf(draft, accounts, run_jobs):
    assert draft.is_draft and draft.number is None and "…/BC-CĐĐHQG" in pdf_text(draft.pdf.path)
    report = run_jobs(report_review, report=draft, by=accounts["committee"],
                      introduction="Ban Thường vụ báo cáo tình hình tháng 10 như sau:",
                      recommendations="Đề nghị ĐHQG-HCM sớm ban hành quy chế chi tiêu.\n\n"
                                      "Đề nghị tổ chức đối thoại với viên chức trẻ.")
    report.refresh_from_db()
    text = pdf_text(report.pdf.path)
    assert "Ban Thường vụ báo cáo tình hình tháng 10 như sau:" in text
    assert "Đề nghị tổ chức đối thoại với viên chức trẻ." in text
    assert report.number is None and report.generation == 2


def test_issuing_numbers_it_once_and_closes_it(draft, accounts, run_jobs):
    report = run_jobs(report_issue, report=draft, by=accounts["committee"])
    report.refresh_from_db()
    assert report.number_label == "01/BC-CĐĐHQG" and report.issued_by == accounts["committee"]
    assert "Số: 01/BC-CĐĐHQG" in pdf_text(report.pdf.path)
    with pytest.raises(ReportRequestError, match="đã được ban hành"):
        report_issue(report=report, by=accounts["committee"])
    with pytest.raises(ReportRequestError, match="không thể thay đổi"):
        report_review(report=report, by=accounts["committee"], introduction="Sửa",
                      recommendations="")
    report.refresh_from_db()
    assert report.number == 1 and report.introduction == ""


def test_an_officer_cannot_review_or_issue_the_universitys_report(draft, accounts):
    with pytest.raises(PermissionDenied):
        report_review(report=draft, by=accounts["officer"], introduction="x", recommendations="")
    with pytest.raises(PermissionDenied):
        report_issue(report=draft, by=accounts["officer"])
    draft.refresh_from_db()
    assert draft.number is None and draft.introduction == ""


def test_a_draft_still_being_made_cannot_be_issued(units, accounts, period):
    report = report_request(kind="monthly", period=period, scope=units["CDDHQG"],
                            by=accounts["committee"])  # its job never ran
    with pytest.raises(ReportRequestError, match="chưa sẵn sàng"):
        report_issue(report=report, by=accounts["committee"])
    assert Report.objects.get(pk=report.pk).number is None


def test_the_pages(draft, accounts, client_for):
    client = client_for(accounts["committee"])
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "Ban hành báo cáo" in page
    response = client.post(reverse("reports:review", args=[draft.pk]),
                           {"introduction": "", "recommendations": ""})
    assert "Trường này là bắt buộc" in response.content.decode()
    response = client.post(reverse("reports:issue", args=[draft.pk]), follow=True)
    assert "01/BC-CĐĐHQG" in response.content.decode()
