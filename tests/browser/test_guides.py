"""The user guide reads on a 360 px phone: no sideways scroll, reached from the menu."""

import pytest

from tests.browser.conftest import log_in, open_account_menu

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("username", ["committee", "officer", "collaborator", "member"])
def test_the_guide_opens_from_the_account_menu_and_fits_the_screen(page, demo, username):
    log_in(page, username)
    open_account_menu(page)
    page.get_by_role("link", name="Hướng dẫn sử dụng").click()
    page.wait_for_load_state()
    assert page.url.endswith("/huong-dan/")
    assert page.locator("h1").inner_text().startswith("Hướng dẫn sử dụng")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
