"""Every reports service added since the shared authorization test refuses another unit's
officer and a member and stores nothing; the unit's officer and the committee may (the
committee alone for acknowledging, reviewing and issuing)."""

from datetime import date
from functools import cached_property

import pytest

from reports.models import Report
from tests.area_authorization import area_authorization_tests
from tests.reports.authorization import COMMITTEE_ONLY, cases
from tests.reports.unit_reports.conftest import ASSESSMENT

pytestmark = pytest.mark.django_db
CASES = cases()




class World:
    def __init__(self, units, accounts):
        self.bk, self.units, self.accounts = units["BK"], units, accounts
        for name in ("unit_draft", "unit_sent", "official"):
            getattr(self, name)

    @cached_property
    def unit_draft(self):
        from reports.unit_reports.services import unit_report_start, unit_report_update

        report = unit_report_start(unit=self.bk, kind="periodic", month=date(2026, 10, 1),
                                   by=self.accounts["officer"], today=date(2026, 11, 2))
        return unit_report_update(report=report, by=self.accounts["officer"],
                                  fields=ASSESSMENT, issues=[])

    @cached_property
    def unit_sent(self):
        from reports.unit_reports.services import unit_report_start, unit_report_submit

        report = unit_report_start(unit=self.bk, kind="quick", subject="Vấn đề nóng",
                                   by=self.accounts["officer"])
        return unit_report_submit(report=report, by=self.accounts["officer"])

    @cached_property
    def official(self):
        return Report.objects.create(
            kind="monthly", scope=self.units["CDDHQG"], year=2026, symbol="BC-CĐĐHQG",
            period_start=date(2026, 9, 20), period_end=date(2026, 10, 19),
            status=Report.Status.DONE, rendered_generation=1)


@pytest.fixture
def world(units, accounts):
    return World(units, accounts)


test_refused, test_allowed = area_authorization_tests(CASES,
                                                      committee_only=COMMITTEE_ONLY)
