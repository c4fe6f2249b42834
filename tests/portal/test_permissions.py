"""The visibility rules every app relies on, for every role."""

import pytest

from portal.models import Unit, User
from portal.permissions import can_change_unit, scope_of
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def codes(queryset):
    return set(queryset.values_list("code", flat=True))


def test_committee_reads_and_changes_every_unit(units, accounts):
    committee = accounts["committee"]
    assert codes(Unit.objects.visible_to(committee)) == set(units)
    assert codes(Unit.objects.changeable_by(committee)) == set(units)


def test_officer_sees_own_unit_and_everything_below_only(units, accounts):
    officer = accounts["officer"]  # Bách khoa
    assert codes(Unit.objects.visible_to(officer)) == {
        "BK", "BK-CK", "BK-KHMT", "BK-DDT", "BK-KHMT-T1"}
    assert codes(Unit.objects.changeable_by(officer)) == codes(Unit.objects.visible_to(officer))
    assert not can_change_unit(officer, units["KHTN"])
    assert not can_change_unit(officer, units["CDDHQG"])  # not the unit above either
    assert can_change_unit(officer, units["BK-KHMT-T1"])


def test_officer_of_a_group_does_not_see_the_parent_or_siblings(units):
    officer = UserFactory(unit=units["BK-KHMT"], role=User.Role.OFFICER)
    assert codes(Unit.objects.visible_to(officer)) == {"BK-KHMT", "BK-KHMT-T1"}


@pytest.mark.parametrize("role", ["collaborator", "member"])
def test_collaborator_and_member_see_their_unit_but_change_nothing(units, accounts, role):
    user = accounts[role]
    assert codes(Unit.objects.visible_to(user)) == {"BK"}
    assert not Unit.objects.changeable_by(user).exists()


@pytest.mark.parametrize("role", ["collaborator", "member"])
def test_collaborator_and_member_see_only_their_own_account(accounts, role):
    user = accounts[role]
    assert list(User.objects.visible_to(user)) == [user]
    assert not User.objects.changeable_by(user).exists()


def test_officer_sees_accounts_of_their_subtree_only(units, accounts):
    officer = accounts["officer"]
    below = UserFactory(unit=units["BK-KHMT-T1"])
    visible = set(User.objects.visible_to(officer))
    assert below in visible and accounts["member"] in visible
    assert accounts["officer2"] not in visible and accounts["committee"] not in visible


def test_anonymous_and_disabled_users_see_nothing(units, accounts):
    from django.contrib.auth.models import AnonymousUser

    assert not Unit.objects.visible_to(AnonymousUser()).exists()
    officer = accounts["officer"]
    officer.is_active = False
    assert not Unit.objects.visible_to(officer).exists()
    assert scope_of(officer).can_change is False


def test_officer_without_a_unit_sees_nothing(db):
    officer = UserFactory(unit=None, role=User.Role.OFFICER)
    assert not Unit.objects.visible_to(officer).exists()
    assert not User.objects.changeable_by(officer).exists()


def test_superuser_reads_everything(units, accounts):
    assert codes(Unit.objects.visible_to(accounts["admin"])) == set(units)
