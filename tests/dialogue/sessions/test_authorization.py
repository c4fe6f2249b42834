"""Every dialogue-session service that takes an actor refuses another union's officer and a
member (PermissionDenied, nothing stored), and lets the BK officer and the committee act."""

import pytest

from tests.area_authorization import area_authorization_tests
from tests.dialogue.sessions.authorization import SessionWorld, cases

CASES = cases()


@pytest.fixture
def world(units, accounts):
    return SessionWorld(units, accounts)


test_refused, test_allowed = area_authorization_tests(CASES)
