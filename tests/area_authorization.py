"""The two authorization tests every area runs on its own services, written once.

An area's `tests/<label>/authorization.py` gives `cases()`: a service's name -> (world,
actor) -> (the rows that must not change, the call). Its test module defines a `world`
fixture and takes the tests from here:

    test_refused, test_allowed = area_authorization_tests(cases())

Refused: an officer of another union (`officer2`, KHTN) and a BK member get PermissionDenied,
and no project table and none of the rows changes, and no job is queued. Allowed: the BK
officer and the committee are not refused, which proves each call is real. A service in
`committee_only` must refuse the BK officer too. `tests/test_service_authorization.py`
checks that every service taking an actor has a case somewhere.
"""

from __future__ import annotations

from collections.abc import Collection

import pytest
from django.core.exceptions import PermissionDenied

from tests.test_isolation import difference, fingerprint

REFUSED = ("officer2", "member")
ALLOWED = ("officer", "committee")


def area_authorization_tests(cases: dict, *, committee_only: Collection[str] = ()):
    @pytest.mark.django_db
    @pytest.mark.parametrize("actor", REFUSED)
    @pytest.mark.parametrize("name", sorted(cases))
    def test_refused(world, accounts, name, actor, django_capture_on_commit_callbacks):
        rows, call = cases[name](world, accounts[actor])
        before = fingerprint(rows)
        with django_capture_on_commit_callbacks() as queued, pytest.raises(PermissionDenied):
            call()
        assert not difference(before, fingerprint(rows))
        assert not queued, "a job was queued for a refused actor"

    @pytest.mark.django_db
    @pytest.mark.parametrize("actor", ALLOWED)
    @pytest.mark.parametrize("name", sorted(cases))
    def test_allowed(world, accounts, name, actor):
        _rows, call = cases[name](world, accounts[actor])
        if actor != "committee" and name in committee_only:
            with pytest.raises(PermissionDenied):
                call()
            return
        call()

    test_refused.__doc__ = "Another union's officer and a member are refused; nothing changes."
    test_allowed.__doc__ = "The unit's officer and the committee may (committee-only: only it)."
    return test_refused, test_allowed
