"""Chainable reads of surveys; who may see what is decided in portal.permissions."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q
from django.utils import timezone

from portal.permissions import ScopedQuerySet

if TYPE_CHECKING:
    from portal.models import User


class SurveyQuerySet(ScopedQuerySet):
    """Surveys belong to their owner unit: its officers (and those above) manage them.
    Members reach surveys through their invitations, never through this scope."""

    unit_lookup = "owner_unit"

    def accepting(self, now: datetime | None = None) -> SurveyQuerySet:
        now = now or timezone.now()
        return self.filter(status="open", opens_at__lte=now, closes_at__gt=now)

    def over(self, now: datetime | None = None) -> SurveyQuerySet:
        """Closed by an officer, or past their closing time."""
        now = now or timezone.now()
        return self.filter(Q(status="closed") | Q(status="open", closes_at__lte=now))

    def running_between(self, start: datetime, end: datetime) -> SurveyQuerySet:
        """Surveys that were open at some moment of [start, end)."""
        return self.exclude(status="draft").filter(opens_at__lt=end, closes_at__gt=start)

    def in_scope_of(self, unit) -> SurveyQuerySet:
        return self.filter(owner_unit__path__startswith=unit.path)


class QuestionQuerySet(models.QuerySet):
    def for_survey(self, survey) -> QuestionQuerySet:
        return self.filter(survey=survey).select_related("section")


def audience_q(*, unit_paths: list[str], roles: list[str], staff_groups: list[str]) -> Q:
    """The condition on `User` for a survey's audience."""
    if not unit_paths:
        return Q(pk__in=[])
    condition = Q()
    for path in unit_paths:
        condition |= Q(unit__path__startswith=path)
    condition &= Q(is_active=True)
    if roles:
        condition &= Q(role__in=roles)
    if staff_groups:
        condition &= Q(staff_group__in=staff_groups)
    return condition


def in_audience(user: User, *, unit_paths: list[str], roles: list[str],
                staff_groups: list[str]) -> bool:
    if not (user.is_authenticated and user.is_active and user.unit_id):
        return False
    path = user.unit.path
    return (any(path.startswith(p) for p in unit_paths)
            and (not roles or user.role in roles)
            and (not staff_groups or user.staff_group in staff_groups))
