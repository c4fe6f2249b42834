"""Every meetings service with an actor refuses another unit's officer and a member and
stores nothing; the unit's officer and the committee may."""

import pytest

from tests.area_authorization import area_authorization_tests
from tests.meetings.authorization import cases
from tests.meetings.factories import make_meeting

pytestmark = pytest.mark.django_db
CASES = cases()


class World:
    def __init__(self, units, accounts):
        self.bk, self.accounts = units["BK"], accounts
        self.meeting = make_meeting(self.bk)


@pytest.fixture
def world(units, accounts):
    return World(units, accounts)


test_refused, test_allowed = area_authorization_tests(CASES)
