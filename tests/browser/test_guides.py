"""The user guide reads on a 360 px phone: no sideways scroll, reached from the menu."""

import pytest

from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("username", ["committee", "officer", "collaborator", "member"])
def test_the_guide_opens_from_the_account_menu_and_fits_the_screen(page, demo, username):
    log_in(page, username)
    toggler = page.locator(".navbar-toggler")
    if toggler.is_visible():
        toggler.click()
        # Bootstrap ignores clicks inside the menu while it is still sliding open.
        page.locator("#main-nav.show:not(.collapsing)").wait_for()
    page.locator(".dropdown-toggle").first.click()
    page.locator(".dropdown-menu.show").wait_for()
    page.get_by_role("link", name="Hướng dẫn sử dụng").click()
    page.wait_for_load_state()
    assert page.url.endswith("/huong-dan/")
    assert page.locator("h1").inner_text().startswith("Hướng dẫn sử dụng")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
