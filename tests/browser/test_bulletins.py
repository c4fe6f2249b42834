"""The issue's "done when", in a real browser at 360 px and 1280 px: an officer publishes a
correction of a spreading rumour to their unit, a member reads it on a phone and asks a
question, the officer answers it for everyone and sees the reach, and the committee sees
the time to orient per topic."""

import pytest

from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser

TITLE = "Đính chính tin đồn cắt giảm thu nhập tăng thêm"


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_a_correction_reaches_members_and_their_question_is_answered(page, demo):
    log_in(page, "officer")
    page.goto(page.base_url + "/thong-tin/moi/")
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_kind").select_option("correction")
    page.locator("#id_body").fill(
        "Tin **cắt giảm 50%** thu nhập tăng thêm là sai sự thật.<script>alert(1)</script>")
    page.get_by_role("button", name="Công bố").click()
    page.wait_for_load_state()
    assert page.get_by_text("Thông tin đã được công bố").is_visible()

    page.context.clear_cookies()
    log_in(page, "member")
    page.get_by_role("link", name=TITLE).first.click()
    page.wait_for_load_state()
    assert page.get_by_text("là sai sự thật").is_visible()
    assert no_horizontal_scroll(page), page.viewport_name
    page.get_by_label("Câu hỏi của anh/chị").fill("Quý IV có chi thu nhập tăng thêm không?")
    page.get_by_role("button", name="Gửi câu hỏi").click()
    page.wait_for_load_state()
    assert page.get_by_text("Quý IV có chi thu nhập tăng thêm không?").is_visible()

    page.context.clear_cookies()
    log_in(page, "officer")
    page.goto(page.base_url + "/thong-tin/quan-ly/")
    page.get_by_role("link", name=TITLE).click()
    assert page.get_by_text("Võ Thị Ngọc Lan").count() == 0  # the asker is never shown
    page.get_by_label("Trả lời", exact=True).fill("Có: chi đủ theo quy chế chi tiêu nội bộ.")
    page.get_by_role("button", name="Trả lời cho mọi người").click()
    page.wait_for_load_state()
    assert page.get_by_text("Có: chi đủ theo quy chế").is_visible()
    page.get_by_role("link", name="Mức độ tiếp cận").click()
    row = page.get_by_role("row", name="Công đoàn Trường Đại học Bách khoa")
    # BK's officer, collaborator and member are the audience; the member and the officer
    # opened it.
    assert row.inner_text().split("\t")[1:] == ["3", "2", "66,7 %"]

    page.context.clear_cookies()
    log_in(page, "committee")
    page.goto(page.base_url + "/thong-tin/dinh-huong/")
    assert page.get_by_role("heading", name="Thời gian định hướng").is_visible()
    assert page.get_by_role("row", name="Chung").is_visible()
