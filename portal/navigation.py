"""The menu. Each app adds its entries in its AppConfig.ready(), so `portal` never imports
a feature app, and an entry appears only once its app has real pages."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class MenuEntry:
    label: str | Promise
    url_name: str
    icon: str
    order: int = 100
    roles: frozenset[str] = field(default_factory=frozenset)  # empty: everyone signed in

    def allows(self, user) -> bool:
        if not self.roles or user.role in self.roles:
            return True
        # The committee sees every unit's work as its officers do; entries that are
        # personal to collaborators or members ("my trainings") are not theirs.
        return user.is_committee and "officer" in self.roles

    @property
    def url(self) -> str:
        return reverse(self.url_name)


_entries: dict[str, MenuEntry] = {}


def register(entry: MenuEntry) -> None:
    _entries[entry.url_name] = entry


def entries_for(user) -> list[MenuEntry]:
    if not user.is_authenticated:
        return []
    return sorted((e for e in _entries.values() if e.allows(user)), key=lambda e: e.order)


def register_core_entries() -> None:
    register(MenuEntry(_("Home"), "home", "house", order=0))
    register(MenuEntry(_("Units"), "portal:unit_list", "diagram-3", order=10,
                       roles=frozenset({"officer"})))
    # The change history sits in the committee's account menu, to keep the bar short.
