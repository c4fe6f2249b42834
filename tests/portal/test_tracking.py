"""The tracked-item base, through a concrete test model (tests/tracked_items)."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

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
