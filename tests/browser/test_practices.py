"""The library's "done when", in a real browser at 360 px and 1280 px: an officer of one
union writes up a practice (the markup's script is gone from the page) and publishes it,
the committee endorses it, an officer of another union finds it by searching without
accents and records that their union adopted it; the page shows the adoption."""

from datetime import date, timedelta

import pytest

from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser


def no_horizontal_scroll(page) -> bool:
    """The page's content fits the screen (the menu bar is the portal's, checked there)."""
    return page.evaluate("document.querySelector('main').scrollWidth"
                         " <= document.querySelector('main').clientWidth + 1")


def test_written_up_endorsed_and_adopted_by_another_union(page, demo):
    alerts = []
    page.on("dialog", lambda dialog: (alerts.append(dialog.message), dialog.dismiss()))
    log_in(page, "officer")
    page.goto(page.base_url + "/cach-lam-hay/")
    page.get_by_role("link", name="Viết cách làm hay").click()
    page.get_by_label("Tên cách làm").fill("Cà phê sáng thứ Sáu với viên chức trẻ")
    page.get_by_label("Lĩnh vực nhiệm vụ").select_option("dialogue")
    page.get_by_label("Tóm tắt").fill("Gặp gỡ viên chức trẻ mỗi tháng, trả lời tại chỗ.")
    page.get_by_label("Nội dung").fill(
        "### Cách làm\nBuổi gặp **60 phút** tại căng tin.\n\n"
        "<script>alert('x')</script><img src=x onerror=alert(1)>")
    page.get_by_label("Số liệu khác").fill("Kiến nghị giải quyết đúng hạn: 12/20 → 19/20")
    page.get_by_label("Thẻ").fill("đối thoại, viên chức trẻ")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_role("button", name="Công bố cách làm").click()
    assert page.get_by_text("Đã công bố cách làm").is_visible()
    assert page.locator(".practice-body strong").inner_text() == "60 phút"
    assert page.locator(".practice-body script, .practice-body img").count() == 0
    assert no_horizontal_scroll(page), page.viewport_name
    address = page.url

    page.context.clear_cookies()
    log_in(page, "committee")
    page.goto(address)
    page.get_by_label("Lý do Ban Thường vụ đề nghị nhân rộng").fill("Gần gũi, hiệu quả.")
    page.get_by_role("button", name="Công nhận", exact=True).click()
    assert page.get_by_text("Đã công nhận cách làm để nhân rộng").is_visible()

    page.context.clear_cookies()
    log_in(page, "officer2")
    page.goto(page.base_url + "/cach-lam-hay/")
    page.get_by_label("Tìm kiếm").fill("ca phe VIEN CHUC")
    page.get_by_role("button", name="Tìm kiếm").click()
    page.get_by_role("link", name="Cà phê sáng thứ Sáu với viên chức trẻ").click()
    page.get_by_role("link", name="Ghi nhận đơn vị đã áp dụng").click()
    day = (date.today() - timedelta(days=7)).strftime("%d/%m/%Y")
    page.get_by_label("Ngày áp dụng").fill(day)
    page.get_by_label("Kết quả áp dụng").fill("Tổ chức 2 buổi, viên chức trẻ hưởng ứng.")
    page.get_by_text("4 – hiệu quả").click()
    page.get_by_role("button", name="Lưu").click()
    assert page.get_by_text("lượt áp dụng đã được ghi").is_visible()
    assert page.get_by_text("Tổ chức 2 buổi, viên chức trẻ hưởng ứng.").is_visible()
    assert page.locator("main .list-group-item").filter(
        has_text="Công đoàn Trường Đại học Khoa học Tự nhiên").is_visible()
    assert no_horizontal_scroll(page), page.viewport_name
    assert not alerts
