"""Asking for, generating, numbering and regenerating reports (jobs run eagerly here)."""

import re
import subprocess
from datetime import date
from pathlib import Path

import pytest
from django.core import mail

from reports.models import Report
from reports.periods import Period
from reports.services import (
    ReportRequestError,
    report_issue,
    report_regenerate,
    report_render,
    report_request,
)
from tests.reports.conftest import pdf_text

pytestmark = pytest.mark.django_db


def files_in(media) -> list[str]:
    return sorted(p.name for p in Path(media).rglob("*") if p.is_file())


def test_a_requested_report_comes_out_numbered_in_the_official_layout(
        units, accounts, media, period, run_jobs):
    report = run_jobs(report_request, kind="monthly", period=period, scope=units["CDDHQG"],
                      by=accounts["committee"])
    report.refresh_from_db()
    assert report.status == "done" and report.number is None  # a draft until it is issued
    report = run_jobs(report_issue, report=report, by=accounts["committee"])
    report.refresh_from_db()
    assert report.status == "done" and report.number == 1
    info = subprocess.run(["pdfinfo", report.pdf.path], capture_output=True, text=True,
                          check=True).stdout
    pages = re.search(r"^Pages:\s+(\d+)$", info, re.M)
    assert pages and int(pages[1]) == report.page_count  # the count the report page shows
    text = pdf_text(report.pdf.path)
    for line in ["TỔNG LIÊN ĐOÀN LAO ĐỘNG", "CÔNG ĐOÀN ĐHQG-HCM", "Số: 01/BC-CĐĐHQG",
                 "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                 "TP. Hồ Chí Minh, ngày", "BÁO CÁO", "Tình hình dư luận xã hội tháng 10/2026",
                 "Nơi nhận:", "Lưu: VT.", "TM. BAN THƯỜNG VỤ", "CHỦ TỊCH", "Trần Anh Cường",
                 "từ ngày 20/09/2026 đến ngày 19/10/2026"]:
        assert line in text, line
    assert files_in(media) == [f"{report.pk}-monthly-g2.docx", f"{report.pk}-monthly-g2.pdf"]


def test_the_word_file_carries_the_same_header_and_title(units, media, period, run_jobs):
    from docx import Document

    report = run_jobs(report_request, kind="monthly", period=period, scope=units["BK"], by=None)
    report.refresh_from_db()
    document = Document(report.docx.path)
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert "BÁO CÁO" in text and "của Công đoàn Trường Đại học Bách khoa" in text
    assert "Số: 01/BC-CĐBK" in cells and "Độc lập - Tự do - Hạnh phúc" in cells
    assert "Nơi nhận:" in cells and "- Lưu: VT." in cells


