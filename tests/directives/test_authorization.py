"""Every directives service with an actor refuses another unit's officer and a member and
stores nothing; the unit's officer and the committee may."""

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from tests.directives.authorization import _task, cases

pytestmark = pytest.mark.django_db
CASES = cases()


def fingerprint(rows) -> dict:
    from django.apps import apps

    counts = {m.__name__: m._base_manager.count()
              for m in apps.get_app_config("directives").get_models()}
    return {"counts": counts, "rows": {f"{type(r).__name__} {r.pk}":
                                       type(r)._base_manager.filter(pk=r.pk).values().first()
                                       for r in rows}}


class World:
    def __init__(self, units, accounts):
        from directives.models import Directive, TaskProgress
        from directives.services import directive_publish, task_save

        self.bk, self.accounts = units["BK"], accounts
        officer = accounts["officer"]

        def plan(number):
            return Directive.objects.create(
                unit=self.bk, number=number, issued_on=timezone.localdate(), issuer="BCH",
                subject="Kế hoạch của Công đoàn Trường", created_by=officer)

        self.draft = plan("1/KH-CĐBK")
        self.task = task_save(directive=self.draft, data=_task(self, 1), by=officer)
        published = plan("2/KH-CĐBK")
        task_save(directive=published, data=_task(self, 1), by=officer)
        directive_publish(directive=published, by=officer)
        self.progress = (TaskProgress.objects.select_related("task__directive", "unit")
                         .get(task__directive=published))


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
