"""Roster import: messy real sheets are understood, every row is checked before anything is
written, each problem is named by row and column in Vietnamese, and the writing is all or
nothing, in a bounded number of queries."""

import io
from datetime import date, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from collaborators.importer import (
    ImportRejected,
    plan_roster_import,
    roster_import_confirm,
    roster_import_preview,
)
from collaborators.models import Collaborator, ImportBatch

from .factories import CollaboratorFactory
from .xlsx import workbook_bytes

pytestmark = pytest.mark.django_db

MESSY = [
    ["DANH SÁCH CỘNG TÁC VIÊN DƯ LUẬN XÃ HỘI NĂM 2026"],
    [],
    ["STT", "Ho va ten (*)", "Don vi", "Gioi tinh", "Nam sinh", "SDT", "E-mail",
     "Ngay quyet dinh", "Nhom", "Cột lạ"],
    [1, "  Nguyễn   Văn An ", "bk", "Nam", 1985.0, "0912 345 678", " An.NV@HCMUT.edu.vn",
     datetime(2024, 3, 5), "Giảng viên", "x"],
    [None, None, "  ", None],
    [2, "Trần Thị\xa0Bình", "Công đoàn Trường Đại học Bách khoa", "nu", "1990",
     "+84 913.222.333", None, "05/03/2024", "giang vien"],
    [3, "Lê Văn Cường", "BK-CK", "NAM", "12/03/1979", 914333444, "cuong@hcmut.edu.vn", 45356,
     "Lanh dao quan ly"],
]


def plan_for(rows, user):
    return plan_roster_import(fileobj=io.BytesIO(workbook_bytes(rows)), user=user)


def messages(plan):
    return [(e.row, e.column, e.message) for e in plan.errors]


def test_a_messy_real_sheet_is_understood(accounts, units):
    plan = plan_for(MESSY, accounts["officer"])
    assert plan.ok, messages(plan) or plan.file_error
    assert plan.rows_read == 3 and plan.ignored_headers == ["Cột lạ"]
    rows = {r.row: r.values for r in plan.to_create}
    assert set(rows) == {4, 6, 7}  # Excel's row numbers; the blank row is skipped
    an, binh, cuong = rows[4], rows[6], rows[7]
    assert an["full_name"] == "Nguyễn Văn An" and an["unit"] == units["BK"]
    assert an["email"] == "an.nv@hcmut.edu.vn" and an["phone"] == "0912345678"
    assert an["gender"] == "male" and an["birth_year"] == 1985 and an["group"] == "lecturer"
    assert binh["full_name"] == "Trần Thị Bình" and binh["unit"] == units["BK"]
    assert binh["phone"] == "0913222333" and binh["gender"] == "female"
    assert cuong["phone"] == "0914333444" and cuong["birth_year"] == 1979
    assert cuong["group"] == "leader" and cuong["unit"] == units["BK-CK"]
    assert {r["decision_date"] for r in rows.values()} == {date(2024, 3, 5)}


def test_headers_with_diacritics_work_too(accounts, units):
    plan = plan_for([["Họ và tên", "Mã đơn vị", "Số điện thoại", "Ngày tham gia"],
                     ["Phạm Thu Hà", "BK", "0987 654 321", "01/09/2025"]], accounts["officer"])
    assert plan.ok and plan.to_create[0].values["joined_on"] == date(2025, 9, 1)


