"""Reads: who sees a directive, the selectors other areas call, the dashboard's figures."""

from datetime import date

import pytest

from directives.models import Directive, DirectiveTask, TaskProgress
from directives.selectors import directive_tasks, progress_matrix, tasks_for_unit

pytestmark = pytest.mark.django_db


def test_a_published_directive_is_seen_by_the_units_that_carry_it_out(draft, published,
                                                                      accounts, units):
    assert Directive.objects.visible_to(accounts["officer2"]).filter(pk=published.pk).exists()
    assert not Directive.objects.changeable_by(accounts["officer2"]).exists()
    assert not Directive.objects.visible_to(accounts["member"]).exists()
    tasks = DirectiveTask.objects.visible_to(accounts["officer2"])
    assert set(tasks.values_list("number", flat=True)) == {1, 2}
    assert set(TaskProgress.objects.visible_to(accounts["officer2"])
               .values_list("unit__code", flat=True)) == {"KHTN"}


def test_a_draft_is_seen_only_by_its_issuing_unit(draft, accounts):
    assert not Directive.objects.visible_to(accounts["officer"]).filter(pk=draft.pk).exists()
    assert Directive.objects.visible_to(accounts["committee"]).filter(pk=draft.pk).exists()


def test_the_selectors_other_areas_call(published, units):
    assert [t.number for t in directive_tasks(published)] == [1, 2]
    assert [t.number for t in tasks_for_unit(units["BK"])] == [1, 2]
    assert list(tasks_for_unit(units["BK-CK"])) == []  # below the grassroots level


def test_the_matrix_counts_done_and_overdue(published, accounts):
    from directives.services import progress_report

    row = TaskProgress.objects.select_related("task__directive", "unit").get(
        task__directive=published, task__number=1, unit__code="BK")
    progress_report(progress=row, by=accounts["officer"], status="done",
                    today=date(2026, 3, 15))
    matrix = progress_matrix(directive=published, user=accounts["committee"],
                             today=date(2026, 4, 2))
    units = len(matrix.rows)
    assert matrix.columns[0] == (1, units)
    assert matrix.overdue == 2 * units - 1  # both tasks past due everywhere, but BK's one
    bk = next(r for r in matrix.rows if r.unit.code == "BK")
    assert (bk.done, bk.total) == (1, 2)
    assert bk.cells[0].label == "Đã hoàn thành" and bk.cells[1].label.endswith("quá hạn")
    only_late = progress_matrix(directive=published, user=accounts["committee"],
                                today=date(2026, 4, 2), status="overdue", area="network")
    assert "BK" not in {r.unit.code for r in only_late.rows}
    assert len(only_late.tasks) == 1


def test_the_dashboard_figures(published, accounts, units):
    from portal.contributions import Frame, indicators
    from portal.periods import Period

    columns = {i.key: i for i in indicators()}
    frame = Frame(unit=units["CDDHQG"], children=[units["BK"], units["KHTN"]],
                  period=Period(date(2026, 3, 1), date(2026, 4, 30)))
    TaskProgress.objects.filter(task__directive=published, unit__code="BK").update(
        status="done", completed_on=date(2026, 3, 20))
    done = columns["directives_done"].compute(frame)
    assert done[units["BK"].pk].value == 100
    assert done[units["KHTN"].pk].value == 0 and done[units["KHTN"].pk].weak
    late = columns["directives_overdue"].compute(frame)
    assert late[units["BK"].pk].value == 0 and late[units["KHTN"].pk].value == 2
    assert "tinh-trang=overdue" in late[units["KHTN"].pk].url


def test_the_progress_report_document(published, accounts):
    from portal.contributions import document_subject

    subject = document_subject("directive_progress")
    assert list(subject.choices(accounts["committee"])) == [published]
    assert not subject.choices(accounts["officer"]).exists()
    TaskProgress.objects.filter(task__directive=published, unit__code="BK").update(
        status="done", completed_on=date(2026, 3, 20))
    summary, by_task, by_unit = subject.sections(published)
    assert "12/CĐ-ĐHQG" in summary.blocks[0].text and "2/" in summary.blocks[0].text
    assert by_task.blocks[0].rows[0][:2] == ["1. Kiện toàn mạng lưới cộng tác viên", "1"]
    bk = next(r for r in by_unit.blocks[0].rows if "Bách khoa" in r[0])
    assert bk[1:3] == ["2", "2"] and bk[4] == "100,0 %"
    assert subject.title(published) == "Tiến độ thực hiện văn bản số 12/CĐ-ĐHQG"
