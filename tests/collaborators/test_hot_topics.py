"""Opinion report counts by topic, sentiment, urgency and spread, this period against the
previous one, on a hand-checked set; the period's edges are local midnights."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from collaborators.periods import Period
from collaborators.selectors import notable_reports, opinion_report_counts

from .factories import OpinionReportFactory

pytestmark = pytest.mark.django_db

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
PERIOD = Period(date(2026, 3, 1), date(2026, 3, 10))  # previous: 19-28 February


def at(*args):
    return datetime(*args, tzinfo=HCM)


@pytest.fixture
def reports(units):
    bk = units["BK"]
    made = [
        # this period: 3 on pay (2 negative, 1 urgent), 1 on policy (positive)
        OpinionReportFactory(unit=bk, topic="pay", sentiment="negative", urgency="urgent",
                             spread="widespread", created_at=at(2026, 3, 1, 0, 0)),
        OpinionReportFactory(unit=units["BK-CK"], topic="pay", sentiment="negative",
                             created_at=at(2026, 3, 5, 9, 0)),
        OpinionReportFactory(unit=bk, topic="pay", sentiment="neutral",
                             created_at=at(2026, 3, 10, 23, 30)),
        OpinionReportFactory(unit=bk, topic="policy", sentiment="positive", spread="group",
                             created_at=at(2026, 3, 2, 8, 0)),
        # the previous period: 1 on pay, 2 on facilities
        OpinionReportFactory(unit=bk, topic="pay", sentiment="neutral",
                             created_at=at(2026, 2, 19, 0, 0)),
        OpinionReportFactory(unit=bk, topic="facilities", sentiment="negative",
                             created_at=at(2026, 2, 25, 10, 0)),
        OpinionReportFactory(unit=bk, topic="facilities", sentiment="positive", urgency="urgent",
                             created_at=at(2026, 2, 28, 23, 59)),
        # outside both periods
        OpinionReportFactory(unit=bk, topic="pay", created_at=at(2026, 3, 11, 0, 0)),
        OpinionReportFactory(unit=bk, topic="pay", created_at=at(2026, 2, 18, 23, 59)),
        # another unit's, this period
        OpinionReportFactory(unit=units["KHTN"], topic="misinformation", urgency="urgent",
                             created_at=at(2026, 3, 3, 12, 0)),
    ]
    return made


def trends(rows):
    return {t.key: (t.current, t.previous) for t in rows}


def test_counts_for_a_unit_and_below(reports, units):
    counts = opinion_report_counts(period=PERIOD, unit=units["BK"])
    assert (counts.total.current, counts.total.previous) == (4, 3)
    assert counts.previous == Period(date(2026, 2, 19), date(2026, 2, 28))
    topics = trends(counts.by_topic)
    assert topics["pay"] == (3, 1) and topics["policy"] == (1, 0)
    assert topics["facilities"] == (0, 2) and topics["misinformation"] == (0, 0)
    assert [t.key for t in counts.by_topic][:3] == ["pay", "policy", "facilities"]
    pay = counts.by_topic[0]
    assert (pay.change, pay.change_percent, pay.direction) == (2, 200.0, "up")
    facilities = counts.by_topic[2]
    assert (facilities.change, facilities.change_percent, facilities.direction) == \
        (-2, -100.0, "down")
    assert counts.by_topic[1].change_percent is None  # nothing to compare with
    assert trends(counts.by_sentiment) == {"positive": (1, 1), "neutral": (1, 1),
                                           "negative": (2, 1)}
    assert trends(counts.by_urgency) == {"normal": (3, 2), "soon": (0, 0), "urgent": (1, 1)}
    assert trends(counts.by_spread) == {"few": (2, 3), "group": (1, 0), "widespread": (1, 0)}
    assert counts.negative_by_topic == {"pay": 2}
    assert counts.urgent_by_topic == {"pay": 1}
    for breakdown in (counts.by_topic, counts.by_sentiment, counts.by_urgency, counts.by_spread):
        assert sum(t.current for t in breakdown) == 4
        assert sum(t.previous for t in breakdown) == 3


def test_counts_everywhere_and_as_a_viewer_sees_them(reports, units, accounts):
    assert opinion_report_counts(period=PERIOD).total.current == 5
    seen = opinion_report_counts(period=PERIOD, viewer=accounts["officer"])
    assert seen.total.current == 4  # KHTN's report is not theirs to see
    assert opinion_report_counts(period=PERIOD, viewer=accounts["officer2"]).total.current == 1


def test_notable_reports_are_the_urgent_or_widespread(reports, units):
    notable = notable_reports(period=PERIOD, unit=units["BK"])
    assert [r.pk for r in notable] == [reports[0].pk]


def test_counting_is_one_query_however_many_reports(units):
    with CaptureQueriesContext(connection) as empty:
        opinion_report_counts(period=PERIOD)
    for day in range(1, 11):
        for topic in ("pay", "policy", "other"):
            OpinionReportFactory(unit=units["BK"], topic=topic, created_at=at(2026, 3, day, 9))
    with CaptureQueriesContext(connection) as full:
        counts = opinion_report_counts(period=PERIOD)
    assert len(full) == len(empty) == 1 and counts.total.current == 30


def test_the_board_for_an_officer(client_for, accounts, reports, units):
    response = client_for(accounts["officer"]).get(reverse("collaborators:hot_topics"), {
        "period": "custom", "start": "2026-03-01", "end": "2026-03-10"})
    page = response.content.decode()
    assert response.context["counts"].total.current == 4
    assert "Tiền lương, thu nhập" in page and "+2 (200 %)" in page
    assert page.count("<svg") == 4 and "Kỳ trước" in page
    assert "Thông tin bên ngoài" in page  # every topic is listed, even at zero


def test_the_board_refuses_a_backwards_period(client_for, accounts, units):
    response = client_for(accounts["officer"]).get(reverse("collaborators:hot_topics"), {
        "period": "custom", "start": "2026-03-10", "end": "2026-03-01"})
    assert "Ngày kết thúc phải bằng hoặc sau ngày bắt đầu." in response.content.decode()
    assert response.context["counts"].period.days == 30  # the default is shown instead


def test_board_queries_do_not_grow_with_the_reports(client_for, accounts, units):
    client = client_for(accounts["committee"])
    url = reverse("collaborators:hot_topics")
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for _ in range(40):
        OpinionReportFactory(unit=units["BK"], urgency="urgent")
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(large) == len(small)


@pytest.mark.parametrize("role", ["collaborator", "member"])
def test_the_board_is_for_officers_and_the_committee(client_for, accounts, role):
    url = reverse("collaborators:hot_topics")
    assert client_for(accounts[role]).get(url).status_code == 403
