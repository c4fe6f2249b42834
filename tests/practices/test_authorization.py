"""Every practices service with an actor refuses another unit's officer and a member and
stores nothing; the unit's officer and the committee may. Endorsing is the committee's."""

from functools import cached_property

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile

from tests.area_authorization import area_authorization_tests
from tests.practices.authorization import COMMITTEE_ONLY, cases
from tests.practices.factories import make_practice
from tests.test_isolation import difference, fingerprint

pytestmark = pytest.mark.django_db
CASES = cases()


class World:
    def __init__(self, units, accounts):
        self.bk, self.units, self.accounts = units["BK"], units, accounts
        for name in ("practice", "draft", "attachment", "khtn_practice"):
            getattr(self, name)

    @cached_property
    def practice(self):
        return make_practice(self.bk, self.accounts["officer"])

    @cached_property
    def draft(self):
        return make_practice(self.bk, self.accounts["officer"], state="draft", title="Nháp")

    @cached_property
    def khtn_practice(self):
        return make_practice(self.units["KHTN"], self.accounts["officer2"], title="Của KHTN")

    @cached_property
    def attachment(self):
        from directives.practices.models import Attachment

        item = Attachment(practice=self.practice, name="a.pdf")
        item.file.save("a.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
        return item


@pytest.fixture
def world(units, accounts):
    return World(units, accounts)


test_refused, test_allowed = area_authorization_tests(CASES, committee_only=COMMITTEE_ONLY)


@pytest.mark.parametrize("actor", ["officer", "officer2", "member"])
def test_only_the_committee_endorses(world, accounts, actor):
    from directives.practices.services import practice_endorse

    before = fingerprint([world.practice])
    with pytest.raises(PermissionDenied):
        practice_endorse(practice=world.practice, note="Tốt", by=accounts[actor])
    assert not difference(before, fingerprint([world.practice]))
    practice_endorse(practice=world.practice, note="Tốt", by=accounts["committee"])
