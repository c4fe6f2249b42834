import pytest

from tests.browser.conftest import log_in, open_menu

pytestmark = pytest.mark.browser

ROLES = {
    "committee": "Ủy viên Ban Thường vụ",
    "officer": "Cán bộ công đoàn cơ sở",
    "officer2": "Cán bộ công đoàn cơ sở",
    "collaborator": "Cộng tác viên dư luận xã hội",
    "member": "Đoàn viên",
    "admin": "Ủy viên Ban Thường vụ",
}


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.mark.parametrize("username", list(ROLES))
def test_each_demo_role_logs_in_and_sees_a_vietnamese_home(page, demo, username):
    log_in(page, username)
    assert page.url.rstrip("/") == page.base_url
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.get_by_role("heading", name="Việc cần làm hôm nay").is_visible()
    assert ROLES[username] in page.content()
    assert no_horizontal_scroll(page), f"horizontal scroll on {page.viewport_name}"


def test_wrong_password_shows_a_vietnamese_message(page, demo):
    log_in(page, "officer", "sai-mat-khau")
    assert page.get_by_text("Tên đăng nhập/email hoặc mật khẩu không đúng").is_visible()
    assert no_horizontal_scroll(page)


def test_menu_and_language_switch(page, demo):
    log_in(page, "committee")
    if page.viewport_name == "phone":
        open_menu(page)
    page.locator("#account-menu").click()
    page.get_by_role("link", name="Lịch sử thay đổi").click()
    assert page.get_by_role("heading", name="Lịch sử thay đổi").is_visible()
    if page.viewport_name == "phone":
        open_menu(page)
    page.get_by_role("button", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", name="Change history").is_visible()
