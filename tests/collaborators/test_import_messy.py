"""A roster as an office really sends it: title rows, an STT column, names typed on a Mac
(decomposed diacritics), phones with +84, dots and spaces, dates as text, as Excel dates and
as serial numbers, the office's own names for groups and roles, and five wrong rows.

The valid rows import (the office names too), the five wrong rows are named by row and
column with the accepted values, and they come back as an .xlsx that imports once fixed."""

import io
import unicodedata
from datetime import date, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from collaborators.importer import plan_roster_import
from collaborators.models import Collaborator, ImportBatch

from .xlsx import workbook_bytes

pytestmark = pytest.mark.django_db


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


HEADER = ["STT", nfd("Họ và tên"), "Đơn vị", "Giới tính", "Năm sinh", "Nhóm thành phần",
          "Vai trò", "Số điện thoại", "Email", "Ngày quyết định", "Trạng thái", "Ghi chú"]
VALID = [  # Excel rows 5 to 12
    [1, nfd("Nguyễn Thị Ngọc Ánh"), "BK", "Nữ", 1986, nfd("Cán bộ hành chính"), "CTV DLXH",
     "+84 912 345 678", "anh.ntn@hcmut.edu.vn", "05/03/2024", "Đang hoạt động", ""],
    [2, nfd("Trần Văn Bình"), "bk", "nam", "1979", "CB hành chính", "Cộng tác viên",
     "0913.222.333", "", datetime(2024, 3, 5), "", nfd("Phòng Tổ chức")],
    [3, nfd("Lê Thị Cẩm"), "Công đoàn Trường Đại học Bách khoa", "Nữ giới", 1990.0,
     nfd("Viên chức hành chính"), "", "0914 333 444", "cam@hcmut.edu.vn", 45356, "", ""],
    [4, "Phạm Quốc Dũng", "BK-CK", "Nam", "12/03/1975", "Lãnh đạo", "Cán bộ DLXH", 914555666,
     "dung@hcmut.edu.vn", "5/3/24", "Hoạt động", ""],
    [5, "Võ Thị Én", "BK", "F", 1995, "GV", "TTV", "(028) 3864 7256", "", "", "", ""],
    [6, nfd("Đặng Hữu Phước"), "BK", "", "", "Giảng viên", "", "0915-666-777", "", "", "",
     "- cần xác minh"],
    [7, "Huỳnh Gia Hân", "BK", "Nữ", 1998, "Cán bộ trẻ", "BCV", "0084 916 777 888", "", "", "",
     ""],
    [8, "Bùi Minh Khoa", "BK", "Nam", 1983, "NCV", "", "0917 888 999", "", "", "Tạm nghỉ", ""],
]
WRONG = [  # Excel rows 13 to 17
    [9, "Đỗ Văn Sai Đơn Vị", "XYZ", "Nam", 1980, "Giảng viên", "", "0918 111 222", "", "", "",
     ""],
    [10, "Ngô Thị Thiếu Số", "BK", "Nữ", 1981, "Giảng viên", "", "0912", "", "", "", ""],
    [11, "Mai Văn Thư Sai", "BK", "Nam", 1982, "Giảng viên", "", "", "mai@", "", "", ""],
    [12, "Lý Thị Ngày Sai", "BK", "Nữ", 1984, "Giảng viên", "", "", "", "31/02/2024", "", ""],
    [13, "Tạ Văn Nhóm Lạ", "BK", "Nam", 1985, "Cán bộ kỹ thuật", "", "", "", "", "", ""],
]
SHEET = [
    ["DANH SÁCH CỘNG TÁC VIÊN DƯ LUẬN XÃ HỘI NĂM 2026"],
    ["(Kèm theo Công văn số 15/CĐBK ngày 02/01/2026)"],
    [],
    HEADER, *VALID, *WRONG,
]
EXPECTED_ERRORS = [  # (row, column, what the message says)
    (13, "C", "Không có đơn vị “XYZ”"),
    (14, "H", "10 hoặc 11 chữ số"),
    (15, "I", "“mai@” không phải địa chỉ email hợp lệ."),
    (16, "J", "“31/02/2024” không phải một ngày có thật."),
    (17, "F", "“Cán bộ kỹ thuật” không được chấp nhận ở cột này."),
]


def composed(text: str) -> bool:
    return unicodedata.is_normalized("NFC", text)


def test_the_valid_rows_and_the_five_wrong_ones_are_told_apart(accounts, units):
    plan = plan_roster_import(fileobj=io.BytesIO(workbook_bytes(SHEET)),
                              user=accounts["officer"])
    assert plan.rows_read == 13 and plan.error_rows == 5
    assert {r.row for r in plan.to_create} == set(range(5, 13))
    found = [(e.row, e.column, e.message) for e in plan.errors]
    assert [(row, column) for row, column, _m in found] == [(r, c) for r, c, _t in
                                                            EXPECTED_ERRORS]
    for (_r, _c, message), (_row, _column, expected) in zip(found, EXPECTED_ERRORS, strict=True):
        assert expected in message, message
    assert "“Viên chức hành chính”" in found[-1][2]  # the accepted values are listed
    rows = {r.row: r.values for r in plan.to_create}
    assert [rows[n]["group"] for n in (5, 6, 7)] == ["administrative"] * 3  # office names
    assert rows[8]["group"] == "leader" and rows[8]["network_role"] == "officer"
    assert rows[9]["network_role"] == "propagandist" and rows[9]["gender"] == "female"
    assert rows[5]["full_name"] == "Nguyễn Thị Ngọc Ánh" and composed(rows[5]["full_name"])
    assert [rows[n]["phone"] for n in (5, 6, 7, 8, 9, 11)] == [
        "0912345678", "0913222333", "0914333444", "0914555666", "02838647256", "0916777888"]
    assert {rows[n]["decision_date"] for n in (5, 6, 7, 8)} == {date(2024, 3, 5)}
    assert rows[12]["status"] == "paused"