@pytest.mark.parametrize("cells,column,message", [
    (["Nguyễn Văn An", "XYZ", "a@x.vn", ""], "B", "Không có đơn vị “XYZ”"),
    (["Nguyễn Văn An", "KHTN", "a@x.vn", ""], "B", "không quản lý đơn vị"),
    (["Nguyễn Văn An", "BK", "a@", ""], "C", "“a@” không phải địa chỉ email hợp lệ."),
    (["Nguyễn Văn An", "BK", "a@x.vn", "32/13/2024"], "D", "không phải một ngày có thật"),
    (["Nguyễn Văn An", "BK", "a@x.vn", "hôm qua"], "D", "dd/mm/yyyy"),
    (["Nguyễn Văn An", "BK", "a@x.vn", "01/01/2099"], "D", "không hợp lý"),
    (["", "BK", "a@x.vn", ""], "A", "Ô này bắt buộc phải có."),
    (["Nguyễn Văn An", "", "a@x.vn", ""], "B", "Ô này bắt buộc phải có."),
])
def test_each_bad_cell_is_named_by_row_and_column(accounts, units, cells, column, message):
    rows = [["Họ và tên", "Mã đơn vị", "Email", "Ngày quyết định"],
            ["Trần Văn Đúng", "BK", "dung@x.vn", "01/02/2024"], cells]
    plan = plan_for(rows, accounts["officer"])
    assert not plan.ok and not plan.can_confirm
    [(row, col, text)] = messages(plan)
    assert (row, col) == (3, column) and message in text, text


@pytest.mark.parametrize("header,cell,value", [
    ("Nhóm thành phần", "Cán bộ hành chính", "administrative"),
    ("Nhóm thành phần", "CB  HÀNH-CHÍNH", "administrative"),
    ("Nhóm thành phần", "Viên chức hành chính", "administrative"),
    ("Nhóm thành phần", "Lãnh đạo, quản lý", "leader"),
    ("Nhóm thành phần", "cán bộ giảng dạy", "lecturer"),
    ("Nhóm thành phần", "NLĐ", "worker"),
    ("Vai trò", "CTV DLXH", "collaborator"),
    ("Vai trò", "Cán bộ dư luận xã hội", "officer"),
    ("Vai trò", "tuyên truyền viên", "propagandist"),
    ("Giới tính", "nữ giới", "female"),
    ("Giới tính", "Female", "female"),
    ("Trạng thái", "Tạm nghỉ", "paused"),
    ("Trạng thái", "đã nghỉ hưu", None),
    ("Trạng thái", "Nghỉ hưu", "ended"),
])
def test_the_names_offices_write_in_choice_columns_are_accepted(accounts, units, header, cell,
                                                               value):
    key = {"Nhóm thành phần": "group", "Vai trò": "network_role", "Giới tính": "gender",
           "Trạng thái": "status"}[header]
    plan = plan_for([["Họ và tên", "Mã đơn vị", header], ["Trần Văn Đúng", "BK", cell]],
                    accounts["officer"])
    if value is None:
        assert not plan.ok
    else:
        assert plan.ok, messages(plan)
        assert plan.to_create[0].values[key] == value


def test_a_refused_choice_says_which_values_are_accepted(accounts, units):
    plan = plan_for([["Họ và tên", "Mã đơn vị", "Nhóm thành phần", "Giới tính"],
                     ["Trần Văn Đúng", "BK", "Cán bộ kỹ thuật", "Nam"],
                     ["Trần Thị Hai", "BK", "Giảng viên", "X"]], accounts["officer"])
    (row, column, text), (row2, column2, text2) = messages(plan)
    assert (row, column, row2, column2) == (2, "C", 3, "D")
    assert text.startswith("“Cán bộ kỹ thuật” không được chấp nhận ở cột này.")
    for label in ("“Lãnh đạo quản lý”", "“Giảng viên”", "“Viên chức hành chính”", "“Khác”"):
        assert label in text
    assert "“Lãnh đạo”" in text  # an example of the usual names that work too
    assert "“Nam”; “Nữ”" in text2 or "“Nữ”; “Nam”" in text2


