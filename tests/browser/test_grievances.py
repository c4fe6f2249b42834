"""The grievance register in a real browser at 360 px and 1280 px: a member raises a
concern from a phone, the officer accepts it, forwards it to the university's office,
records the answer (confirming it), and the member reads it; an anonymous member follows
theirs with the receipt code, without an account."""

import re

import pytest

from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("(() => { const m = document.querySelector('main');"
                         " return m.scrollWidth <= m.clientWidth + 1; })()")


def test_a_concern_is_raised_forwarded_answered_and_read(page, demo):
    log_in(page, "member")
    page.goto(page.base_url + "/doi-thoai/kien-nghi-cua-toi/gui/")
    assert no_horizontal_scroll(page), page.viewport_name
    page.get_by_label("Tiêu đề").fill("Chế độ thai sản chưa được giải quyết")
    page.get_by_label("Nội dung kiến nghị, phản ánh").fill(
        "Tôi nộp hồ sơ từ tháng trước nhưng chưa nhận trợ cấp.")
    page.get_by_label("Lĩnh vực").select_option("policy")
    page.get_by_role("button", name="Gửi kiến nghị").click()
    page.wait_for_load_state()
    assert page.get_by_text("Kiến nghị của anh/chị đã được gửi đến Công đoàn.").is_visible()
    page.context.clear_cookies()

    log_in(page, "officer")
    page.goto(page.base_url + "/doi-thoai/kien-nghi/")
    assert no_horizontal_scroll(page), page.viewport_name
    page.get_by_role("link", name=re.compile("Chế độ thai sản")).click()
    page.wait_for_load_state()
    page.get_by_label("Đã chuyển cơ quan có thẩm quyền").check()
    page.get_by_label("Chuyển đến (cơ quan, đơn vị nào)").fill("Phòng Tổ chức - Hành chính")
    page.get_by_label("Ngày đôn đốc").fill("31/12/2099")
    page.get_by_role("button", name="Ghi kết quả tiếp nhận").click()
    page.wait_for_load_state()
    assert page.get_by_text("Đã ghi kết quả tiếp nhận.").is_visible()
    page.get_by_label("Trả lời đoàn viên").fill("Hồ sơ đã được bổ sung; trợ cấp chi kỳ tới.")
    page.get_by_role("button", name="Xem trước câu trả lời").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Đồng ý, gửi cho đoàn viên").click()
    page.wait_for_load_state()
    assert page.get_by_text("Đã gửi câu trả lời đến đoàn viên.").is_visible()
    page.context.clear_cookies()

    log_in(page, "member")
    page.goto(page.base_url + "/doi-thoai/kien-nghi-cua-toi/")
    page.get_by_role("link", name=re.compile("Chế độ thai sản")).click()
    page.wait_for_load_state()
    assert page.get_by_text("Hồ sơ đã được bổ sung; trợ cấp chi kỳ tới.").first.is_visible()
    assert page.get_by_text("Phòng Tổ chức - Hành chính").first.is_visible()
    assert no_horizontal_scroll(page), page.viewport_name


def test_an_anonymous_concern_is_followed_with_its_receipt_code(page, demo):
    log_in(page, "member")
    page.goto(page.base_url + "/doi-thoai/kien-nghi-cua-toi/gui/")
    page.get_by_label("Tiêu đề").fill("Thái độ ứng xử của một cán bộ")
    page.get_by_label("Nội dung kiến nghị, phản ánh").fill("Bị nói nặng lời trước sinh viên.")
    page.get_by_label("Gửi ẩn danh").check()
    page.get_by_role("button", name="Gửi kiến nghị").click()
    page.wait_for_load_state()
    code = page.locator("[data-receipt-code]").inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", code)
    assert code not in page.url
    page.context.clear_cookies()

    page.goto(page.base_url + "/doi-thoai/tra-cuu-kien-nghi/")
    page.get_by_label("Mã tra cứu").fill("AAAA-BBBB-CCCC")
    page.get_by_role("button", name="Tra cứu").click()
    page.wait_for_load_state()
    assert page.get_by_text("Không tìm thấy kiến nghị với mã này").is_visible()
    page.get_by_label("Mã tra cứu").fill(code.lower())
    page.get_by_role("button", name="Tra cứu").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Thái độ ứng xử của một cán bộ").is_visible()
    assert no_horizontal_scroll(page), page.viewport_name
