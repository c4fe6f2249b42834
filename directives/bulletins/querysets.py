"""Who sees which bulletin: the issuing unit's officers (and those above), the committee, and
every person the bulletin is addressed to once it is published. Guidance for collaborators
is never addressed to a member."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.db.models import Q
from django.utils import timezone

from portal.models import PATH_STEP
from portal.permissions import NOTHING, ScopedQuerySet

if TYPE_CHECKING:
    from portal.models import Unit, User


def ancestor_paths(path: str) -> list[str]:
    """The paths of a unit and of every unit above it."""
    return [path[:end] for end in range(PATH_STEP, len(path) + 1, PATH_STEP)]


def audience_match(user: User, prefix: str = "") -> Q:
    """Bulletins (reached through `prefix`, e.g. "bulletin__") whose audience holds `user`:
    one of the audience units is the person's unit or above it, and the roles and staff
    groups, when given, include theirs."""
    from .models import BulletinAudience

    if not user.unit_id:
        return NOTHING
    unit = cast("Unit", user.unit)  # unit_id is set
    units = BulletinAudience.objects.filter(unit__path__in=ancestor_paths(unit.path))
    condition = (Q(**{f"{prefix}pk__in": units.values("bulletin_id")})
                 & (Q(**{f"{prefix}roles": ""}) | Q(**{f"{prefix}roles__contains":
                                                      f",{user.role},"}))
                 & (Q(**{f"{prefix}staff_groups": ""})
                    | Q(**{f"{prefix}staff_groups__contains": f",{user.staff_group},"})))
    if user.role == user.Role.MEMBER:
        condition &= ~Q(**{f"{prefix}kind": "guidance"})
    return condition


class BulletinQuerySet(ScopedQuerySet):
    unit_lookup = "unit"

    def addressed_to(self, user: User) -> Q:
        return audience_match(user) & Q(publish_at__lte=timezone.now())

    def to(self, user: User) -> BulletinQuerySet:
        """Only what is addressed to the person (their reading list), published."""
        return self.filter(self.addressed_to(user))

    def published(self, now=None) -> BulletinQuerySet:
        return self.filter(publish_at__lte=now or timezone.now())

    def live(self, now=None) -> BulletinQuerySet:
        now = now or timezone.now()
        return self.filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now),
                           publish_at__lte=now)


class QuestionQuerySet(ScopedQuerySet):
    """Questions follow their bulletin: the issuing unit's officers read every one; the
    audience reads the answered ones (the asker their own too: see `selectors`)."""

    unit_lookup = "bulletin__unit"

    def addressed_to(self, user: User) -> Q:
        return audience_match(user, "bulletin__") & Q(bulletin__publish_at__lte=timezone.now()) \
            & ~Q(answer="")
