"""Figures per unit in SQL (median working days to answer included), constant query counts
for the officer's queue and the committee's overview, dashboard indicators."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from directives.dialogue.cases.selectors import figures_by_unit, medians_by_branch
from directives.dialogue.models import Case
from portal.workdays import add_working_days

pytestmark = pytest.mark.django_db


def _bulk(unit, count: int, *, answer_days=None, stage="received", overdue=False, **fields):
    today = timezone.localdate()
    due = date(2000, 1, 3) if overdue else add_working_days(today, 10)
    status = "done" if stage in ("resolved", "closed") else (
        "not_started" if stage == "received" else "in_progress")
    Case.objects.bulk_create([Case(
        unit=unit, title=f"Kiến nghị {i}", description="Nội dung.", source="email",
        stage=stage, status=status, received_on=today, intake_due_on=due, due_on=due,
        answer_days=answer_days[i % len(answer_days)] if answer_days else None,
        answered_on=today if answer_days else None, completed_on=today if answer_days else None,
        answered_in_time=True if answer_days else None, **fields) for i in range(count)])


def test_the_median_of_working_days_is_computed_per_branch(units):
    _bulk(units["BK-CK"], 3, answer_days=[2, 9, 4], stage="resolved")  # 2 4 9 -> 4
    _bulk(units["BK"], 1, answer_days=[10], stage="resolved")
    _bulk(units["KHTN"], 4, answer_days=[1, 3, 8, 20], stage="resolved")  # -> 5.5
    top = units["CDDHQG"]
    medians = medians_by_branch(Case.objects.all(), scope=top, field="answer_days")
    assert medians[units["BK"].path] == Decimal("6.5")  # BK and below: 2 4 9 10
    assert medians[units["KHTN"].path] == Decimal("5.5")  # 1 3 8 20
    assert medians[""] == 6  # every case: 1 2 3 4 8 9 10 20


def test_figures_count_per_unit(units):
    bk, khtn = units["BK"], units["KHTN"]
    _bulk(bk, 2, overdue=True)
    _bulk(bk, 3, answer_days=[5], stage="resolved", accepted_on=timezone.localdate())
    _bulk(khtn, 1, stage="forwarded", forwarded_on=timezone.localdate(),
          forwarded_to="Phòng Kế hoạch - Tài chính", accepted_on=timezone.localdate())
    children = list(units["CDDHQG"].children.order_by("code"))
    rows = {row.unit.code: row for row in figures_by_unit(units["CDDHQG"], children,
                                                          today=timezone.localdate())}
    assert (rows["BK"].received, rows["BK"].accepted, rows["BK"].overdue) == (5, 3, 2)
    assert (rows["BK"].in_time, rows["BK"].answered, rows["BK"].median_days) == (3, 3, 5)
    assert rows["KHTN"].forwarded == 1 and rows["CDDHQG"].received == 6


def _views(client, django_assert_max_num_queries, limit: int) -> None:
    for name in ("dialogue:case_queue", "dialogue:case_overview"):
        with django_assert_max_num_queries(limit):
            assert client.get(reverse(name)).status_code == 200


@pytest.mark.parametrize("role", ["officer", "committee"])
def test_queue_and_overview_take_the_same_queries_with_ten_or_a_thousand_cases(
        units, accounts, client_for, django_assert_max_num_queries, role):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(accounts[role])
    _bulk(units["BK"], 5, overdue=True)
    _bulk(units["KHTN"], 5, answer_days=[3], stage="resolved")
    counts = []
    for extra in (0, 1000):
        _bulk(units["BK-CK"], extra, answer_days=[4, 6], stage="resolved")
        _bulk(units["BK"], extra // 2, overdue=True)
        for name in ("dialogue:case_queue", "dialogue:case_overview"):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(reverse(name)).status_code == 200
            counts.append(len(queries))
    assert counts[:2] == counts[2:]
    _views(client, django_assert_max_num_queries, max(counts))


def test_the_dashboard_indicators_compute(units):
    from portal.contributions import Frame, indicators
    from portal.periods import Period

    _bulk(units["BK"], 3, answer_days=[4], stage="resolved")
    _bulk(units["KHTN"], 2, overdue=True)
    today = timezone.localdate()
    frame = Frame(units["CDDHQG"], list(units["CDDHQG"].children.order_by("code")),
                  Period(date(today.year, 1, 1), today))
    found = {i.key: i for i in indicators()}
    assert found["cases_in_time"].compute(frame)[units["BK"].pk].value == 100
    assert found["cases_overdue"].compute(frame)[units["KHTN"].pk].value == 2
    assert found["cases_median_days"].compute(frame)[units["BK"].pk].value == 4
