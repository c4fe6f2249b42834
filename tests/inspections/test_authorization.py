"""Every inspections service that takes an actor refuses another union's officer and a
member (PermissionDenied, nothing stored), and lets the BK officer and the committee act."""

import pytest

from tests.area_authorization import area_authorization_tests
from tests.inspections.authorization import InspectionWorld, cases

CASES = cases()


@pytest.fixture
def world(units, accounts):
    return InspectionWorld(units, accounts)


test_refused, test_allowed = area_authorization_tests(CASES)
