"""A dialogue's commitment followed to done, in a real browser at 360 px and 1280 px: the
officer records the progress on the session's page, and the member reads it on the unit's
public progress page, reached from their home page, with no internal note on it."""

import pytest

from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser


def no_horizontal_scroll(page) -> bool:
    """The page's own content fits (the shared menu bar is checked by its own tests)."""
    return page.evaluate("(() => { const m = document.querySelector('main');"
                         " return m.scrollWidth <= m.clientWidth + 1; })()")


@pytest.fixture
def sessions(demo):
    from directives.dialogue.sessions.seed import seed

    seed()
    return demo


def test_a_commitment_is_followed_to_done_on_the_members_page(page, sessions):
    log_in(page, "officer")
    page.goto(page.base_url + "/doi-thoai/")
    assert no_horizontal_scroll(page), page.viewport_name
    page.get_by_role("link", name="Đối thoại định kỳ 6 tháng đầu năm").click()
    page.get_by_role("link", name="Sửa chữa hệ thống điện nhà B1").click()
    page.locator("select[name=status]").select_option("done")
    page.locator("textarea[name=public_note]").fill("Đã thay tủ điện tầng 4 nhà B1.")
    page.locator("textarea[name=note]").fill("Ghi chú nội bộ: nhà thầu xin gia hạn.")
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_load_state()
    assert page.get_by_text("Đã lưu các thay đổi.").is_visible()
    page.context.clear_cookies()

    log_in(page, "member")
    page.get_by_role("link", name="Theo dõi các cam kết").click()
    page.wait_for_load_state()
    item = page.locator("li", has_text="Sửa chữa hệ thống điện nhà B1")
    assert item.get_by_text("Đã hoàn thành").is_visible()
    assert item.get_by_text("Đã thay tủ điện tầng 4 nhà B1.").is_visible()
    assert "nhà thầu xin gia hạn" not in page.content()
    assert no_horizontal_scroll(page), page.viewport_name
