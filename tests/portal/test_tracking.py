"""The tracked-item base, through a concrete test model (tests/tracked_items)."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Count, Max

from portal.contributions import Frame
from portal.services import tracked_item_progress
from portal.tracking import Completion, TrackedStatus
from tests.tracked_items.models import Chore

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 30)


@pytest.fixture
def chores(units, accounts):
    bk, khtn = units["BK"], units["KHTN"]
    made = {
        "bk_late": Chore(unit=bk, title="Kiện toàn mạng lưới", due_on=date(2026, 11, 20)),
        "bk_soon": Chore(unit=bk, title="Báo cáo tháng", due_on=date(2026, 12, 3),
                         owner=accounts["collaborator"]),
        "bk_done": Chore(unit=bk, title="Tập huấn", due_on=date(2026, 11, 10),
                         status=TrackedStatus.DONE, completed_on=date(2026, 11, 9)),
        "bk_done_late": Chore(unit=bk, title="Khảo sát", due_on=date(2026, 11, 1),
                              status=TrackedStatus.DONE, completed_on=date(2026, 11, 5)),
        "khtn_later": Chore(unit=khtn, title="Giao ban", due_on=date(2027, 1, 15)),
        "khtn_cancelled": Chore(unit=khtn, title="Hủy", due_on=date(2026, 1, 1),
                                status=TrackedStatus.CANCELLED),
    }
    for chore in made.values():
        chore.save()
    return made


def titles(queryset):
    return sorted(queryset.values_list("title", flat=True))


def test_open_overdue_and_due_soon(chores):
    assert titles(Chore.objects.overdue(TODAY)) == ["Kiện toàn mạng lưới"]
    assert titles(Chore.objects.due_within(7, TODAY)) == ["Báo cáo tháng"]
    assert len(Chore.objects.open()) == 3
    assert chores["bk_late"].is_overdue(TODAY) and not chores["bk_done_late"].is_overdue(TODAY)


def test_completion_per_unit_in_one_query(chores, units, django_assert_num_queries):
    with django_assert_num_queries(1):
        figures = Chore.objects.completion_by_unit(TODAY)
    assert figures[units["BK"].pk] == Completion(total=4, done=2, on_time=1, overdue=1)
    assert figures[units["KHTN"].pk] == Completion(total=1, done=0, on_time=0, overdue=0)
    assert figures[units["BK"].pk].open == 2


def test_an_officer_sees_their_units_items_and_a_collaborator_their_own(chores, accounts):
    assert len(Chore.objects.visible_to(accounts["officer"])) == 4
    assert titles(Chore.objects.visible_to(accounts["collaborator"])) == ["Báo cáo tháng"]
    assert not Chore.objects.visible_to(accounts["officer2"]).filter(unit__code="BK").exists()
    assert len(Chore.objects.visible_to(accounts["committee"])) == 6


def test_progress_done_keeps_the_day_and_the_history(chores, accounts):
    chore = tracked_item_progress(item=chores["bk_late"], by=accounts["officer"],
                                  status=TrackedStatus.DONE, note="Đã kiện toàn",
                                  evidence_link="/cong-tac-vien/", today=TODAY)
    chore.refresh_from_db()
    assert (chore.status, chore.completed_on) == (TrackedStatus.DONE, TODAY)
    assert chore.history.first().history_user == accounts["officer"]
    reopened = tracked_item_progress(item=chore, by=accounts["officer"],
                                     status=TrackedStatus.IN_PROGRESS, today=TODAY)
    assert reopened.completed_on is None


def test_the_person_in_charge_may_report_but_another_unit_may_not(chores, accounts):
    tracked_item_progress(item=chores["bk_soon"], by=accounts["collaborator"],
                          status=TrackedStatus.IN_PROGRESS, note="Đang tổng hợp")
    before = Chore.objects.get(pk=chores["bk_late"].pk).status
    for outsider in (accounts["officer2"], accounts["member"]):
        with pytest.raises(PermissionDenied):
            tracked_item_progress(item=chores["bk_late"], by=outsider,
                                  status=TrackedStatus.DONE)
    assert Chore.objects.get(pk=chores["bk_late"].pk).status == before


@pytest.mark.parametrize("kwargs,field", [
    ({"status": "finished"}, "status"),
    ({"status": "done", "evidence_link": "https://127.0.0.1/x"}, "evidence_link"),
    ({"status": "done", "evidence": SimpleUploadedFile("virus.exe", b"MZ\x90\x00")},
     "evidence"),
    ({"status": "done", "evidence": SimpleUploadedFile("bien-ban.pdf", b"MZ\x90\x00rest")},
     "evidence"),
])
def test_bad_progress_is_refused_in_vietnamese_and_changes_nothing(chores, accounts, kwargs,
                                                                     field):
    from django.utils import translation

    with translation.override("vi"), pytest.raises(ValidationError) as refused:
        tracked_item_progress(item=chores["bk_late"], by=accounts["officer"], **kwargs)
    assert field in refused.value.message_dict
    chore = Chore.objects.get(pk=chores["bk_late"].pk)
    assert (chore.status, chore.evidence_link, chore.evidence.name) == ("not_started", "", "")


def test_the_completion_column_counts_each_branch_with_its_subtree(chores, units):
    from portal.periods import Period
    from portal.tracking import completion_indicator

    Chore.objects.create(unit=units["BK-KHMT-T1"], title="Tổ", due_on=date(2026, 11, 2),
                         status=TrackedStatus.DONE, completed_on=date(2026, 11, 2))
    column = completion_indicator(key="chores", label="Chores", order=1, model=Chore,
                                  list_url=lambda unit, which: f"/chores/?don-vi={unit}")
    top = units["CDDHQG"]
    frame = Frame(top, [units["BK"], units["KHTN"]], Period(date(2026, 11, 1), TODAY))
    figures = column.compute(frame)
    # BK and its group: 4 due by 30/11 (one cancelled elsewhere), 3 done.
    assert figures[units["BK"].pk].value == 75
    assert figures[units["KHTN"].pk].value is None  # nothing due yet: no figure, not 0 %
    assert figures[top.pk].value == 75 and not figures[top.pk].weak
    assert figures[units["BK"].pk].url == f"/chores/?don-vi={units['BK'].pk}"


def test_the_overdue_column_and_the_home_todos(chores, units, accounts):
    from portal.periods import Period
    from portal.tracking import overdue_indicator, tracked_todos

    column = overdue_indicator(key="late", label="Late", order=2, model=Chore,
                               list_url=lambda unit, which: f"/x/?loc={which}")
    figures = column.compute(Frame(units["CDDHQG"], [units["BK"], units["KHTN"]],
                                   Period(date(2026, 11, 1), TODAY)))
    assert figures[units["BK"].pk].value == 1 and figures[units["BK"].pk].weak
    assert figures[units["KHTN"].pk].value == 0 and not column.higher_is_better

    todos = tracked_todos(model=Chore, overdue_label="Quá hạn", due_label="Sắp đến hạn",
                          url=lambda which: f"/x/?loc={which}")
    from django.utils import timezone

    today = timezone.localdate()
    Chore.objects.filter(pk=chores["bk_soon"].pk).update(due_on=today + timedelta(days=2))
    Chore.objects.filter(pk=chores["bk_late"].pk).update(due_on=today - timedelta(days=1))
    officer = [(t.label, t.count, t.level) for t in todos(accounts["officer"])]
    assert officer == [("Quá hạn", 1, "danger"), ("Sắp đến hạn", 1, "warning")]
    assert [t.count for t in todos(accounts["collaborator"])] == [1]  # only their own
    assert todos(accounts["officer2"]) == []


def test_data_versions_change_with_the_data(chores):
    from portal import contributions

    contributions.register_data_version(
        "tests.chores", lambda: Chore.objects.aggregate(n=Count("pk"), at=Max("updated_at")))
    try:
        before = contributions.data_version()
        chores["bk_late"].note = "Đã nhắc"
        chores["bk_late"].save()
        assert contributions.data_version() != before
    finally:
        contributions._versions.pop("tests.chores")