def test_duplicate_people_in_the_file_are_refused(accounts, units):
    rows = [["Họ và tên", "Mã đơn vị", "Email", "Số điện thoại"],
            ["Nguyễn Văn An", "BK", "an@x.vn", "0912345678"],
            ["Nguyễn Văn An", "BK", "AN@x.vn", ""],
            ["Lê Thị Hoa", "BK", "", "+84 912 345 678"],
            ["Không Liên Lạc", "BK", "", ""],
            ["Không  Liên Lạc", "bk", "", ""]]
    found = messages(plan_for(rows, accounts["officer"]))
    assert (3, "C", "Trùng người với dòng 2 (cùng email); hãy giữ lại một dòng.") in found
    assert (4, "D", "Trùng người với dòng 2 (cùng số điện thoại); hãy giữ lại một dòng.") in found
    assert any(row == 6 and "dòng 5" in text for row, _c, text in found)


def test_file_level_problems_say_what_to_do(accounts, units):
    officer = accounts["officer"]
    for content, message in [
        (b"Ho va ten,Don vi\nAn,BK\n", "không phải tệp Excel (.xlsx)"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "tệp Excel cũ (.xls)"),
        (b"PK\x03\x04 this is not really a workbook", "bị hỏng"),
        (workbook_bytes([["Tên", "Tuổi"], ["An", 30]]), "Không tìm thấy dòng tiêu đề"),
        (workbook_bytes([["Họ và tên", "Email"], ["An", "a@x.vn"]]), "thiếu cột “Mã đơn vị”"),
        (workbook_bytes([["Họ và tên", "Mã đơn vị", "Email", "E-mail"]]), "cùng là “Email”"),
        (workbook_bytes([["Họ và tên", "Mã đơn vị"], [], [" "]]), "không có dòng dữ liệu"),
    ]:
        plan = plan_roster_import(fileobj=io.BytesIO(content), user=officer)
        assert message in plan.file_error, (message, plan.file_error)


def test_people_already_in_the_roster_are_updated_matched_by_email_or_phone(accounts, units):
    an = CollaboratorFactory(unit=units["BK"], full_name="Nguyễn Văn An",
                             email="an.nv@hcmut.edu.vn", phone="0900000001", birth_year=1985)
    binh = CollaboratorFactory(unit=units["BK"], full_name="Trần Thị Bình", email="",
                               phone="0913222333", position="Chuyên viên")
    plan = plan_for(MESSY, accounts["officer"])
    assert plan.ok
    updates = {r.existing.pk: r for r in plan.to_update}
    assert set(updates) == {an.pk, binh.pk} and len(plan.to_create) == 1
    assert updates[an.pk].matched_by == "email" and updates[binh.pk].matched_by == "phone"
    assert ("Số điện thoại", "0900000001", "0912345678") in updates[an.pk].changes
    # an empty cell keeps what is there: Bình's position is not in the sheet
    assert all(label != "Chức vụ" for label, *_ in updates[binh.pk].changes)


def test_someone_of_another_unit_cannot_be_taken_over(accounts, units):
    CollaboratorFactory(unit=units["KHTN"], full_name="Người Tự Nhiên", phone="0912345678")
    found = messages(plan_for(MESSY, accounts["officer"]))
    assert found == [(4, "F", "Người Tự Nhiên đã có trong danh sách của Công đoàn Trường Đại "
                              "học Khoa học Tự nhiên, đơn vị anh/chị không quản lý.")]


def test_email_and_phone_of_two_different_people_is_refused(accounts, units):
    CollaboratorFactory(unit=units["BK"], full_name="Người A", email="an.nv@hcmut.edu.vn")
    CollaboratorFactory(unit=units["BK"], full_name="Người B", phone="0912345678")
    [(row, column, text)] = messages(plan_for(MESSY, accounts["officer"]))
    assert row == 4 and "Người A" in text and "Người B" in text


# --- writing: preview, confirm, all or nothing -------------------------------------------


def upload(content, user, name="danh-sach.xlsx"):
    return roster_import_preview(upload=SimpleUploadedFile(name, content), by=user)


