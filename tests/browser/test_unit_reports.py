"""The units' opinion reports' "done when", in a real browser at 360 px and 1280 px: an
officer drafts last month's report, writes the mood and a salient issue, and sends it; the
committee sees it on the who-reported page, beside a union that has not reported, and
acknowledges it with a comment."""

import pytest

from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser


def fits(page) -> bool:
    return page.evaluate("document.querySelector('main').scrollWidth"
                         " <= document.querySelector('main').clientWidth + 1")


def test_an_officer_sends_and_the_committee_acknowledges(page, demo):
    log_in(page, "officer")
    page.goto(page.base_url + "/bao-cao/don-vi/tao-moi/")
    page.get_by_role("button", name="Bắt đầu soạn").click()
    page.get_by_label("Tâm trạng chung của đoàn viên, người lao động").select_option("worried")
    page.get_by_label("Nhận định của cán bộ công đoàn về tâm trạng").fill(
        "Viên chức trẻ lo lắng về thu nhập tăng thêm cuối năm.")
    page.get_by_label("Chủ đề").first.fill("Thu nhập tăng thêm cuối năm")
    page.get_by_label("Chiều hướng").first.select_option("hesitant")
    page.get_by_label("Mức độ").first.select_option("high")
    page.get_by_label("Phạm vi").first.select_option("unit")
    page.get_by_label("Kiến nghị, đề xuất với Ban Thường vụ").fill(
        "Đề nghị thông tin sớm phương án chi thu nhập tăng thêm.")
    assert fits(page), page.viewport_name
    page.get_by_role("button", name="Lưu và gửi lên Công đoàn ĐHQG-HCM").click()
    assert page.get_by_text("Báo cáo đã được gửi lên Công đoàn ĐHQG-HCM").is_visible()
    assert page.get_by_text("Thu nhập tăng thêm cuối năm").first.is_visible()
    assert page.get_by_role("link", name="Tải PDF").is_visible()
    address = page.url

    page.context.clear_cookies()
    log_in(page, "committee")
    page.goto(page.base_url + "/bao-cao/don-vi/tinh-hinh-nop/")
    assert page.get_by_role("heading", name="Tình hình nộp báo cáo").is_visible()
    assert page.locator("td .badge", has_text="chưa báo cáo").count() >= 1
    assert fits(page), page.viewport_name
    page.goto(address)
    page.get_by_label("Ý kiến gửi đơn vị").fill("Ban Thường vụ đã nhận; sẽ làm việc với "
                                                 "Phòng Kế hoạch - Tài chính.")
    page.get_by_role("button", name="Ghi nhận", exact=True).click()
    assert page.get_by_text("Đã ghi nhận báo cáo.").is_visible()
    assert page.get_by_text("sẽ làm việc với Phòng Kế hoạch - Tài chính").is_visible()
