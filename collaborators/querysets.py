"""Querysets of the collaborators app; who sees what is decided in portal.permissions."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery

from portal.models import PATH_STEP
from portal.permissions import ScopedQuerySet, scope_of

from .periods import training_window_start

if TYPE_CHECKING:
    from portal.models import User


class CollaboratorQuerySet(ScopedQuerySet):
    """Officers see their subtree; a collaborator sees their own roster record."""

    unit_lookup = "unit"
    owner_lookup = "account"

    def active(self) -> CollaboratorQuerySet:
        return self.filter(status="active")

    def in_subtree(self, unit) -> CollaboratorQuerySet:
        return self.filter(unit__path__startswith=unit.path)

    def trained_since(self, since: date) -> CollaboratorQuerySet:
        return self.filter(self.trained_q(since))

    @staticmethod
    def trained_q(since: date) -> Q:
        from .models import Attendance

        return Q(Exists(Attendance.objects.filter(collaborator=OuterRef("pk"),
                                                  training__held_on__gte=since)))

    def with_last_training(self) -> CollaboratorQuerySet:
        """`last_trained_on`: a correlated subquery, so no GROUP BY over the whole roster."""
        from .models import Attendance

        latest = (Attendance.objects.filter(collaborator=OuterRef("pk"))
                  .order_by("-training__held_on").values("training__held_on")[:1])
        return self.annotate(last_trained_on=Subquery(latest))

    def untrained(self, on: date | None = None) -> CollaboratorQuerySet:
        """Active collaborators with no training in the 12 months before `on`."""
        return self.active().exclude(self.trained_q(training_window_start(on)))


class TrainingQuerySet(ScopedQuerySet):
    """A training belongs to its organiser unit. Officers also see trainings organised above
    them (their collaborators attend those); a collaborator sees the ones they attended."""

    unit_lookup = "organiser"

    def addressed_to(self, user: User) -> Q:
        from .models import Attendance

        attended = Q(pk__in=Attendance.objects.filter(collaborator__account=user)
                     .values("training_id"))
        scope = scope_of(user)
        if scope.subtree and scope.unit_path:
            path = scope.unit_path
            above = [path[:end] for end in range(PATH_STEP, len(path) + 1, PATH_STEP)]
            return attended | Q(organiser__path__in=above)
        return attended


class AttendanceQuerySet(ScopedQuerySet):
    unit_lookup = "collaborator__unit"
    owner_lookup = "collaborator__account"


class OpinionReportQuerySet(ScopedQuerySet):
    """Officers see and review their subtree's reports; whoever filed one sees it."""

    unit_lookup = "unit"
    owner_lookup = "author"

    def waiting(self) -> OpinionReportQuerySet:
        return self.filter(status="new")

    def between(self, start, end) -> OpinionReportQuerySet:
        """Filed in [start, end) (aware datetimes)."""
        return self.filter(created_at__gte=start, created_at__lt=end)


class ImportBatchQuerySet(models.QuerySet):
    """Only the person who uploaded a sheet previews and confirms it."""

    def visible_to(self, user: User) -> ImportBatchQuerySet:
        return self.filter(created_by=user) if user.is_authenticated else self.none()

    changeable_by = visible_to
