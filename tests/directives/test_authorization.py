"""Every directives service with an actor refuses another unit's officer and a member and
stores nothing; the unit's officer and the committee may."""

import pytest
from django.utils import timezone

from tests.area_authorization import area_authorization_tests
from tests.directives.authorization import _task, cases

pytestmark = pytest.mark.django_db
CASES = cases()


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


test_refused, test_allowed = area_authorization_tests(CASES)
