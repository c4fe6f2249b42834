"""Querysets of the portal's own models; the visibility rules live in permissions.py."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

from .permissions import ScopedQuerySet

if TYPE_CHECKING:
    from .models import User


class UnitQuerySet(models.QuerySet):
    def active(self) -> UnitQuerySet:
        return self.filter(is_active=True)

    def subtree(self, unit) -> UnitQuerySet:
        """The unit and every unit below it."""
        return self.filter(path__startswith=unit.path)

    def visible_to(self, user: User) -> UnitQuerySet:
        from .permissions import scope_of

        scope = scope_of(user)
        if scope.everything:
            return self
        if scope.unit_path is None:
            return self.none()
        if scope.subtree:
            return self.filter(path__startswith=scope.unit_path)
        return self.filter(path=scope.unit_path)

    def changeable_by(self, user: User) -> UnitQuerySet:
        from .permissions import scope_of

        scope = scope_of(user)
        if scope.everything and scope.can_change:
            return self
        if scope.can_change and scope.unit_path:
            return self.filter(path__startswith=scope.unit_path)
        return self.none()


class UserQuerySet(ScopedQuerySet):
    unit_lookup = "unit"
    owner_lookup = "pk"
