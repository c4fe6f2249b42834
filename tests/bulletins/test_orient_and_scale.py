"""Time to orient per hot topic and union; query counts flat as data grows."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from directives.bulletins.models import Bulletin, BulletinAudience, BulletinRead
from directives.bulletins.selectors import reach, time_to_orient
from portal.periods import Period
from tests.bulletins.factories import people
from tests.collaborators.factories import OpinionReportFactory

pytestmark = pytest.mark.django_db


def test_time_to_orient_per_topic_union_and_overall(units, accounts, publish):
    now = timezone.now()
    OpinionReportFactory(unit=units["BK-CK"], topic="pay", created_at=now - timedelta(hours=50))
    OpinionReportFactory(unit=units["BK"], topic="pay", created_at=now - timedelta(hours=40))
    OpinionReportFactory(unit=units["KHTN"], topic="pay", created_at=now - timedelta(hours=30))
    OpinionReportFactory(unit=units["KHTN"], topic="facilities",
                         created_at=now - timedelta(hours=20))
    publish(topics=["pay"], publish_at=now - timedelta(hours=26))  # BK answers 24 h later
    publish(by=accounts["officer2"], topics=["facilities"],
            publish_at=now - timedelta(hours=54))
    rows = time_to_orient(period=Period.last_days(30))
    overall, by_unit = rows[0], {r.unit.code: r for r in rows[1:]}
    cell = {c.topic: c for c in overall.cells}
    assert cell["pay"].hours == 24.0 and cell["pay"].days == 1.0
    assert cell["facilities"].hours == 0.0  # answered before the first report
    bk = {c.topic: c for c in by_unit["BK"].cells}
    assert bk["pay"].hours == 24.0
    khtn = {c.topic: c for c in by_unit["KHTN"].cells}
    # BK's answer is not addressed to KHTN; KHTN's came before its first report: zero hours.
    assert khtn["pay"].waiting and khtn["facilities"].hours == 0.0
    assert by_unit["BK"].median == 24.0


def test_the_orient_page_is_the_committees(accounts, client_for):
    assert client_for(accounts["committee"]).get(reverse("bulletins:orient")).status_code == 200
    assert client_for(accounts["officer"]).get(reverse("bulletins:orient")).status_code == 403


def _bulletins(unit, n: int, **fields):
    made = Bulletin.objects.bulk_create(
        Bulletin(unit=unit, title=f"Thông tin {i}", body="Nội dung", **fields)
        for i in range(n))
    BulletinAudience.objects.bulk_create(BulletinAudience(bulletin=b, unit=unit) for b in made)
    return made


def _page_queries(client, path: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_member_home_and_list_queries_flat(units, accounts, client_for):
    client = client_for(accounts["member"])
    counts = []
    for n in (5, 300):
        made = _bulletins(units["BK"], n)
        _bulletins(units["KHTN"], n)
        BulletinRead.objects.bulk_create(BulletinRead(bulletin=b, user=accounts["member"])
                                         for b in made[::2])
        client.get(reverse("home"))
        counts.append((_page_queries(client, reverse("home")),
                       _page_queries(client, reverse("bulletins:list"))))
    assert counts[0] == counts[1]


def _count_queries(bulletin, viewer):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        reach(bulletin, viewer)
    return len(captured)


def test_reach_queries_do_not_grow(units, accounts, publish):
    bulletin = publish()
    small = _count_queries(bulletin, accounts["committee"])
    for code in ("BK", "BK-CK", "BK-KHMT-T1", "BK-DDT"):
        crowd = people(units[code], 30)
        BulletinRead.objects.bulk_create(BulletinRead(bulletin=bulletin, user=p)
                                         for p in crowd[::3])
    assert _count_queries(bulletin, accounts["committee"]) == small


def test_the_dashboard_column_is_the_median_hours_per_union(units, accounts, publish):
    from directives.bulletins.contributions import data_version, time_to_orient_figures
    from portal.contributions import Frame

    now = timezone.now()
    OpinionReportFactory(unit=units["BK"], topic="pay", created_at=now - timedelta(hours=40))
    top = units["CDDHQG"]
    frame = Frame(top, list(top.children.filter(is_active=True)), Period.last_days(30))
    before = data_version()
    assert time_to_orient_figures(frame)[units["BK"].pk].value is None
    publish(topics=["pay"], publish_at=now - timedelta(hours=10))
    assert data_version() != before
    figures = time_to_orient_figures(Frame(top, frame.children, frame.period))
    assert figures[units["BK"].pk].value == figures[top.pk].value == 30.0
    assert figures[units["KHTN"].pk].value is None
