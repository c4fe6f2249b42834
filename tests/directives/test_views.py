"""The pages: the committee drafts, publishes and reads the matrix; an officer reports."""

from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse

from directives.models import Directive, DirectiveTask, TaskProgress

from .conftest import pdf

pytestmark = pytest.mark.django_db


def test_the_committee_publishes_and_sees_every_union_on_one_screen(units, accounts,
                                                                     client_for):
    client = client_for(accounts["committee"])
    response = client.post(reverse("directives:create"), {
        "unit": units["CDDHQG"].pk, "number": "20/CĐ-ĐHQG", "issued_on": "01/03/2026",
        "issuer": "Ban Thường vụ Công đoàn ĐHQG-HCM", "subject": "Về đối thoại năm 2026",
        "body": "Đề nghị các đơn vị **tổ chức đối thoại**.",
        "attachment": pdf("cong-van.pdf")})
    directive = Directive.objects.get(number="20/CĐ-ĐHQG")
    assert response.status_code == 302 and directive.attachment
    response = client.post(reverse("directives:task_create", args=[directive.pk]), {
        "number": "1", "title": "Tổ chức hội nghị đối thoại", "description": "",
        "area": "dialogue", "rhythm": "once", "due_on": "30/06/2026",
        "target_unit": units["CDDHQG"].pk})
    assert response.status_code == 302
    response = client.post(reverse("directives:publish", args=[directive.pk]), follow=True)
    assert "Đã ban hành văn bản" in response.content.decode()
    page = client.get(reverse("directives:matrix", args=[directive.pk])).content.decode()
    for code in ("BK", "KHTN", "QT", "CNTT"):
        assert f">{code}<" in page
    assert "Chưa thực hiện" in page
    attachment = client.get(reverse("directives:attachment", args=[directive.pk]))
    assert attachment.status_code == 200 and attachment["Cache-Control"] == "private, no-store"


def test_a_due_date_before_the_directive_is_refused_on_the_form(draft, accounts, client_for,
                                                                 units):
    response = client_for(accounts["committee"]).post(
        reverse("directives:task_create", args=[draft.pk]), {
            "number": "5", "title": "Sớm quá", "area": "surveys", "rhythm": "once",
            "due_on": "01/01/2026", "target_unit": units["CDDHQG"].pk})
    assert response.status_code == 200
    assert "Thời hạn không thể trước ngày của văn bản" in response.content.decode()
    response = client_for(accounts["committee"]).post(
        reverse("directives:task_create", args=[draft.pk]), {
            "number": "5", "title": "Không đơn vị", "area": "surveys", "rhythm": "once",
            "due_on": "01/04/2026", "target_unit": ""})
    assert "chọn đơn vị thực hiện" in response.content.decode()
    assert not DirectiveTask.objects.filter(number=5).exists()


def test_the_officer_reports_progress_with_evidence_and_sees_its_history(published, accounts,
                                                                         client_for):
    row = TaskProgress.objects.get(task__directive=published, task__number=1,
                                   unit=accounts["officer"].unit)
    client = client_for(accounts["officer"])
    url = reverse("directives:progress", args=[row.pk])
    response = client.post(url, {"status": "done", "note": "Đã kiện toàn mạng lưới.",
                                 "evidence": pdf(), "evidence_link": "/cong-tac-vien/"})
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.status == "done" and row.evidence and row.evidence_link == "/cong-tac-vien/"
    page = client.get(url).content.decode()
    assert "Lịch sử thay đổi" in page and "Đã kiện toàn mạng lưới." in page
    assert client.get(reverse("directives:evidence", args=[row.pk])).status_code == 200


def test_a_bad_link_is_shown_on_the_form_and_nothing_is_stored(published, accounts,
                                                               client_for):
    row = TaskProgress.objects.get(task__directive=published, task__number=1,
                                   unit=accounts["officer"].unit)
    response = client_for(accounts["officer"]).post(
        reverse("directives:progress", args=[row.pk]),
        {"status": "done", "note": "x", "evidence_link": "https://example.com/"})
    assert response.status_code == 200
    assert "bên trong cổng" in response.content.decode()
    row.refresh_from_db()
    assert row.status == "not_started" and row.note == ""


def test_another_unit_cannot_open_or_report_a_units_progress(published, accounts, client_for):
    row = TaskProgress.objects.get(task__directive=published, task__number=1,
                                   unit=accounts["officer"].unit)
    client = client_for(accounts["officer2"])
    assert client.get(reverse("directives:progress", args=[row.pk])).status_code == 404
    assert client.post(reverse("directives:progress", args=[row.pk]),
                       {"status": "done"}).status_code == 404
    row.refresh_from_db()
    assert row.status == "not_started"
    # Their own unit's row of the same directive is theirs.
    mine = TaskProgress.objects.get(task__directive=published, task__number=1,
                                    unit=accounts["officer2"].unit)
    assert client.get(reverse("directives:progress", args=[mine.pk])).status_code == 200
    # The matrix they see holds their unit only.
    page = client.get(reverse("directives:matrix", args=[published.pk])).content.decode()
    assert ">KHTN<" in page and ">BK<" not in page


