"""Playwright driving Debian's Chromium (browsers cannot be downloaded here)."""

import os

import pytest

from tests.services import need_chromium

VIEWPORTS = {"phone": {"width": 360, "height": 640}, "desktop": {"width": 1280, "height": 800}}


@pytest.fixture(scope="session")
def chromium():
    path = need_chromium()
    # Playwright's sync API runs an event loop in the test thread; the ORM calls made in
    # that thread by fixtures are still plain synchronous ones.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=path,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        yield browser
        browser.close()


@pytest.fixture(params=list(VIEWPORTS), ids=list(VIEWPORTS))
def page(request, chromium, live_server):
    context = chromium.new_context(viewport=VIEWPORTS[request.param], locale="vi-VN")
    page = context.new_page()
    page.base_url = live_server.url  # type: ignore[attr-defined]
    page.viewport_name = request.param  # type: ignore[attr-defined]
    yield page
    context.close()


@pytest.fixture
def demo(transactional_db):
    from portal.demo import seed_accounts, seed_units

    return seed_accounts(seed_units())


def log_in(page, username: str, password: str = "demo12345") -> None:
    page.goto(page.base_url + "/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập hoặc email").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()


def open_menu(page) -> None:
    """On a phone, open the collapsed menu and wait until it has finished sliding open
    (Bootstrap ignores clicks inside it until then)."""
    page.get_by_role("button", name="Mở menu").click()
    page.locator("#main-nav.show").wait_for()


def open_account_menu(page) -> None:
    """The account drop-down (user guide, change password, log out), on any screen."""
    if page.get_by_role("button", name="Mở menu").is_visible():
        open_menu(page)
    page.locator("#account-menu").click()
    page.locator("#account-menu + .dropdown-menu.show").wait_for()
