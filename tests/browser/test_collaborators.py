"""The issue's "done when", in a real browser at 360 px and 1280 px: a collaborator files an
opinion report from a phone in well under a minute; an officer imports a messy roster,
fixes the rows the preview rejects and sees the coverage of their unit; the committee sees
every unit's coverage and the hot topics."""

import time
from datetime import datetime

import pytest

from tests.browser.conftest import log_in
from tests.collaborators.xlsx import workbook_bytes

pytestmark = pytest.mark.browser

HEADER = ["STT", "Ho va ten", "Don vi", "Gioi tinh", "Nam sinh", "SDT", "E-mail",
          "Ngay quyet dinh"]
GOOD = [[1, " Nguyễn  Văn An ", "bk", "Nam", 1985.0, "0912 345 678", "An.NV@hcmut.edu.vn",
         datetime(2024, 3, 5)],
        [None],
        [2, "Trần Thị Bình", "BK-CK", "nữ", "1990", "+84 913.222.333", "", "05/03/2024"]]


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_a_collaborator_files_an_opinion_report_in_under_a_minute(page, demo):
    log_in(page, "collaborator")
    started = time.monotonic()
    page.get_by_role("link", name="Gửi phiếu phản ánh dư luận").click()
    assert no_horizontal_scroll(page), page.viewport_name
    page.get_by_text("Tiền lương, thu nhập").click()
    page.get_by_label("Mọi người đang nói gì").fill(
        "Giảng viên trẻ lo thu nhập tăng thêm quý này bị chậm chi trả.")
    page.get_by_text("Tiêu cực").click()
    page.get_by_text("Một nhóm", exact=True).click()
    page.get_by_role("button", name="Gửi phiếu").click()
    page.wait_for_load_state()
    assert time.monotonic() - started < 60
    assert page.get_by_text("phiếu đã được gửi đến công đoàn").is_visible()
    assert page.get_by_text("Giảng viên trẻ lo thu nhập").is_visible()
    assert no_horizontal_scroll(page)


def test_a_missing_choice_is_pointed_out_and_the_text_is_kept(page, demo):
    log_in(page, "collaborator")
    page.goto(page.base_url + "/cong-tac-vien/phieu/gui/")
    page.get_by_label("Mọi người đang nói gì").fill("Nhiều người bàn về quy định đánh giá mới.")
    page.get_by_role("button", name="Gửi phiếu").click()
    assert page.get_by_text("Trường này là bắt buộc.").first.is_visible()
    assert page.get_by_label("Mọi người đang nói gì").input_value().startswith("Nhiều người")


def test_an_officer_imports_a_messy_roster_after_fixing_it(page, demo, tmp_path):
    bad = tmp_path / "danh-sach.xlsx"
    bad.write_bytes(workbook_bytes([HEADER, *GOOD, [3, "Lê Sai", "XYZ", "", "", "0912",
                                                     "", ""]]))
    good = tmp_path / "danh-sach-da-sua.xlsx"
    good.write_bytes(workbook_bytes([HEADER, *GOOD]))
    log_in(page, "officer")
    page.goto(page.base_url + "/cong-tac-vien/nhap-excel/")
    page.set_input_files("input[type=file]", str(bad))
    page.get_by_role("button", name="Kiểm tra tệp").click()
    assert page.get_by_text("Không có đơn vị “XYZ”").is_visible()
    assert page.get_by_role("button", name="Xác nhận").count() == 0
    assert no_horizontal_scroll(page)
    page.get_by_role("link", name="Tải lên tệp đã sửa").click()
    page.set_input_files("input[type=file]", str(good))
    page.get_by_role("button", name="Kiểm tra tệp").click()
    page.get_by_role("button", name="Xác nhận: thêm 2, cập nhật 0").click()
    assert page.get_by_text("Đã nhập: thêm 2, cập nhật 0.").is_visible()
    assert page.get_by_role("link", name="Nguyễn Văn An").is_visible()
    page.goto(page.base_url + "/cong-tac-vien/do-bao-phu/")
    assert page.get_by_role("heading", name="Độ bao phủ của mạng lưới dư luận xã hội").is_visible()
    assert page.locator("svg.chart").count() == 6
    assert no_horizontal_scroll(page)


def test_the_committee_sees_every_units_coverage_and_the_hot_topics(page, demo):
    log_in(page, "committee")
    page.goto(page.base_url + "/cong-tac-vien/do-bao-phu/")
    assert page.get_by_role("link", name="Công đoàn Trường Đại học Khoa học Tự nhiên").is_visible()
    assert page.get_by_text("Toàn ĐHQG-HCM").first.is_visible()
    assert no_horizontal_scroll(page)
    page.goto(page.base_url + "/cong-tac-vien/diem-nong/")
    assert page.get_by_role("heading", name="Điểm nóng dư luận").is_visible()
    assert page.get_by_role("link", name="Tiền lương, thu nhập").is_visible()
    assert no_horizontal_scroll(page)