def _upload(client, content: bytes, name: str = "ds-ctv.xlsx"):
    return client.post(reverse("collaborators:import"),
                       {"file": SimpleUploadedFile(name, content)}, follow=True)


def test_import_the_valid_rows_then_fix_and_upload_the_rejected_ones(client_for, accounts,
                                                                     units):
    client = client_for(accounts["officer"])
    response = _upload(client, workbook_bytes(SHEET))
    page = response.content.decode()
    preview = response.redirect_chain[-1][0]
    assert "Nhập các dòng hợp lệ: thêm 8, cập nhật 0" in page
    assert "Tải lên tệp đã sửa" in page  # all or nothing remains a choice

    # the rejected rows, before importing anything
    batch = ImportBatch.objects.get()
    before = client.get(reverse("collaborators:import_rejected", args=[batch.pk]))
    assert before.status_code == 200 and before["Content-Type"].startswith(
        "application/vnd.openxmlformats")

    response = client.post(preview, {"rows": "valid"}, follow=True)
    page = response.content.decode()
    assert "Đã nhập: thêm 8, cập nhật 0." in page and "5 dòng chưa được nhập." in page
    assert Collaborator.objects.count() == 8
    names = set(Collaborator.objects.values_list("full_name", flat=True))
    assert "Nguyễn Thị Ngọc Ánh" in names and all(composed(n) for n in names)
    assert Collaborator.objects.get(full_name="Đặng Hữu Phước").notes == "- cần xác minh"

    download = client.get(reverse("collaborators:import_rejected", args=[batch.pk]))
    sheet = load_workbook(io.BytesIO(download.content)).worksheets[0]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == [unicodedata.normalize("NFC", h) for h in HEADER] + [
        "Lý do chưa nhập được"]
    assert [r[1] for r in rows[1:]] == [w[1] for w in WRONG]
    for row, (number, column, expected) in zip(rows[1:], EXPECTED_ERRORS, strict=True):
        assert row[-1].startswith(f"Dòng {number} của tệp tải lên: {column} (")
        assert expected in row[-1]

    # the office fixes the five rows in Excel and uploads that file
    fixes = {2: ("C", "BK"), 3: ("H", "0918 222 333"), 4: ("I", "mai.vt@hcmut.edu.vn"),
             5: ("J", "28/02/2024"), 6: ("F", "Người lao động")}
    for number, (column, value) in fixes.items():
        sheet[f"{column}{number}"] = value
    fixed = io.BytesIO()
    sheet.parent.save(fixed)
    response = _upload(client, fixed.getvalue(), "dong-can-sua.xlsx")
    page = response.content.decode()
    assert "Các dòng cần sửa" not in page and "Xác nhận: thêm 5, cập nhật 0" in page
    assert "Cột không dùng" not in page  # the reason column is understood, not reported
    client.post(response.redirect_chain[-1][0], follow=True)
    assert Collaborator.objects.count() == 13
    assert Collaborator.objects.get(full_name="Lý Thị Ngày Sai").decision_date == date(2024, 2,
                                                                                        28)


def test_all_or_nothing_writes_nothing_while_a_row_is_wrong(client_for, accounts, units):
    client = client_for(accounts["officer"])
    response = _upload(client, workbook_bytes(SHEET))
    response = client.post(response.redirect_chain[-1][0], follow=True)
    assert "Chưa nhập gì" in response.content.decode()
    assert not Collaborator.objects.exists()


def test_the_rows_to_fix_are_only_for_the_person_who_uploaded(client_for, accounts, units):
    client = client_for(accounts["officer"])
    _upload(client, workbook_bytes(SHEET))
    url = reverse("collaborators:import_rejected", args=[ImportBatch.objects.get().pk])
    assert client_for(accounts["officer2"]).get(url).status_code == 404
    assert client_for(accounts["member"]).get(url).status_code == 403


def test_rows_to_fix_hold_what_was_typed_as_text_not_formulas(client_for, accounts, units):
    sheet = [HEADER, [1, "@Trần Văn A", "XYZ", "", "", "", "", "+84 9", "", "", "", "-1+2"]]
    client = client_for(accounts["officer"])
    _upload(client, workbook_bytes(sheet))
    download = client.get(reverse("collaborators:import_rejected",
                                  args=[ImportBatch.objects.get().pk]))
    cells = list(load_workbook(io.BytesIO(download.content)).worksheets[0].iter_rows())[1]
    assert all(c.data_type != "f" for c in cells)
    assert [cells[1].value, cells[7].value, cells[11].value] == ["@Trần Văn A", "+84 9", "-1+2"]
