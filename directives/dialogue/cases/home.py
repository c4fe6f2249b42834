"""The grievance register on the home page: an officer's cases overdue or due soon, and a
member's concerns that have an answer to read."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.home import Todo, register_todos
from portal.tracking import tracked_todos

from ..models.cases import ANSWERED, Case
from .contributions import queue_url


def _answered_for_member(user) -> list[Todo]:
    if not getattr(user, "is_authenticated", False) or user.is_officer or user.is_committee:
        return []
    counts = Case.objects.raised_by(user).aggregate(
        answered=Count("pk", filter=Q(stage__in=[s.value for s in ANSWERED])))
    if not counts["answered"]:
        return []
    return [Todo(_("Your concerns with an answer to read"), reverse("dialogue:my_cases"),
                 counts["answered"], "info")]


def register() -> None:
    register_todos(tracked_todos(model=Case, overdue_label=_("Cases overdue"),
                                 due_label=_("Cases due soon"),
                                 url=lambda which: queue_url(None, which)))
    register_todos(_answered_for_member)
