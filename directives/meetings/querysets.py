"""Chainable reads of briefing meetings; who sees what is decided in portal.permissions."""

from __future__ import annotations

from typing import cast

from django.db.models import F
from django.utils import timezone

from portal.permissions import ScopedQuerySet
from portal.tracking import TrackedItemQuerySet


class MeetingQuerySet(ScopedQuerySet):
    """A meeting belongs to its unit: its officers (and those above) see and change it."""

    unit_lookup = "unit"

    def upcoming(self) -> MeetingQuerySet:
        return self.filter(ends_at__gt=timezone.now())

    def past(self) -> MeetingQuerySet:
        return self.filter(ends_at__lte=timezone.now())


class AttendanceQuerySet(ScopedQuerySet):
    unit_lookup = "meeting__unit"

    def listed(self) -> AttendanceQuerySet:
        """Accounts by name, then guests: as the page and the minutes list them."""
        return (self.select_related("account", "account__unit")
                .order_by(F("account").asc(nulls_last=True), "account__full_name",
                          "guest_name"))


class ActionQuerySet(TrackedItemQuerySet):
    """Visible to the unit's officers, those above, and the person in charge."""

    def carried_over_to(self, meeting) -> ActionQuerySet:
        """The open actions of the unit's earlier meetings: what the next one goes over."""
        open_actions = cast(ActionQuerySet, self.open())
        return open_actions.filter(meeting__unit=meeting.unit,
                                   meeting__starts_at__lt=meeting.starts_at)
