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
    group: str = ""  # a MenuGroup's key: shown inside that group's drop-down

    def allows(self, user) -> bool:
        if not self.roles or user.role in self.roles:
            return True
        # The committee sees every unit's work as its officers do; entries that are
        # personal to collaborators or members ("my trainings") are not theirs.
        return user.is_committee and "officer" in self.roles

    @property
    def url(self) -> str:
        return reverse(self.url_name)


@dataclass(frozen=True)
class MenuGroup:
    """A drop-down in the bar gathering several areas' entries, so the bar stays one line
    on a laptop. A person with one entry in a group sees that entry itself, not a drop-down
    of one."""

    key: str
    label: str | Promise
    icon: str
    order: int = 100


@dataclass(frozen=True)
class MenuItem:
    """What the bar shows: one entry, or a group with the entries this person may use."""

    entry: MenuEntry | None = None
    group: MenuGroup | None = None
    entries: tuple[MenuEntry, ...] = ()

    @property
    def namespaces(self) -> set[str]:
        """The apps of its entries: the group is marked current on any of their pages."""
        return {e.url_name.split(":")[0] for e in self.entries if ":" in e.url_name}


_entries: dict[str, MenuEntry] = {}
_groups: dict[str, MenuGroup] = {}


def register(entry: MenuEntry) -> None:
    _entries[entry.url_name] = entry


def register_group(group: MenuGroup) -> None:
    _groups[group.key] = group


def entries_for(user) -> list[MenuEntry]:
    if not user.is_authenticated:
        return []
    return sorted((e for e in _entries.values() if e.allows(user)), key=lambda e: e.order)


def menu_for(user) -> list[MenuItem]:
    """The bar for `user`: entries outside a group as they are, each group (placed at its
    own order) with its entries, a group of one entry shown as that entry."""
    placed: list[tuple[int, MenuItem]] = []
    grouped: dict[str, list[MenuEntry]] = {}
    for entry in entries_for(user):
        if entry.group and entry.group in _groups:
            grouped.setdefault(entry.group, []).append(entry)
        else:
            placed.append((entry.order, MenuItem(entry=entry)))
    for key, members in grouped.items():
        group = _groups[key]
        item = (MenuItem(entry=members[0]) if len(members) == 1
                else MenuItem(group=group, entries=tuple(members)))
        placed.append((group.order, item))
    return [item for _order, item in sorted(placed, key=lambda pair: pair[0])]


def register_core_entries() -> None:
    register_group(MenuGroup("work", _("Dispatch 360 work"), "list-check", order=40))
    register(MenuEntry(_("Home"), "home", "house", order=0))
    register(MenuEntry(_("Units"), "portal:unit_list", "diagram-3", order=10,
                       roles=frozenset({"officer"})))
    # The change history sits in the committee's account menu, to keep the bar short.
