"""The meetings list over three years of data: the same number of queries as over a few
meetings (the list, the action list and the meeting page)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from directives.meetings.models import Action, Attendance, Meeting

from .factories import at

pytestmark = pytest.mark.django_db


def add_meetings(unit, people, *, weeks: int, start_days_ago: int = 0) -> list[Meeting]:
    """One meeting a week back from today, each with its people present and two actions."""
    today = timezone.localdate()
    meetings = Meeting.objects.bulk_create(
        Meeting(unit=unit, level=Meeting.level_for(unit), kind="regular",
                starts_at=at(today - timedelta(days=start_days_ago + 7 * w)),
                ends_at=at(today - timedelta(days=start_days_ago + 7 * w), 16),
                place="Phòng họp", chair="Chủ trì", secretary="Thư ký")
        for w in range(weeks))
    Attendance.objects.bulk_create(Attendance(meeting=m, account=p)
                                   for m in meetings for p in people)
    Action.objects.bulk_create(
        Action(meeting=m, unit=unit, owner=people[0], title=f"Việc {i}",
               due_on=timezone.localtime(m.starts_at).date() + timedelta(days=14))
        for m in meetings for i in range(2))
    return meetings


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_query_counts_do_not_grow_with_three_years_of_meetings(units, accounts, client_for):
    people = [accounts["officer"], accounts["member"], accounts["collaborator"]]
    few = add_meetings(units["BK"], people, weeks=4)
    client = client_for(accounts["officer"])
    pages = [reverse("meetings:list"), reverse("meetings:actions"),
             reverse("meetings:actions") + "?due=overdue", few[0].get_absolute_url(),
             reverse("meetings:cadence") + "?preset=12"]
    small = [_queries(client, url) for url in pages]
    add_meetings(units["BK"], people, weeks=156, start_days_ago=28)  # three years, weekly
    add_meetings(units["KHTN"], [accounts["officer2"]], weeks=156)
    large = [_queries(client, url) for url in pages]
    assert large == small
