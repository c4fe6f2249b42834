import pytest
from django.urls import reverse

from reports.models import Report
from reports.services import report_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def bk_report(units, media, period, run_jobs):
    report = run_jobs(report_request, kind="monthly", period=period, scope=units["BK"], by=None)
    report.refresh_from_db()
    return report


def test_officer_lists_and_downloads_their_units_report(client_for, accounts, bk_report):
    client = client_for(accounts["officer"])
    page = client.get(reverse("reports:list")).content.decode()
    assert "01/BC-CĐBK" in page and "Đã xong" in page
    response = client.get(reverse("reports:download", args=[bk_report.pk, "pdf"]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert response["Content-Disposition"] == (
        'attachment; filename="bao-cao-thang-10-2026-bk.pdf"')


@pytest.mark.parametrize("kind,start,end,name", [
    ("monthly", "2026-09-20", "2026-10-19", "bao-cao-thang-10-2026"),
    ("quarterly", "2026-06-20", "2026-09-19", "bao-cao-quy-3-2026"),
    ("six_month", "2025-12-20", "2026-06-19", "bao-cao-6-thang-2026"),
    ("annual", "2025-12-20", "2026-11-19", "bao-cao-nam-2026"),
])
def test_download_names_are_vietnamese_without_diacritics(units, kind, start, end, name):
    from datetime import date

    report = Report(kind=kind, scope=units["CDDHQG"], period_start=date.fromisoformat(start),
                    period_end=date.fromisoformat(end))
    assert report.download_name == name
    assert name.isascii() and "monthly" not in name


def test_another_units_officer_cannot_see_or_download_or_regenerate(client_for, accounts,
                                                                    bk_report):
    client = client_for(accounts["officer2"])
    assert "01/BC-CĐBK" not in client.get(reverse("reports:list")).content.decode()
    for url in [reverse("reports:detail", args=[bk_report.pk]),
                reverse("reports:download", args=[bk_report.pk, "pdf"]),
                reverse("reports:download", args=[bk_report.pk, "docx"])]:
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("reports:regenerate", args=[bk_report.pk])).status_code == 404
    bk_report.refresh_from_db()
    assert bk_report.generation == 1


@pytest.mark.parametrize("role", ["member", "collaborator"])
def test_members_have_no_reports(client_for, accounts, bk_report, role):
    client = client_for(accounts[role])
    assert client.get(reverse("reports:list")).status_code == 403
    assert client.get(reverse("reports:download", args=[bk_report.pk, "pdf"])).status_code in (
        403, 404)


def test_asking_for_a_report_follows_it_on_its_page(client_for, accounts, units, media,
                                                   django_capture_on_commit_callbacks):
    client = client_for(accounts["officer"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:new"), {
            "kind": "quarterly", "scope": units["BK"].pk,
            "period_start": "2026-06-20", "period_end": "2026-09-19"})
    report = Report.objects.get()
    assert response.url == report.get_absolute_url()
    page = client.get(response.url).content.decode()
    assert "Báo cáo giao ban quý" in page and "Tải PDF" in page


@pytest.mark.parametrize("data,field,message", [
    ({"period_start": "2026-09-19", "period_end": "2026-06-20"}, "period_end", "sau ngày bắt đầu"),
    ({"period_start": "2026-06-20", "period_end": "2099-01-01"}, "period_end", "chưa kết thúc"),
    ({"period_start": "20/13/2026", "period_end": "2026-09-19"}, "period_start", "Nhập một ngày"),
])
def test_bad_periods_get_a_vietnamese_message_and_nothing_is_made(client_for, accounts, units,
                                                                  data, field, message):
    client = client_for(accounts["officer"])
    response = client.post(reverse("reports:new"),
                           {"kind": "monthly", "scope": units["BK"].pk, **data})
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not Report.objects.exists()


def test_an_officer_cannot_ask_for_another_units_report(client_for, accounts, units):
    response = client_for(accounts["officer"]).post(reverse("reports:new"), {
        "kind": "monthly", "scope": units["KHTN"].pk,
        "period_start": "2026-09-20", "period_end": "2026-10-19"})
    assert "Anh/chị không thể yêu cầu báo cáo về đơn vị này" in " ".join(
        response.context["form"].errors["scope"])
    assert not Report.objects.exists()


def test_asking_again_for_a_finished_report_says_it_is_ready(client_for, accounts, units,
                                                              bk_report):
    client = client_for(accounts["officer"])
    response = client.post(reverse("reports:new"), {
        "kind": "monthly", "scope": units["BK"].pk,
        "period_start": "2026-09-20", "period_end": "2026-10-19"}, follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == bk_report.get_absolute_url()
    assert "đang được chuẩn bị" not in page and "đang được tạo" not in page
    assert "đã được lập" in page and "Tải PDF" in page


def test_the_polled_fragment_brings_the_number_once_the_job_gives_it(client_for, accounts,
                                                                     units, media, period):
    """A new report has no number until its job claims it: the page that polls its status
    shows the number then, without a reload (it showed "…" until one)."""
    from reports.services import _claim

    report = report_request(kind="monthly", period=period, scope=units["BK"], by=None)
    client = client_for(accounts["officer"])
    page = client.get(report.get_absolute_url()).content.decode()
    assert "…/BC-CĐBK" in page and 'hx-trigger="every 2s"' in page
    _claim(report.pk, report.generation)
    fragment = client.get(report.get_absolute_url(), HTTP_HX_REQUEST="true").content.decode()
    assert 'id="report-status"' in fragment and "01/BC-CĐBK" in fragment
    assert "…/BC-CĐBK" not in fragment
    assert 'id="report-crumb"' in fragment and 'hx-swap-oob="true"' in fragment


def test_status_fragment_polls_while_in_progress_and_stops_when_done(client_for, accounts,
                                                                     units, bk_report):
    from reports.services import report_regenerate

    client = client_for(accounts["officer"])
    report_regenerate(report=bk_report, by=None)  # queued, job not run
    fragment = client.get(bk_report.get_absolute_url(), HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 2s"' in fragment and "<html" not in fragment
    assert "Tải PDF" in fragment  # the previous version stays available
    Report.objects.filter(pk=bk_report.pk).update(status="done", rendered_generation=2)
    fragment = client.get(bk_report.get_absolute_url(), HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" not in fragment


def test_home_tells_the_officer_about_new_and_failed_reports(client_for, accounts, bk_report):
    page = client_for(accounts["officer"]).get(reverse("home")).content.decode()
    assert "Báo cáo mới sẵn sàng để xem và ký" in page
    assert "tạo bị lỗi" not in page
    Report.objects.filter(pk=bk_report.pk).update(status="failed")
    page = client_for(accounts["officer"]).get(reverse("home")).content.decode()
    assert "Báo cáo tạo bị lỗi" in page
    other = client_for(accounts["officer2"]).get(reverse("home")).content.decode()
    assert "Báo cáo tạo bị lỗi" not in other
