"""The one place that says who may read and change what.

- The Standing Committee (and administrators) read everything and change everything.
- A unit officer reads and changes their own unit and every unit below it.
- A collaborator or a member reads only what is theirs, or what is addressed to them.

Every model that belongs to a unit uses `ScopedQuerySet`, so views ask
`Model.objects.visible_to(user)` / `.changeable_by(user)` and never filter by hand.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q

if TYPE_CHECKING:
    from .models import User

NOTHING = Q(pk__in=[])


@dataclass(frozen=True)
class Scope:
    everything: bool = False
    unit_path: str | None = None
    subtree: bool = False
    can_change: bool = False


def scope_of(user: User | Any) -> Scope:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Scope()
    if user.is_committee:
        return Scope(everything=True, can_change=True)
    path = user.unit.path if user.unit_id else None
    if user.is_officer:
        return Scope(unit_path=path, subtree=path is not None, can_change=path is not None)
    return Scope(unit_path=path)


class ScopedQuerySet(models.QuerySet):
    """Records that belong to a unit (`unit_lookup`) and possibly to a person.

    `owner_lookup` names the field pointing at the user who owns a record: a collaborator or
    a member sees those. Subclasses override `addressed_to` for records sent to a person.
    """

    unit_lookup: str = "unit"
    owner_lookup: str | None = None

    def addressed_to(self, user: User) -> Q:
        return NOTHING

    def _unit_q(self, scope: Scope) -> Q:
        if not scope.subtree or scope.unit_path is None:
            return NOTHING
        return Q(**{f"{self.unit_lookup}__path__startswith": scope.unit_path})

    def visible_to(self, user: User) -> ScopedQuerySet:
        scope = scope_of(user)
        if scope.everything:
            return self
        if not getattr(user, "is_authenticated", False):
            return self.none()
        condition = self._unit_q(scope) | self.addressed_to(user)
        if self.owner_lookup:
            condition |= Q(**{self.owner_lookup: user.pk})
        return self.filter(condition)

    def changeable_by(self, user: User) -> ScopedQuerySet:
        scope = scope_of(user)
        if scope.everything:
            return self
        if not scope.can_change:
            return self.none()
        return self.filter(self._unit_q(scope))


def can_change_unit(user: User, unit) -> bool:
    scope = scope_of(user)
    if scope.everything:
        return True
    return bool(scope.can_change and scope.unit_path and unit.path.startswith(scope.unit_path))


def role_required(*roles: str) -> Callable:
    """View decorator: only these roles (and the committee, who reads everything) pass."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            user = request.user
            if not user.is_authenticated:
                from django.contrib.auth.views import redirect_to_login

                return redirect_to_login(request.get_full_path())
            if not (user.is_committee or user.role in roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def require_change(user: User, unit) -> None:
    """The one check every write service makes before it changes a unit's record: the
    actor may change that unit (its officers and those above it, and the committee)."""
    if not can_change_unit(user, unit):
        raise PermissionDenied
