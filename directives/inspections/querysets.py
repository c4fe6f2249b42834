"""Who sees and changes inspections and reviews (the rules are portal.permissions').

Two sides meet in an inspection: the inspecting unit (the programme's, its officers and the
committee: the team's side) and the inspected unit (its officers: the unit's side). The
inspected unit is always below the inspecting one, so scoping by the inspected unit lets
both sides see it; `led_by` narrows to the team's side, for the team's writes. The inspected
unit's officers see an inspection only once the notice is sent."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.db.models import Q

from portal.models import PATH_STEP
from portal.permissions import NOTHING, ScopedQuerySet, scope_of
from portal.tracking import TrackedItemQuerySet

if TYPE_CHECKING:
    from portal.models import User


def _ancestor_paths(path: str) -> list[str]:
    """The paths of a unit and of every unit above it."""
    return [path[:end] for end in range(PATH_STEP, len(path) + 1, PATH_STEP)]


class InspectionProgrammeQuerySet(ScopedQuerySet):
    unit_lookup = "unit"


class InspectionQuerySet(ScopedQuerySet):
    unit_lookup = "unit"

    def visible_to(self, user: User) -> InspectionQuerySet:
        scope = scope_of(user)
        seen = cast(InspectionQuerySet, super().visible_to(user))
        if scope.everything or scope.unit_path is None:
            return seen
        return seen.filter(~Q(status="planned")
                           | Q(programme__unit__path__startswith=scope.unit_path))

    def led_by(self, user: User) -> InspectionQuerySet:
        """Those whose team's work this person may do: the inspecting unit's officers (and
        those above it), the committee."""
        scope = scope_of(user)
        if scope.everything:
            return self
        if not scope.can_change or not scope.unit_path:
            return self.none()
        return self.filter(programme__unit__path__startswith=scope.unit_path)

    def open(self) -> InspectionQuerySet:
        return self.exclude(status="closed")


class InspectionScoreQuerySet(ScopedQuerySet):
    unit_lookup = "inspection__unit"


class RecommendationQuerySet(TrackedItemQuerySet):
    """Visible to the inspected unit's officers (and those above: the team), the person in
    charge, the committee."""

    def to_review(self) -> RecommendationQuerySet:
        return self.filter(review="answered")

    def reviewed_by_team_of(self, user: User) -> RecommendationQuerySet:
        """Those whose answers this person reviews: the team's side of their inspection."""
        from .models import Inspection

        return self.filter(inspection__in=Inspection.objects.led_by(user))


class ReviewQuerySet(ScopedQuerySet):
    """The organising unit's officers (and those above) change a review; the officers of
    the units below it, which assess themselves, see it."""

    unit_lookup = "unit"

    def addressed_to(self, user: User) -> Q:
        scope = scope_of(user)
        if not scope.subtree or scope.unit_path is None:
            return NOTHING
        return Q(unit__path__in=_ancestor_paths(scope.unit_path)[:-1])


class ReviewPartQuerySet(ScopedQuerySet):
    """A unit's self-assessment or rating: its officers (and those above) see it."""

    unit_lookup = "unit"
