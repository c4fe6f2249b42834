"""The committee's comparisons read a constant number of queries whatever the number of
units, years and recommendations (the sizes of the issue: 40 units over five years)."""

from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from directives.inspections.models import Inspection, InspectionProgramme, Recommendation


def make_ratings(top, head, *, units: int, years: int, owner=None) -> None:
    """`units` grassroots unions below `top`, each concluded once a year, each inspection
    with two open recommendations."""
    from portal.models import Unit

    this_year = timezone.localdate().year
    start = Unit.objects.count()
    made = [Unit.objects.create(code=f"S{start + n}", name=f"Công đoàn đơn vị {n}",
                                kind=Unit.Kind.GRASSROOTS, parent=top) for n in range(units)]
    ratings = ["good", "fair", "average", "weak"]
    for back in range(years):
        year = this_year - back
        programme, _ = InspectionProgramme.objects.get_or_create(
            unit=top, year=year, defaults={"title": f"Chương trình {year}"})
        Inspection.objects.bulk_create(
            Inspection(programme=programme, unit=unit, purpose="Kiểm tra.", content="Nội dung.",
                       starts_on=date(year, 5, 1), ends_on=date(year, 5, 3), head=head,
                       status="concluded", notice_sent_on=date(year, 4, 20),
                       rating=ratings[(n + back) % 4], conclusion="Kết luận.",
                       concluded_on=date(year, 5, 10))
            for n, unit in enumerate(made))
    if owner is not None:
        Recommendation.objects.bulk_create(
            Recommendation(inspection=i, unit=i.unit, owner=owner, text="Kiện toàn.",
                           due_on=i.concluded_on + timedelta(days=30 * k))
            for i in Inspection.objects.filter(programme__unit=top) for k in (1, 2))


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_ratings_and_lists_read_the_same_queries_for_40_units_over_five_years(
        client_for, units, accounts):
    client = client_for(accounts["committee"])
    pages = [reverse("inspections:ratings"), reverse("inspections:index"),
             reverse("inspections:recommendations"),
             reverse("inspections:recommendations") + "?loc=overdue"]
    make_ratings(units["CDDHQG"], accounts["committee"], units=2, years=1,
                 owner=accounts["officer"])
    small = [_queries(client, url) for url in pages]
    make_ratings(units["CDDHQG"], accounts["committee"], units=40, years=5,
                 owner=accounts["officer"])
    big = [_queries(client, url) for url in pages]
    assert big == small
    page = client.get(pages[0]).content.decode()
    assert page.count("<tr>") >= 42  # a row per unit, and the header


def test_the_ratings_table_is_units_by_years(units, accounts):
    from directives.inspections.selectors import ratings_table

    make_ratings(units["CDDHQG"], accounts["committee"], units=3, years=2)
    this_year = timezone.localdate().year
    table = ratings_table(accounts["committee"], years=[this_year - 1, this_year])
    assert len(table.rows) == 3 and all(len(r.cells) == 2 and all(r.cells)
                                        for r in table.rows)
    assert sum(table.totals[this_year].values()) == 3
    # A unit officer sees only their own subtree's units.
    assert ratings_table(accounts["officer2"], years=[this_year]).rows == []