def test_confirm_writes_everything_with_history(accounts, units):
    officer = accounts["officer"]
    an = CollaboratorFactory(unit=units["BK"], email="an.nv@hcmut.edu.vn", phone="")
    batch = upload(workbook_bytes(MESSY), officer)
    assert Collaborator.objects.count() == 1  # the preview wrote nothing
    batch = roster_import_confirm(batch=batch, by=officer)
    assert (batch.created_count, batch.updated_count) == (2, 1)
    an.refresh_from_db()
    assert an.phone == "0912345678" and an.full_name == "Nguyễn Văn An"
    new = Collaborator.objects.get(phone="0914333444")
    assert new.full_name == "Lê Văn Cường" and "cuong" in new.search_text
    assert new.sort_given == "cuong"
    record = new.history.get()
    assert record.history_user == officer and "danh-sach.xlsx" in record.history_change_reason
    assert an.history.first().history_change_reason.startswith("Nhập từ tệp")
    assert not batch.file  # the sheet with people's phones is not kept once applied


def test_a_sheet_with_one_bad_row_writes_nothing(accounts, units):
    rows = [*MESSY, [4, "Đỗ Văn Sai", "BK", "Nam", 1985, "0912", "", "", ""]]
    batch = upload(workbook_bytes(rows), accounts["officer"])
    with pytest.raises(ImportRejected) as rejected:
        roster_import_confirm(batch=batch, by=accounts["officer"])
    assert messages(rejected.value.plan)[0][:2] == (8, "F")
    assert not Collaborator.objects.exists()


def test_a_failure_halfway_through_the_writes_leaves_nothing(accounts, units, monkeypatch):
    CollaboratorFactory(unit=units["BK"], email="an.nv@hcmut.edu.vn", phone="", position="X")
    batch = upload(workbook_bytes(MESSY), accounts["officer"])

    def boom(*args, **kwargs):
        raise RuntimeError("the database went away")

    # the new people are inserted first; the update then fails
    monkeypatch.setattr("simple_history.utils.bulk_update_with_history", boom)
    with pytest.raises(RuntimeError):
        roster_import_confirm(batch=batch, by=accounts["officer"])
    assert Collaborator.objects.count() == 1
    assert Collaborator.objects.get().phone == ""
    assert ImportBatch.objects.get().status == ImportBatch.Status.PREVIEWED


def test_the_roster_changing_after_the_preview_is_caught_at_confirmation(accounts, units):
    batch = upload(workbook_bytes(MESSY), accounts["officer"])
    CollaboratorFactory(unit=units["KHTN"], phone="0913222333")  # meanwhile, elsewhere
    with pytest.raises(ImportRejected) as rejected:
        roster_import_confirm(batch=batch, by=accounts["officer"])
    assert messages(rejected.value.plan)[0][0] == 6
    assert Collaborator.objects.count() == 1


def test_confirming_twice_imports_once(accounts, units):
    batch = upload(workbook_bytes(MESSY), accounts["officer"])
    roster_import_confirm(batch=batch, by=accounts["officer"])
    roster_import_confirm(batch=batch, by=accounts["officer"])
    assert Collaborator.objects.count() == 3


def sheet_of(n, unit_code="BK", start=0):
    rows = [["Họ và tên", "Mã đơn vị", "Email", "Số điện thoại", "Năm sinh", "Ngày tham gia"]]
    rows += [[f"Nguyễn Văn Số {i}", unit_code, f"nguoi{i}@x.vn", f"09{i:08d}", 1980 + i % 30,
              "01/02/2025"] for i in range(start, start + n)]
    return workbook_bytes(rows)


def queries(action) -> int:
    with CaptureQueriesContext(connection) as captured:
        action()
    return len(captured)


