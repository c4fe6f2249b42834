"""The bulletins' write services refuse another union's officer and a member, store
nothing and queue nothing; the BK officer and the committee pass (see authorization.py)."""

import pytest
from django.core.exceptions import PermissionDenied

from tests.bulletins.authorization import cases
from tests.test_service_authorization import World, difference, fingerprint, services_with_an_actor

CASES = cases()


@pytest.fixture
def world(units, accounts):
    return World(units)


def test_every_bulletins_service_with_an_actor_is_here():
    from directives.bulletins import services

    ours = {name for name in services_with_an_actor() if hasattr(services, name)}
    assert ours - set(CASES) == set()


@pytest.mark.parametrize("actor", ["officer2", "member"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_refused_and_nothing_stored(world, accounts, django_capture_on_commit_callbacks,
                                    name, actor):
    rows, call = CASES[name](world, accounts[actor])
    before = fingerprint(rows)
    with django_capture_on_commit_callbacks() as queued, pytest.raises(PermissionDenied):
        call()
    assert not difference(before, fingerprint(rows)) and not queued


@pytest.mark.parametrize("actor", ["officer", "committee"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_allowed(world, accounts, name, actor):
    _rows, call = CASES[name](world, accounts[actor])
    call()
