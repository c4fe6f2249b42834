"""Every practices service with an actor refuses another unit's officer and a member and
stores nothing; the unit's officer and the committee may. Endorsing is the committee's."""

from functools import cached_property

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile

from tests.practices.authorization import COMMITTEE_ONLY, cases
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db
CASES = cases()


def fingerprint(rows) -> dict:
    """Row counts of the app's tables, and the rows' values."""
    from django.apps import apps

    counts = {m.__name__: m._base_manager.count()
              for m in apps.get_app_config("practices").get_models()}
    return {"counts": counts, "rows": {f"{type(r).__name__} {r.pk}":
                                       type(r)._base_manager.filter(pk=r.pk).values().first()
                                       for r in rows}}


def difference(before: dict, after: dict) -> bool:
    return before != after


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


def test_every_service_with_an_actor_is_here():
    import inspect

    from directives.practices import services

    found = {name for name, value in vars(services).items()
             if inspect.isfunction(value) and value.__module__ == services.__name__
             and not name.startswith("_") and "by" in inspect.signature(value).parameters}
    assert found == set(CASES) and COMMITTEE_ONLY <= found


@pytest.mark.parametrize("actor", ["officer2", "member"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_another_unit_or_a_member_is_refused(world, accounts, name, actor):
    rows, call = CASES[name](world, accounts[actor])
    before = fingerprint(rows)
    with pytest.raises(PermissionDenied):
        call()
    assert not difference(before, fingerprint(rows))


@pytest.mark.parametrize("actor", ["officer", "committee"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_the_units_officer_and_the_committee_may(world, accounts, name, actor):
    if actor != "committee" and name in COMMITTEE_ONLY:
        with pytest.raises(PermissionDenied):
            CASES[name](world, accounts[actor])[1]()
        return
    CASES[name](world, accounts[actor])[1]()


@pytest.mark.parametrize("actor", ["officer", "officer2", "member"])
def test_only_the_committee_endorses(world, accounts, actor):
    from directives.practices.services import practice_endorse

    before = fingerprint([world.practice])
    with pytest.raises(PermissionDenied):
        practice_endorse(practice=world.practice, note="Tốt", by=accounts[actor])
    assert not difference(before, fingerprint([world.practice]))
    practice_endorse(practice=world.practice, note="Tốt", by=accounts["committee"])