def test_checking_and_writing_take_bounded_queries_for_40_or_400_rows(accounts, units):
    """Checking costs the same for any length. Writing is bulk: PostgreSQL takes 500 rows
    per statement, so 40 or 400 rows cost the same; SQLite caps a statement at 999
    parameters (about 40 rows), so there it grows by one statement per 40 rows, never per
    row."""
    officer = accounts["officer"]
    counts = []
    for n, start in ((40, 0), (400, 1000)):
        # half of each sheet updates people already there, half adds new ones
        for i in range(start, start + n // 2):
            CollaboratorFactory(unit=units["BK"], email=f"nguoi{i}@x.vn", phone="")
        content = sheet_of(n, start=start)
        plan_queries = queries(lambda c=content: plan_roster_import(
            fileobj=io.BytesIO(c), user=officer))
        batch = upload(content, officer)
        confirm_queries = queries(lambda b=batch: roster_import_confirm(batch=b, by=officer))
        counts.append((plan_queries, confirm_queries))
    assert counts[0][0] == counts[1][0], counts
    if connection.vendor == "postgresql":
        assert counts[0][1] == counts[1][1], counts
    assert counts[1][1] < 400 / 10, counts


# --- the pages ------------------------------------------------------------------------


def test_officer_uploads_fixes_and_confirms(client_for, accounts, units):
    client = client_for(accounts["officer"])
    bad = [*MESSY, [4, "Đỗ Văn Sai", "ABC", "Nam", 1985, "", "sai@", "", ""]]
    response = client.post(reverse("collaborators:import"),
                           {"file": SimpleUploadedFile("ds.xlsx", workbook_bytes(bad))},
                           follow=True)
    page = response.content.decode()
    assert "Các dòng cần sửa" in page and "Không có đơn vị “ABC”" in page
    assert "“sai@” không phải địa chỉ email hợp lệ." in page
    assert "Xác nhận" not in page  # no way to write while a row is wrong
    response = client.post(reverse("collaborators:import"),
                           {"file": SimpleUploadedFile("ds.xlsx", workbook_bytes(MESSY))},
                           follow=True)
    page = response.content.decode()
    assert "Xác nhận: thêm 3, cập nhật 0" in page and "Nguyễn Văn An" in page
    assert not Collaborator.objects.exists()
    response = client.post(response.redirect_chain[-1][0], follow=True)
    assert "Đã nhập: thêm 3, cập nhật 0." in response.content.decode()
    assert Collaborator.objects.count() == 3


def test_a_wrong_file_type_is_refused_at_upload(client_for, accounts):
    response = client_for(accounts["officer"]).post(
        reverse("collaborators:import"), {"file": SimpleUploadedFile("ds.csv", b"a,b\n")})
    assert "Hãy tải lên tệp Excel (.xlsx)" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_a_non_excel_file_named_xlsx_gets_a_clear_page(client_for, accounts):
    response = client_for(accounts["officer"]).post(
        reverse("collaborators:import"),
        {"file": SimpleUploadedFile("ds.xlsx", b"<html>not a sheet</html>")}, follow=True)
    assert "không phải tệp Excel (.xlsx)" in response.content.decode()


def test_another_officers_upload_cannot_be_seen_or_confirmed(client_for, accounts, units):
    batch = upload(workbook_bytes(MESSY), accounts["officer"])
    client = client_for(accounts["officer2"])
    url = reverse("collaborators:import_preview", args=[batch.pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert not Collaborator.objects.exists()


def test_members_cannot_import(client_for, accounts):
    assert client_for(accounts["member"]).get(reverse("collaborators:import")).status_code == 403


def test_unconfirmed_uploads_do_not_linger(accounts, units, _private_media):
    from datetime import timedelta

    from django.utils import timezone

    mine = upload(workbook_bytes(MESSY), accounts["officer"])
    old = upload(workbook_bytes(MESSY), accounts["officer2"])
    ImportBatch.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=2))
    fresh = upload(workbook_bytes(MESSY), accounts["committee"])
    upload(workbook_bytes(MESSY), accounts["officer"])  # replaces mine, and clears the old one
    assert not ImportBatch.objects.filter(pk__in=[mine.pk, old.pk]).exists()
    assert ImportBatch.objects.filter(pk=fresh.pk).exists()
    assert len(list(_private_media.rglob("*.xlsx"))) == 2
