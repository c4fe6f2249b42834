"""The directives' "done when", in a real browser at 360 px and 1280 px: the committee
drafts a directive, adds a task for every grassroots union and publishes it, and sees the
whole university on one screen; the Bách khoa officer opens their cell, reports the task
done with an evidence file; the committee's matrix shows it."""

from datetime import date, timedelta

import pytest

from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser


def no_horizontal_scroll(page) -> bool:
    """The page's content fits the screen (a wide matrix scrolls inside its own region)."""
    return page.evaluate("document.querySelector('main').scrollWidth"
                         " <= document.querySelector('main').clientWidth + 1")


def test_published_reported_and_seen_on_one_screen(page, demo, tmp_path):
    log_in(page, "committee")
    page.goto(page.base_url + "/chi-dao/")
    page.get_by_role("link", name="Văn bản chỉ đạo mới").click()
    page.locator("#id_number").fill("88/CĐ-ĐHQG")
    page.locator("#id_issued_on").fill(date.today().strftime("%d/%m/%Y"))
    page.locator("#id_issuer").fill("Ban Thường vụ Công đoàn ĐHQG-HCM")
    page.locator("#id_subject").fill("Về tổ chức đối thoại với viên chức trẻ")
    page.locator("#id_body").fill("Đề nghị các công đoàn cơ sở **tổ chức đối thoại**.")
    page.get_by_role("button", name="Lưu").click()
    assert page.get_by_text("Đã lưu dự thảo văn bản").is_visible()

    page.get_by_role("link", name="Thêm nhiệm vụ").click()
    page.locator("#id_title").fill("Tổ chức một buổi đối thoại với viên chức trẻ")
    page.locator("#id_area").select_option("dialogue")
    page.locator("#id_due_on").fill((date.today() - timedelta(days=1)).strftime("%d/%m/%Y"))
    page.get_by_role("button", name="Lưu").click()
    assert page.get_by_text("Thời hạn không thể trước ngày của văn bản").is_visible()
    page.locator("#id_due_on").fill((date.today() + timedelta(days=30)).strftime("%d/%m/%Y"))
    page.get_by_role("button", name="Lưu").click()
    page.get_by_role("button", name="Ban hành").click()
    assert page.get_by_text("Đã ban hành văn bản").is_visible()
    page.get_by_role("link", name="Tiến độ các đơn vị").first.click()
    matrix = page.get_by_role("region", name="Tiến độ các đơn vị")
    units = matrix.locator("tbody").get_by_role("rowheader")
    assert units.count() == 13  # every grassroots union
    assert no_horizontal_scroll(page), page.viewport_name
    address = page.url

    page.context.clear_cookies()
    log_in(page, "officer")
    page.goto(address)
    assert units.count() == 1  # their own union only
    matrix.locator("tbody").get_by_role("link").first.click()
    page.locator("#id_status").select_option("done")
    page.locator("#id_note").fill("Đã tổ chức đối thoại ngày 20, có 45 viên chức trẻ.")
    evidence = tmp_path / "bien-ban.pdf"
    evidence.write_bytes(b"%PDF-1.4\n% bien ban\n%%EOF\n")
    page.locator("#id_evidence").set_input_files(str(evidence))
    page.get_by_role("button", name="Lưu").click()
    assert page.get_by_text("Đã lưu tiến độ.").is_visible()
    assert page.get_by_role("link", name="Tệp minh chứng").is_visible()
    assert page.get_by_text("Lịch sử thay đổi").is_visible()
    assert no_horizontal_scroll(page), page.viewport_name

    page.context.clear_cookies()
    log_in(page, "committee")
    page.goto(address)
    bk = matrix.locator("tbody tr").filter(has=page.get_by_role("rowheader", name="BK"))
    assert "Đã hoàn thành" in bk.inner_text()
