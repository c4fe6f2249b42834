from datetime import date

import pytest

from reports.models import UnitReport
from reports.unit_reports.services import unit_report_start, unit_report_update

ASSESSMENT = {
    "mood": "mostly_stable",
    "mood_note": "Đoàn viên cơ bản yên tâm công tác.",
    "forecast": "Tình hình tiếp tục ổn định.",
    "recommendations": "Đề nghị thông tin sớm lộ trình sắp xếp bộ máy.",
}
ISSUE = {"topic": "Sắp xếp bộ máy", "direction": "hesitant", "intensity": "high",
         "spread": "unit", "handling": "Tổ chức đối thoại."}


@pytest.fixture
def october():
    return date(2026, 10, 1)


@pytest.fixture
def draft(accounts, units, october) -> UnitReport:
    report = unit_report_start(unit=units["BK"], kind=UnitReport.Kind.PERIODIC, month=october,
                               by=accounts["officer"], today=date(2026, 11, 2))
    return unit_report_update(report=report, by=accounts["officer"], fields=ASSESSMENT,
                              issues=[ISSUE])
