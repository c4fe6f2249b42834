"""The directives' rules: publishing, target units, due dates, who may write, evidence."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from directives.models import Directive, DirectiveTask, TaskProgress
from directives.services import (
    directive_delete,
    directive_publish,
    directive_save,
    progress_open_periods,
    progress_report,
    task_delete,
    task_save,
)
from portal.models import Unit

from .conftest import TODAY, pdf

pytestmark = pytest.mark.django_db


def _task_data(units, **changes):
    return {"number": 3, "title": "Khảo sát ý kiến viên chức", "description": "",
            "area": "surveys", "rhythm": "once", "due_on": date(2026, 4, 30),
            "target_unit": units["CDDHQG"], **changes}


def test_publishing_gives_each_task_to_every_grassroots_union(published, units):
    grassroots = Unit.objects.filter(kind=Unit.Kind.GRASSROOTS, is_active=True).count()
    once = TaskProgress.objects.filter(task__number=1, task__directive=published)
    assert once.count() == grassroots
    assert set(once.values_list("due_on", flat=True)) == {date(2026, 3, 31)}
    monthly = TaskProgress.objects.filter(task__number=2, task__directive=published)
    assert monthly.count() == grassroots
    assert set(monthly.values_list("period_start", "due_on")) == {
        (date(2026, 3, 1), date(2026, 3, 31))}
    assert published.is_published and published.published_at


def test_a_task_given_to_one_union_reaches_only_it(draft, units, accounts):
    task_save(directive=draft, by=accounts["committee"],
              data=_task_data(units, target_unit=units["BK"]))
    directive_publish(directive=draft, by=accounts["committee"], today=TODAY)
    rows = TaskProgress.objects.filter(task__number=3, task__directive=draft)
    assert list(rows.values_list("unit__code", flat=True)) == ["BK"]


def test_a_due_date_before_the_directive_is_refused(draft, units, accounts):
    with pytest.raises(ValidationError) as error:
        task_save(directive=draft, by=accounts["committee"],
                  data=_task_data(units, due_on=date(2026, 2, 1)))
    assert "không thể trước ngày của văn bản" in str(error.value)
    assert draft.tasks.count() == 2


def test_a_task_with_no_unit_is_refused_and_cannot_be_published(draft, units, accounts):
    with pytest.raises(ValidationError) as error:
        task_save(directive=draft, by=accounts["committee"],
                  data=_task_data(units, target_unit=None))
    assert "đơn vị thực hiện" in str(error.value)
    DirectiveTask.objects.create(directive=draft, number=9, title="Không có đơn vị",
                                 area="leadership", due_on=date(2026, 4, 1))
    with pytest.raises(ValidationError) as error:
        directive_publish(directive=draft, by=accounts["committee"], today=TODAY)
    assert "Nhiệm vụ 9" in str(error.value)
    draft.refresh_from_db()
    assert not draft.is_published
    assert not TaskProgress.objects.filter(task__directive=draft).exists()


def test_a_recurring_task_takes_no_due_date(draft, units, accounts):
    with pytest.raises(ValidationError):
        task_save(directive=draft, by=accounts["committee"],
                  data=_task_data(units, rhythm="quarterly"))


def test_publishing_needs_a_task_and_happens_once(units, accounts, published):
    with pytest.raises(ValidationError):
        directive_publish(directive=published, by=accounts["committee"], today=TODAY)
    empty = Directive.objects.create(unit=units["CDDHQG"], number="1/CĐ", subject="Trống",
                                     issued_on=TODAY, issuer="BTV")
    with pytest.raises(ValidationError) as error:
        directive_publish(directive=empty, by=accounts["committee"], today=TODAY)
    assert "ít nhất một nhiệm vụ" in str(error.value)


def test_an_officer_cannot_touch_a_committee_directive(draft, units, accounts):
    officer = accounts["officer"]
    rows_before = DirectiveTask.objects.count()
    with pytest.raises(PermissionDenied):
        task_save(directive=draft, by=officer, data=_task_data(units, target_unit=units["BK"]))
    with pytest.raises(PermissionDenied):
        directive_publish(directive=draft, by=officer, today=TODAY)
    with pytest.raises(PermissionDenied):
        directive_save(directive=draft, by=officer, data={
            "unit": units["BK"], "number": "1", "issued_on": TODAY, "issuer": "x",
            "subject": "x", "body": ""})
    with pytest.raises(PermissionDenied):
        task_delete(task=draft.tasks.first(), by=officer)
    with pytest.raises(PermissionDenied):
        directive_delete(directive=draft, by=officer)
    assert DirectiveTask.objects.count() == rows_before
    draft.refresh_from_db()
    assert not draft.is_published and draft.number == "12/CĐ-ĐHQG"


def test_an_officer_issues_a_directive_for_their_own_subtree_only(units, accounts):
    officer = accounts["officer"]
    data = {"unit": units["BK"], "number": "5/KH-CĐBK", "issued_on": TODAY,
            "issuer": "BCH Công đoàn Trường", "subject": "Kế hoạch", "body": ""}
    directive = directive_save(data=data, by=officer)
    with pytest.raises(PermissionDenied):
        task_save(directive=directive, by=officer,
                  data=_task_data(units, target_unit=units["KHTN"]))
    with pytest.raises(PermissionDenied):
        directive_save(data={**data, "unit": units["KHTN"]}, by=officer)
    assert Directive.objects.filter(unit=units["KHTN"]).count() == 0


def test_a_directive_attachment_must_be_a_pdf(units, accounts):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = {"unit": units["CDDHQG"], "number": "7/CĐ", "issued_on": TODAY,
            "issuer": "BTV", "subject": "Văn bản", "body": ""}
    with pytest.raises(ValidationError):
        directive_save(data=data, by=accounts["committee"],
                       attachment=SimpleUploadedFile("a.docx", b"PK\x03\x04xx"))
    assert not Directive.objects.filter(number="7/CĐ").exists()


def test_a_published_directive_is_not_deleted(published, accounts):
    with pytest.raises(ValidationError):
        directive_delete(directive=published, by=accounts["committee"])
    with pytest.raises(ValidationError):
        task_delete(task=published.tasks.first(), by=accounts["committee"])


def _bk_row(directive, number=1):
    return (TaskProgress.objects.select_related("task__directive", "unit")
            .get(task__directive=directive, task__number=number, unit__code="BK"))


def test_the_unit_officer_reports_progress_with_evidence(published, accounts):
    row = _bk_row(published)
    progress_report(progress=row, by=accounts["officer"], status="done",
                    note="Đã kiện toàn 15 cộng tác viên.", evidence=pdf(),
                    evidence_link="/cong-tac-vien/?don-vi=3", today=date(2026, 3, 20))
    row.refresh_from_db()
    assert row.status == "done" and row.completed_on == date(2026, 3, 20)
    assert row.evidence.name.endswith(".pdf") and "minh-chung" not in row.evidence.name
    assert row.history.count() == 2  # opened, reported


def test_another_units_officer_cannot_report(published, accounts):
    row = _bk_row(published)
    with pytest.raises(PermissionDenied):
        progress_report(progress=row, by=accounts["officer2"], status="done")
    with pytest.raises(PermissionDenied):
        progress_report(progress=row, by=accounts["member"], status="done")
    row.refresh_from_db()
    assert row.status == "not_started" and row.history.count() == 1


@pytest.mark.parametrize("link, message", [
    ("https://example.com/x", "bên trong cổng"),
    ("//example.com/x", "bên trong cổng"),
    ("/khong-co-trang-nay/", "Không có trang nào"),
])
def test_a_link_outside_the_portal_is_refused(published, accounts, link, message):
    row = _bk_row(published)
    with pytest.raises(ValidationError) as error:
        progress_report(progress=row, by=accounts["officer"], status="done",
                        evidence_link=link)
    assert message in str(error.value)
    row.refresh_from_db()
    assert row.status == "not_started" and not row.evidence_link


def test_evidence_of_a_wrong_type_or_too_large_is_refused(published, accounts, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    row = _bk_row(published)
    with pytest.raises(ValidationError) as error:
        progress_report(progress=row, by=accounts["officer"], status="done",
                        evidence=SimpleUploadedFile("virus.exe", b"MZ\x90\x00"))
    assert "Không nhận" in str(error.value) or "không được chấp nhận" in str(error.value)
    settings.PORTAL_UPLOAD_MAX_MB = 1
    with pytest.raises(ValidationError) as error:
        progress_report(progress=row, by=accounts["officer"], status="done",
                        evidence=pdf(size=1024 * 1024 + 10))
    assert "MB" in str(error.value)
    row.refresh_from_db()
    assert row.status == "not_started" and not row.evidence


def test_overdue_means_open_and_past_the_due_date(published, accounts):
    row = _bk_row(published)
    assert not row.is_overdue(date(2026, 3, 31))
    assert row.is_overdue(date(2026, 4, 1))
    late = TaskProgress.objects.filter(task__directive=published).overdue(date(2026, 4, 1))
    assert late.count() == 2 * Unit.objects.filter(kind="grassroots", is_active=True).count()
    progress_report(progress=row, by=accounts["officer"], status="done",
                    today=date(2026, 4, 3))
    row.refresh_from_db()
    assert not row.is_overdue(date(2026, 4, 5))
    assert row.pk not in set(TaskProgress.objects.overdue(date(2026, 4, 5))
                             .values_list("pk", flat=True))


def test_the_next_period_opens_once(published):
    monthly = TaskProgress.objects.filter(task__directive=published, task__number=2)
    before = monthly.count()
    assert progress_open_periods(today=date(2026, 3, 25)) == 0
    opened = progress_open_periods(today=date(2026, 4, 1))
    assert opened == before
    assert progress_open_periods(today=date(2026, 4, 2)) == 0
    april = monthly.filter(period_start=date(2026, 4, 1))
    assert april.count() == before
    assert set(april.values_list("due_on", flat=True)) == {date(2026, 4, 30)}


def test_quarterly_and_yearly_periods():
    from directives.periods import period_label, period_of

    quarter = period_of("quarterly", date(2026, 5, 20))
    assert (quarter.start, quarter.end) == (date(2026, 4, 1), date(2026, 6, 30))
    year = period_of("yearly", date(2026, 5, 20))
    assert (year.start, year.end) == (date(2026, 1, 1), date(2026, 12, 31))
    assert period_of("monthly", date(2028, 2, 10)).end == date(2028, 2, 29)
    assert period_label("quarterly", quarter.start) == "Q2/2026"
    assert period_label("monthly", date(2026, 2, 1)) == "02/2026"
