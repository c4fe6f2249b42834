"""Reads of the directives app that span models or depend on the viewer."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import Directive, DirectiveTask


def directive_tasks(directive: Directive) -> QuerySet[DirectiveTask]:
    """The directive's tasks in their order (other areas assess units against them)."""
    return DirectiveTask.objects.filter(directive=directive).order_by("number")


def tasks_for_unit(unit) -> QuerySet[DirectiveTask]:
    """The published tasks `unit` (or a grassroots union under it) must carry out."""
    return (DirectiveTask.objects
            .filter(directive__status=Directive.Status.PUBLISHED,
                    progress__unit__path__startswith=unit.path)
            .select_related("directive").distinct()
            .order_by("-directive__issued_on", "directive_id", "number"))
