"""The committee's "who reported" page reads the same number of queries for 3 units × 2
months as for 40 units × 24 months."""

from datetime import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from portal.models import Unit
from portal.periods import months_before
from reports.models import UnitReport
from reports.models.unit_reports import due_on

pytestmark = pytest.mark.django_db


def make(units: int, months: int, top) -> None:
    first = Unit.objects.filter(code__startswith="T").count()
    made = [Unit.objects.create(code=f"T{first + n:03d}", name=f"Công đoàn thử {first + n}",
                                kind=Unit.Kind.GRASSROOTS, parent=top)
            for n in range(units)]
    last = months_before(timezone.localdate().replace(day=1), 1)
    rows = []
    for n, unit in enumerate(made):
        for back in range(months):
            month = months_before(last, back)
            if (n + back) % 5 == 0:
                continue  # not reported
            at = timezone.make_aware(datetime.combine(due_on(month), datetime.min.time()))
            rows.append(UnitReport(unit=unit, month=month, due_on=due_on(month),
                                   status="submitted", year=month.year, symbol=f"BC-{unit.code}",
                                   number=back + 1, submitted_at=at))
    UnitReport.objects.bulk_create(rows)


def count(client, months: int) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("reports:unit_report_status"), {"months": str(months)})
    assert response.status_code == 200
    return len(queries)


def test_the_status_page_reads_a_constant_number_of_queries(client_for, accounts, units):
    client = client_for(accounts["committee"])
    make(3, 2, units["CDDHQG"])
    small = count(client, 24)
    make(37, 24, units["CDDHQG"])
    large = count(client, 24)
    assert large == small
    assert large <= 12