def test_the_pdf_embeds_one_serif_family_only(units, media, period, run_jobs):
    import subprocess

    report = run_jobs(report_request, kind="monthly", period=period, scope=units["CDDHQG"],
                      by=None)
    report.refresh_from_db()
    fonts = subprocess.run(["pdffonts", report.pdf.path], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    families = {line.split()[0].split("+")[1].split("-")[0] for line in fonts}
    assert families == {"Portal"}, fonts  # the shipped Liberation Serif, nothing else
    assert all(" yes " in line for line in fonts)  # embedded


def test_asking_twice_gives_the_same_report_and_one_job(units, media, period, run_jobs):
    first = run_jobs(report_request, kind="monthly", period=period, scope=units["CDDHQG"],
                     by=None)
    second = run_jobs(report_request, kind="monthly", period=period, scope=units["CDDHQG"],
                      by=None)
    assert first.pk == second.pk
    assert Report.objects.count() == 1 and len(files_in(media)) == 2


@pytest.mark.parametrize("start,end,message", [
    (date(2026, 10, 19), date(2026, 9, 20), "sau ngày kết thúc"),
    (date(2026, 11, 20), date(2099, 1, 1), "chưa kết thúc"),
])
def test_reversed_or_future_periods_are_refused(units, start, end, message):
    from django.utils import translation

    with translation.override("vi"), pytest.raises(ReportRequestError) as error:
        report_request(kind="monthly", period=Period(start, end), scope=units["BK"], by=None)
    assert message in str(error.value)
    assert not Report.objects.exists()


def test_numbers_follow_per_symbol_and_restart_each_year(units, accounts, media, run_jobs):
    def make(scope, end):
        report = run_jobs(report_request, kind="monthly",
                          period=Period(date(end.year, end.month - 1, 20), end),
                          scope=units[scope], by=None)
        report.refresh_from_db()
        if report.is_draft:  # the university's report is numbered when the committee issues it
            report = run_jobs(report_issue, report=report, by=accounts["committee"])
        report.refresh_from_db()
        return report.number_label

    assert make("CDDHQG", date(2025, 10, 19)) == "01/BC-CĐĐHQG"
    assert make("CDDHQG", date(2025, 11, 19)) == "02/BC-CĐĐHQG"
    assert make("BK", date(2025, 11, 19)) == "01/BC-CĐBK"
    assert make("CDDHQG", date(2026, 2, 19)) == "01/BC-CĐĐHQG"


def test_regenerating_keeps_the_old_file_until_the_new_one_is_done(units, media, period,
                                                                   run_jobs):
    report = run_jobs(report_request, kind="monthly", period=period, scope=units["BK"], by=None)
    report.refresh_from_db()
    old_pdf = report.pdf.name
    queued = report_regenerate(report=report, by=None)  # the job has not run yet
    assert queued.status == "queued" and queued.pdf.name == old_pdf
    assert Path(queued.pdf.path).exists()
    run_jobs(report_render, report_id=report.pk, generation=queued.generation)
    report.refresh_from_db()
    assert report.status == "done" and report.pdf.name.endswith("-g2.pdf")
    assert report.number == 1  # the same document, same number
    assert not (Path(media) / old_pdf).exists()


def test_a_job_delivered_twice_leaves_one_report_and_one_file(units, media, period, run_jobs):
    report = run_jobs(report_request, kind="monthly", period=period, scope=units["BK"], by=None)
    assert report_render(report_id=report.pk, generation=1) is None  # already rendered
    assert Report.objects.count() == 1 and len(files_in(media)) == 2


def test_a_failing_render_says_why_and_keeps_the_previous_version(units, media, period,
                                                                  run_jobs, monkeypatch):
    from reports import render_pdf, tasks

    report = run_jobs(report_request, kind="monthly", period=period, scope=units["BK"], by=None)
    report.refresh_from_db()
    old_pdf = report.pdf.name

    def broken(doc):
        raise RuntimeError("font missing")

    monkeypatch.setattr(render_pdf, "render_pdf", broken)
    monkeypatch.setattr(tasks.report_generate, "max_retries", 0)
    run_jobs(report_regenerate, report=report, by=None)
    report.refresh_from_db()
    assert report.status == "failed" and "font missing" in report.error
    assert report.pdf.name == old_pdf and Path(report.pdf.path).exists()


def test_recipients_are_told_when_a_report_is_done(units, accounts, media, period, run_jobs):
    report = run_jobs(report_request, kind="monthly", period=period, scope=units["BK"], by=None)
    report.refresh_from_db()
    to = sorted(m.to[0] for m in mail.outbox)
    assert to == ["admin@demo.vnuhcm.edu.vn", "committee@demo.vnuhcm.edu.vn",
                  "officer@demo.vnuhcm.edu.vn"]
    assert f"/bao-cao/{report.pk}/" in mail.outbox[0].body
    assert "01/BC-CĐBK" in mail.outbox[0].subject


def test_the_schedule_makes_the_university_report_and_one_per_grassroots_union(
        units, media, run_jobs):
    from django_celery_beat.models import PeriodicTask

    from reports.tasks import reports_run_schedule

    assert PeriodicTask.objects.filter(task="reports.run_schedule",
                                       kwargs='{"kind": "monthly"}',
                                       crontab__day_of_month="20").exists()
    run_jobs(reports_run_schedule, "monthly")
    made = Report.objects.filter(kind="monthly")
    assert made.count() == 14  # the VNU-HCM Union and its 13 grassroots unions
    assert set(made.values_list("status", flat=True)) == {"done"}
