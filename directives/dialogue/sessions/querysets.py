"""Chainable reads of dialogue sessions and their commitments."""

from __future__ import annotations

from datetime import date, datetime, time

from django.db.models import Q
from django.utils import timezone

from portal.models import PATH_STEP
from portal.permissions import NOTHING, ScopedQuerySet
from portal.tracking import TrackedItemQuerySet


def own_and_above(user) -> Q:
    """The units whose sessions concern a member: their own and every unit above it (a
    group's member sits the grassroots union's conference)."""
    unit = getattr(user, "unit", None) if getattr(user, "is_authenticated", False) else None
    if unit is None:
        return NOTHING
    prefixes = [unit.path[:end] for end in range(PATH_STEP, len(unit.path) + 1, PATH_STEP)]
    return Q(unit__path__in=prefixes)


def day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


class DialogueSessionQuerySet(ScopedQuerySet):
    """Officers read and change their units' sessions; a member reads only what was
    published to them (`published_for`), never the working record."""

    def held_before(self, moment: datetime) -> DialogueSessionQuerySet:
        return self.filter(starts_at__lt=moment)

    def in_year(self, year: int) -> DialogueSessionQuerySet:
        return self.filter(starts_at__gte=day_start(date(year, 1, 1)),
                           starts_at__lt=day_start(date(year + 1, 1, 1)))

    def published_for(self, user) -> DialogueSessionQuerySet:
        return self.filter(own_and_above(user), summary_published_at__isnull=False)


class CommitmentQuerySet(TrackedItemQuerySet):
    def published_for(self, user) -> CommitmentQuerySet:
        """The commitments a member follows on the public page: those of their units'
        sessions whose summary was published to them."""
        return self.filter(own_and_above(user), session__summary_published_at__isnull=False)
