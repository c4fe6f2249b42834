"""The menu bar: areas gather in one drop-down, a group of one is shown as its entry."""

import pytest

from portal import navigation
from portal.navigation import MenuEntry, MenuGroup, menu_for


@pytest.fixture
def registry(monkeypatch):
    monkeypatch.setattr(navigation, "_entries", {})
    monkeypatch.setattr(navigation, "_groups", {})
    navigation.register_group(MenuGroup("work", "Công tác", "list-check", order=40))
    navigation.register(MenuEntry("Trang chủ", "home", "house", order=0))
    navigation.register(MenuEntry("Báo cáo", "reports:list", "file", order=70))
    navigation.register(MenuEntry("Giao ban", "meetings:list", "people", order=41,
                                  roles=frozenset({"officer"}), group="work"))
    navigation.register(MenuEntry("Thông tin", "bulletins:list", "megaphone", order=45,
                                  group="work"))


def labels(items):
    return [item.group.label if item.group else item.entry.label for item in items]


def test_the_group_sits_at_its_own_place_with_its_entries(registry, accounts):
    items = menu_for(accounts["officer"])
    assert labels(items) == ["Trang chủ", "Công tác", "Báo cáo"]
    assert [e.label for e in items[1].entries] == ["Giao ban", "Thông tin"]
    assert items[1].namespaces == {"meetings", "bulletins"}


def test_a_group_of_one_is_shown_as_that_entry(registry, accounts):
    assert labels(menu_for(accounts["member"])) == ["Trang chủ", "Thông tin", "Báo cáo"]


def test_the_real_bar_renders_a_group_as_a_dropdown(registry, client_for, accounts):
    page = client_for(accounts["officer"]).get("/").content.decode()
    assert 'id="account-menu"' in page
    assert '<i class="bi bi-list-check" aria-hidden="true"></i> Công tác</a>' in page
    assert 'class="dropdown-item" href="/thong-tin/"' in page