def test_an_officer_cannot_edit_the_committees_directive(published, accounts, client_for):
    client = client_for(accounts["officer"])
    assert client.get(reverse("directives:detail", args=[published.pk])).status_code == 200
    assert client.get(reverse("directives:edit", args=[published.pk])).status_code == 404
    task = published.tasks.first()
    assert client.post(reverse("directives:task_edit", args=[task.pk]), {
        "number": "1", "title": "Đổi", "area": "network", "rhythm": "once",
        "due_on": "01/04/2026", "target_unit": accounts["officer"].unit_id}).status_code == 404
    task.refresh_from_db()
    assert task.title != "Đổi"


def test_members_have_no_directives_pages(published, accounts, client_for):
    client = client_for(accounts["member"])
    assert client.get(reverse("directives:list")).status_code == 403


def test_the_matrix_filters_by_area_and_status(published, accounts, client_for):
    from directives.services import progress_report

    row = TaskProgress.objects.select_related("task__directive", "unit").get(
        task__directive=published, task__number=1, unit=accounts["officer"].unit)
    progress_report(progress=row, by=accounts["officer"], status="done")
    client = client_for(accounts["committee"])
    url = reverse("directives:matrix", args=[published.pk])
    page = client.get(url, {"status": "done"}).content.decode()
    assert ">BK<" in page and ">KHTN<" not in page
    page = client.get(url, {"area": "briefings"}).content.decode()
    assert "Nhiệm vụ 2" in page and "Nhiệm vụ 1<" not in page


def test_the_matrix_exports_to_excel(published, accounts, client_for):
    from openpyxl import load_workbook

    response = client_for(accounts["committee"]).get(
        reverse("directives:matrix_export", args=[published.pk]))
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][:4] == ("Mã", "Đơn vị", "Nhiệm vụ 1", "Nhiệm vụ 2")
    bk = next(r for r in rows if r[0] == "BK")
    assert bk[1] == "Công đoàn Trường Đại học Bách khoa"
    assert bk[2] == "Chưa thực hiện · quá hạn"  # due 31/03/2026, long past


def test_the_progress_list_shows_what_is_overdue(published, accounts, client_for, settings):
    from django.utils import timezone

    TaskProgress.objects.filter(task__directive=published).update(due_on=date(2026, 1, 1))
    page = client_for(accounts["officer"]).get(reverse("directives:progress_list"),
                                               {"tinh-trang": "overdue"}).content.decode()
    assert "Kiện toàn mạng lưới cộng tác viên" in page and "quá hạn" in page
    assert timezone.localdate() > date(2026, 1, 1)


def test_the_home_page_lists_overdue_tasks(published, accounts, client_for):
    TaskProgress.objects.filter(task__directive=published).update(due_on=date(2026, 1, 1))
    page = client_for(accounts["officer"]).get(reverse("home")).content.decode()
    assert "Nhiệm vụ chỉ đạo quá hạn" in page


def _grow(units_count: int, tasks_count: int, committee):
    """A directive of `tasks_count` tasks over `units_count` grassroots unions."""
    from portal.models import Unit

    top = Unit.objects.get(parent=None)
    have = Unit.objects.filter(kind="grassroots").count()
    for i in range(have, units_count):
        Unit.objects.create(code=f"T{i}", name=f"Công đoàn thử {i}", kind="grassroots",
                            parent=top)
    directive = Directive.objects.create(unit=top, number=f"{units_count}/CĐ", subject="Thử",
                                         issued_on=date(2026, 1, 1), issuer="BTV")
    tasks = DirectiveTask.objects.bulk_create([
        DirectiveTask(directive=directive, number=n, title=f"Nhiệm vụ thử {n}",
                      area="leadership", due_on=date(2026, 6, 30), target_unit=top)
        for n in range(1, tasks_count + 1)])
    from directives.services import carrying_units

    carriers = carrying_units(top)
    TaskProgress.objects.bulk_create([
        TaskProgress(task=t, unit=u, period_start=directive.issued_on, due_on=t.due_on,
                     status="done" if (t.number + u.pk) % 3 == 0 else "not_started",
                     completed_on=date(2026, 2, 1) if (t.number + u.pk) % 3 == 0 else None)
        for t in tasks for u in carriers])
    Directive.objects.filter(pk=directive.pk).update(status="published",
                                                     published_at="2026-01-01T00:00:00Z")
    return directive


def test_the_matrix_query_count_does_not_grow_with_its_size(accounts, client_for,
                                                           django_assert_max_num_queries):
    client = client_for(accounts["committee"])
    small = _grow(13, 3, accounts["committee"])
    with django_assert_max_num_queries(12) as small_queries:
        assert client.get(reverse("directives:matrix", args=[small.pk])).status_code == 200
    large = _grow(40, 30, accounts["committee"])
    with django_assert_max_num_queries(len(small_queries.captured_queries)):
        response = client.get(reverse("directives:matrix", args=[large.pk]))
    assert response.content.decode().count('class="badge') >= 40 * 30
    with django_assert_max_num_queries(len(small_queries.captured_queries) + 2):
        assert client.get(reverse("directives:matrix_export",
                                  args=[large.pk])).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("directives:list")).status_code == 200
