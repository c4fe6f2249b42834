"""Chainable reads of the grievance register."""

from __future__ import annotations

from datetime import date

from django.db.models import Case as Switch
from django.db.models import IntegerField, Q, Value, When

from portal.models import PATH_STEP
from portal.permissions import NOTHING, ScopedQuerySet, scope_of
from portal.tracking import OPEN, TrackedItemQuerySet


class CaseQuerySet(TrackedItemQuerySet):
    """Officers see and handle their subtree's cases, the person in charge theirs, the
    committee all; a member sees the cases they raised (never an anonymous one: it keeps
    no link to them)."""

    def addressed_to(self, user) -> Q:
        return Q(raised_by=user.pk)

    def raised_by(self, user) -> CaseQuerySet:
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(raised_by=user.pk)

    def queue_order(self, today: date) -> CaseQuerySet:
        """Overdue first, then by deadline; answered and closed ones last."""
        rank = Switch(When(status__in=OPEN, due_on__lt=today, then=Value(0)),
                     When(status__in=OPEN, then=Value(1)), default=Value(2),
                     output_field=IntegerField())
        return self.annotate(rank=rank).order_by("rank", "due_on", "received_on", "pk")

    def escalated(self) -> CaseQuerySet:
        return self.filter(escalated_on__isnull=False)


class AnswerTemplateQuerySet(ScopedQuerySet):
    """A unit's officers use their own templates and those of every unit above them."""

    def addressed_to(self, user) -> Q:
        scope = scope_of(user)
        if not (scope.subtree and scope.unit_path):
            return NOTHING
        path = scope.unit_path
        return Q(unit__path__in=[path[:end] for end in range(PATH_STEP, len(path) + 1,
                                                              PATH_STEP)])

    def for_officer(self, user) -> ScopedQuerySet:
        return self.visible_to(user)
