"""Every grievance-register service that takes an actor refuses another union's officer and a
member (PermissionDenied, nothing stored), and lets the BK officer and the committee act."""

import pytest
from django.core.exceptions import PermissionDenied

from tests.dialogue.cases.authorization import PERSONAL, CaseWorld, cases
from tests.test_isolation import difference, fingerprint

CASES = cases()


@pytest.fixture
def world(units, accounts):
    return CaseWorld(units, accounts)


def test_every_service_with_an_actor_has_a_case():
    import inspect

    from directives.dialogue.cases import services

    taking_an_actor = {name for name, f in vars(services).items()
                       if inspect.isfunction(f) and f.__module__ == services.__name__
                       and not name.startswith("_")
                       and "by" in inspect.signature(f).parameters}
    assert taking_an_actor == set(CASES) | PERSONAL


@pytest.mark.parametrize("actor", ["officer2", "member"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_another_unit_or_a_member_is_refused(world, accounts, name, actor,
                                             django_capture_on_commit_callbacks):
    rows, call = CASES[name](world, accounts[actor])
    before = fingerprint(rows)
    with django_capture_on_commit_callbacks() as queued, pytest.raises(PermissionDenied):
        call()
    assert not difference(before, fingerprint(rows))
    assert not queued


@pytest.mark.parametrize("actor", ["officer", "committee"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_the_officer_and_the_committee_may(world, accounts, name, actor):
    _rows, call = CASES[name](world, accounts[actor])
    call()
