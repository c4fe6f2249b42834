"""Querysets of the directives app; who sees what is decided in portal.permissions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Q

from portal.permissions import NOTHING, ScopedQuerySet, scope_of
from portal.tracking import TrackedItemQuerySet

if TYPE_CHECKING:
    from portal.models import User


def _progress_in_subtree(user: User, lookup: str) -> Q:
    """A directive (or a task: `lookup` leads from a progress row to it) that a unit of the
    officer's subtree must carry out: they see it even though it was issued above them."""
    from .models import TaskProgress

    scope = scope_of(user)
    if not scope.subtree or scope.unit_path is None:
        return NOTHING
    rows = TaskProgress.objects.filter(**{lookup: OuterRef("pk")},
                                       unit__path__startswith=scope.unit_path)
    return Q(Exists(rows))


class DirectiveQuerySet(ScopedQuerySet):
    """The issuing unit's officers (and those above) see and change a directive; the
    officers of a unit that must carry out one of its tasks see it once published."""

    unit_lookup = "unit"

    def addressed_to(self, user: User) -> Q:
        return Q(status="published") & _progress_in_subtree(user, "task__directive")

    def published(self) -> DirectiveQuerySet:
        return self.filter(status="published")


class DirectiveTaskQuerySet(ScopedQuerySet):
    unit_lookup = "directive__unit"

    def addressed_to(self, user: User) -> Q:
        return Q(directive__status="published") & _progress_in_subtree(user, "task")


class TaskProgressQuerySet(TrackedItemQuerySet):
    """A unit's officers (and those above) see and report their progress; the committee
    sees all (rows only exist inside the issuing unit's subtree)."""

    def of_directive(self, directive) -> TaskProgressQuerySet:
        return self.filter(task__directive=directive)
