"""Draft → submitted → acknowledged: each step, each refusal (a Vietnamese message, nothing
stored), and the officer of another unit refused."""

from datetime import date, datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from reports.models import ReportCounter, UnitReport, UnitReportIssue
from reports.models.unit_reports import due_on
from reports.unit_reports.services import (
    UnitReportError,
    unit_report_acknowledge,
    unit_report_start,
    unit_report_submit,
    unit_report_update,
)

from .conftest import ASSESSMENT, ISSUE

pytestmark = pytest.mark.django_db


def test_a_draft_is_due_on_the_fifth_of_the_next_month(draft):
    assert draft.status == UnitReport.Status.DRAFT
    assert draft.due_on == date(2026, 11, 5)
    assert [i.topic for i in draft.issues.all()] == ["Sắp xếp bộ máy"]


def test_the_due_day_is_a_setting(settings):
    settings.UNIT_REPORT_DUE_DAY = 10
    assert due_on(date(2026, 12, 1)) == date(2027, 1, 10)


def test_starting_the_same_month_twice_gives_the_same_draft(draft, accounts, units, october):
    again = unit_report_start(unit=units["BK"], kind="periodic", month=october,
                              by=accounts["officer"], today=date(2026, 11, 3))
    assert again.pk == draft.pk


def test_a_month_in_the_future_is_refused(accounts, units):
    with pytest.raises(UnitReportError, match="chưa bắt đầu"):
        unit_report_start(unit=units["BK"], kind="periodic", month=date(2026, 12, 1),
                          by=accounts["officer"], today=date(2026, 11, 2))
    assert not UnitReport.objects.exists()


def test_an_officer_cannot_start_a_report_for_another_unit(accounts, units, october):
    with pytest.raises(PermissionDenied):
        unit_report_start(unit=units["KHTN"], kind="periodic", month=october,
                          by=accounts["officer"], today=date(2026, 11, 2))
    assert not UnitReport.objects.exists()


def test_submitting_numbers_the_report_in_the_units_year(draft, accounts, run_jobs, media):
    report = run_jobs(unit_report_submit, report=draft, by=accounts["officer"])
    report.refresh_from_db()
    assert report.status == UnitReport.Status.SUBMITTED
    assert report.number_label == "01/BC-CĐBK"
    assert ReportCounter.objects.get(symbol="BC-CĐBK").last == 1
    assert report.pdf.name.endswith(".pdf") and report.docx.name.endswith(".docx")
    from tests.reports.conftest import pdf_text

    text = pdf_text(report.pdf.path)
    assert "Sắp xếp bộ máy" in text and "CÔNG ĐOÀN ĐHQG-HCM" in text


def test_a_report_is_submitted_once(draft, accounts):
    unit_report_submit(report=draft, by=accounts["officer"])
    with pytest.raises(UnitReportError, match="không thể thay đổi|không còn"):
        unit_report_submit(report=draft, by=accounts["officer"])
    assert ReportCounter.objects.get(symbol="BC-CĐBK").last == 1


def test_a_submitted_report_is_not_edited(draft, accounts):
    unit_report_submit(report=draft, by=accounts["officer"])
    with pytest.raises(UnitReportError):
        unit_report_update(report=draft, by=accounts["officer"],
                           fields={"forecast": "Sửa sau khi gửi"}, issues=[])
    draft.refresh_from_db()
    assert draft.forecast == ASSESSMENT["forecast"]
    assert UnitReportIssue.objects.filter(report=draft).count() == 1


def test_the_mood_is_required_to_submit(accounts, units, october):
    report = unit_report_start(unit=units["BK"], kind="periodic", month=october,
                               by=accounts["officer"], today=date(2026, 11, 2))
    with pytest.raises(UnitReportError, match="tâm trạng"):
        unit_report_submit(report=report, by=accounts["officer"])
    report.refresh_from_db()
    assert report.is_draft and report.number is None


def test_an_officer_of_another_unit_cannot_edit_or_submit(draft, accounts):
    with pytest.raises(PermissionDenied):
        unit_report_update(report=draft, by=accounts["officer2"], fields={"forecast": "x"},
                           issues=[])
    with pytest.raises(PermissionDenied):
        unit_report_submit(report=draft, by=accounts["officer2"])
    draft.refresh_from_db()
    assert draft.is_draft and draft.forecast == ASSESSMENT["forecast"]


def test_an_issue_with_a_wrong_direction_stores_nothing(draft, accounts):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        unit_report_update(report=draft, by=accounts["officer"], fields={"forecast": "Mới"},
                           issues=[{**ISSUE, "direction": "sideways"}])
    draft.refresh_from_db()
    assert draft.forecast == ASSESSMENT["forecast"] and draft.issues.count() == 1


def test_the_committee_acknowledges_with_a_comment(draft, accounts):
    unit_report_submit(report=draft, by=accounts["officer"])
    report = unit_report_acknowledge(report=draft, by=accounts["committee"],
                                     comment="Đã nhận, cảm ơn đơn vị.")
    assert report.status == UnitReport.Status.ACKNOWLEDGED
    assert report.acknowledged_by == accounts["committee"]
    assert report.history.count() >= 3
    with pytest.raises(UnitReportError, match="đã được ghi nhận"):
        unit_report_acknowledge(report=draft, by=accounts["committee"])


def test_only_the_committee_acknowledges(draft, accounts):
    unit_report_submit(report=draft, by=accounts["officer"])
    with pytest.raises(PermissionDenied):
        unit_report_acknowledge(report=draft, by=accounts["officer"], comment="Tự ghi nhận")
    draft.refresh_from_db()
    assert draft.status == UnitReport.Status.SUBMITTED and not draft.acknowledgement


def test_a_draft_cannot_be_acknowledged(draft, accounts):
    with pytest.raises(UnitReportError, match="bản nháp"):
        unit_report_acknowledge(report=draft, by=accounts["committee"])


def test_a_quick_report_needs_a_subject_and_is_never_late(accounts, units):
    with pytest.raises(UnitReportError, match="báo cáo nhanh"):
        unit_report_start(unit=units["KHTN"], kind="quick", subject=" ",
                          by=accounts["officer2"])
    quick = unit_report_start(unit=units["KHTN"], kind="quick", subject="Dự thảo quy chế",
                              by=accounts["officer2"])
    quick = unit_report_update(report=quick, by=accounts["officer2"], fields=ASSESSMENT,
                               issues=[])
    sent = unit_report_submit(report=quick, by=accounts["officer2"])
    assert sent.number == 1 and not sent.late


def test_late_is_after_the_due_day(draft, accounts):
    sent = unit_report_submit(report=draft, by=accounts["officer"])
    UnitReport.objects.filter(pk=sent.pk).update(
        submitted_at=timezone.make_aware(datetime(2026, 11, 6, 9)))
    sent.refresh_from_db()
    assert sent.late
