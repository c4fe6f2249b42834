"""Every meetings service with an actor refuses another unit's officer and a member and
stores nothing; the unit's officer and the committee may."""

import pytest
from django.core.exceptions import PermissionDenied

from tests.meetings.authorization import cases
from tests.meetings.factories import make_meeting

pytestmark = pytest.mark.django_db
CASES = cases()


def fingerprint(rows) -> dict:
    from django.apps import apps

    counts = {m.__name__: m._base_manager.count()
              for m in apps.get_app_config("meetings").get_models()}
    return {"counts": counts, "rows": {f"{type(r).__name__} {r.pk}":
                                       type(r)._base_manager.filter(pk=r.pk).values().first()
                                       for r in rows}}


class World:
    def __init__(self, units, accounts):
        self.bk, self.accounts = units["BK"], accounts
        self.meeting = make_meeting(self.bk)


@pytest.fixture
def world(units, accounts):
    return World(units, accounts)


@pytest.mark.parametrize("actor", ["officer2", "member"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_another_unit_or_a_member_is_refused_and_nothing_is_stored(world, accounts, name,
                                                                  actor):
    rows, call = CASES[name](world, accounts[actor])
    before = fingerprint(rows)
    with pytest.raises(PermissionDenied):
        call()
    assert fingerprint(rows) == before


@pytest.mark.parametrize("actor", ["officer", "committee"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_the_units_officer_and_the_committee_may(world, accounts, name, actor):
    _rows, call = CASES[name](world, accounts[actor])
    call()
