"""The home page is assembled from what each app says a person has to do today.

Apps register providers in AppConfig.ready(); a provider takes the user and returns
`Todo` items or a `Panel` (or nothing). `portal` registers its own below."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Todo:
    label: str | Promise
    url: str
    count: int = 0
    level: str = "warning"  # Bootstrap contextual class: danger, warning, info


@dataclass(frozen=True)
class Panel:
    title: str | Promise
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 100


TodoProvider = Callable[[Any], list[Todo]]
PanelProvider = Callable[[Any], Panel | None]
_todo_providers: list[TodoProvider] = []
_panel_providers: list[PanelProvider] = []


def register_todos(provider: TodoProvider) -> TodoProvider:
    _todo_providers.append(provider)
    return provider


def register_panel(provider: PanelProvider) -> PanelProvider:
    _panel_providers.append(provider)
    return provider


def todos_for(user) -> list[Todo]:
    order = {"danger": 0, "warning": 1, "info": 2}
    items = [todo for provider in _todo_providers for todo in provider(user)]
    return sorted(items, key=lambda t: order.get(t.level, 3))


def panels_for(user) -> list[Panel]:
    panels = [p for p in (provider(user) for provider in _panel_providers) if p is not None]
    return sorted(panels, key=lambda p: p.order)


@register_todos
def _member_counts(user) -> list[Todo]:
    from django.urls import reverse

    from .selectors import units_missing_member_count

    if not (user.is_committee or user.is_officer):
        return []
    missing = list(units_missing_member_count(user)[:50])
    if not missing:
        return []
    first = missing[0]
    url = (
        reverse("portal:unit_member_count", args=[first.pk])
        if len(missing) == 1
        else reverse("portal:unit_list") + "?missing=1"
    )
    return [Todo(_("Units without a member count (coverage cannot be computed)"), url,
                 count=len(missing), level="warning")]


@register_panel
def _my_unit(user) -> Panel | None:
    from .selectors import unit_role_counts

    if not user.unit_id:
        return None
    return Panel(
        _("My unit"),
        "portal/panels/_my_unit.html",
        {"unit": user.unit, "role_counts": unit_role_counts(user.unit)
         if (user.is_officer or user.is_committee) else None},
        order=10,
    )


@register_panel
def _university_overview(user) -> Panel | None:
    from .models import Unit
    from .selectors import unit_totals

    if not user.is_committee:
        return None
    return Panel(_("VNU-HCM at a glance"), "portal/panels/_overview.html",
                 {"totals": unit_totals(Unit.objects.active())}, order=5)
