"""The bulletins' write services refuse another union's officer and a member, store
nothing and queue nothing; the BK officer and the committee pass (see authorization.py)."""

import pytest

from tests.area_authorization import area_authorization_tests
from tests.bulletins.authorization import cases
from tests.test_service_authorization import World

CASES = cases()


@pytest.fixture
def world(units, accounts):
    return World(units)


test_refused, test_allowed = area_authorization_tests(CASES)
