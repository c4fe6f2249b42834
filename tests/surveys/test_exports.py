"""Exports: one row per response, Vietnamese labels, streamed; for an anonymous survey no
code, no day, and only the groups the results page shows; no cell is a live formula; the
.xlsx is ready for a report."""

import csv
import io
from collections import Counter
from datetime import date
from decimal import Decimal

import pytest
from django.http import FileResponse, StreamingHttpResponse
from django.urls import reverse
from openpyxl import load_workbook

from surveys import exports
from surveys.models import Question, Survey
from surveys.questionnaire import AnswerData as A

from .factories import SurveyFactory, add_question, choice, member, submit

pytestmark = pytest.mark.django_db
K = Question.Kind


@pytest.fixture
def survey(units, settings):
    settings.SURVEY_ANONYMITY_K = 1  # answers keep exact profiles: these test the exports
    survey = SurveyFactory(owner_unit=units["CDDHQG"], status="draft", min_group_size=3)
    q = {"one": add_question(survey, K.SINGLE, "Đã đọc?", ["Có", "Không"]),
         "many": add_question(survey, K.MULTIPLE, "Quan tâm", ["A", "B"], has_other=True),
         "grid": add_question(survey, K.MATRIX, "Lưới", ["R1", "R2"]),
         "hours": add_question(survey, K.NUMBER, "Số giờ"),
         "note": add_question(survey, K.SHORT_TEXT, "Ghi chú")}
    Survey.objects.filter(pk=survey.pk).update(status="open")
    survey.refresh_from_db()
    return survey, q


def answer_all(survey, q, people):
    for n, person in enumerate(people):
        submit(survey, person, [
            A(q["one"].pk, choice(q["one"], "Có").pk),
            A(q["many"].pk, choice(q["many"], "A").pk), A(q["many"].pk, choice(q["many"], "B").pk),
            A(q["many"].pk, text="Nhà ở"),
            A(q["grid"].pk, choice(q["grid"], "R2").pk, value=4),
            A(q["hours"].pk, number=Decimal("2.5")), A(q["note"].pk, text=f"ghi chú {n}")])


def rows_of(response) -> list[list[str]]:
    assert isinstance(response, StreamingHttpResponse)
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


def identified(survey):
    Survey.objects.filter(pk=survey.pk).update(anonymous=False)
    survey.refresh_from_db()


def anonymous(survey):
    """Answers stored by an identified survey keep exact profiles: made anonymous after, the
    export must protect whatever is stored. Closed: an anonymous survey's figures wait for
    its close."""
    Survey.objects.filter(pk=survey.pk).update(anonymous=True, status="closed")
    survey.refresh_from_db()


def test_csv_has_one_row_per_response_with_vietnamese_labels(client_for, accounts, survey,
                                                            units):
    survey, q = survey
    identified(survey)
    people = [member(units["BK"], gender="female", staff_group="lecturer", birth_year=1990)
              for _ in range(3)]
    answer_all(survey, q, people)
    rows = rows_of(client_for(accounts["committee"]).get(
        reverse("surveys:export_csv", args=[survey.pk])))
    header, body = rows[0], rows[1:]
    assert header[:6] == ["Mã phiếu", "Ngày trả lời", "Đơn vị", "Nhóm đối tượng", "Giới tính",
                          "Nhóm tuổi"]
    assert header[8:] == ["1. Đã đọc?", "2. Quan tâm", "3. Lưới — R1", "3. Lưới — R2",
                          "4. Số giờ", "5. Ghi chú"]
    assert len(body) == 3
    row = body[0]
    assert row[2:6] == ["Công đoàn Trường Đại học Bách khoa", "Giảng viên", "Nữ",
                        "Từ 30 đến 39 tuổi"]
    assert row[8:13] == ["Có", "A; B; Khác: Nhà ở", "", "4", "2,5"]


@pytest.fixture
def spread(survey, units):
    """BK 4 and KHTN 3 respondents; KHXHNV 2 and QT 1, hidden together (minimum 3)."""
    survey, q = survey
    identified(survey)
    crowd = [member(units[code], gender="female", staff_group="lecturer", birth_year=1990)
             for code in ["BK"] * 4 + ["KHTN"] * 3 + ["KHXHNV"] * 2]
    loner = member(units["QT"], gender="male", staff_group="worker", birth_year=1960)
    answer_all(survey, q, [*crowd, loner])
    anonymous(survey)
    return survey, q


def test_anonymous_export_keeps_no_code_no_day_and_hides_what_the_page_hides(
        client_for, accounts, spread, units):
    survey, q = spread
    client = client_for(accounts["committee"])
    rows = rows_of(client.get(reverse("surveys:export_csv", args=[survey.pk])))
    header, body = rows[0], rows[1:]
    assert "Mã phiếu" not in header and "Ngày trả lời" not in header
    # The loner is the only man, the only worker and the only one over 60: a column that
    # showed any of it for everyone else would single them out, so none is kept at all.
    assert header[:2] == ["Đơn vị", "1. Đã đọc?"]
    assert not any(cell == date.today().strftime("%d/%m/%Y") for row in body for cell in row)
    units_shown = Counter(row[0] for row in body)
    assert units_shown == {"Công đoàn Trường Đại học Bách khoa": 4,
                           "Công đoàn Trường Đại học Khoa học Tự nhiên": 3, "": 3}
    assert not any(cell in ("Nam", "Công nhân", "Từ 60 tuổi trở lên") for row in body
                   for cell in row)
    page = client.get(reverse("surveys:results", args=[survey.pk])).context["results"]
    shown = {c.group.label for c in page.question(q["one"].pk).breakdown.cells
             if not c.suppressed}
    assert shown == {label for label in units_shown if label}
    combinations = Counter(row[0] for row in body)
    assert min(combinations.values()) >= survey.min_group_size


def test_an_identified_export_names_respondents_and_hides_nothing(client_for, accounts,
                                                                 survey, units):
    survey, q = survey
    identified(survey)
    loner = member(units["QT"], full_name="Trần Thị Mai")
    answer_all(survey, q, [loner])
    rows = rows_of(client_for(accounts["committee"]).get(
        reverse("surveys:export_csv", args=[survey.pk])))
    assert rows[0][6:8] == ["Họ và tên", "Tên đăng nhập"]
    assert rows[1][2] == "Công đoàn Trường Đại học Quốc tế" and rows[1][6] == "Trần Thị Mai"
    assert rows[1][1] == date.today().strftime("%d/%m/%Y")


def xlsx_of(client, survey):
    response = client.get(reverse("surveys:export_xlsx", args=[survey.pk]))
    assert isinstance(response, FileResponse)
    assert response["Content-Disposition"].endswith(f'khao-sat-{survey.pk}.xlsx"')
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def test_xlsx_export_opens_in_excel_ready_for_a_report(client_for, accounts, survey, units):
    survey, q = survey
    identified(survey)
    answer_all(survey, q, [member(units["BK"]) for _ in range(3)])
    book = xlsx_of(client_for(accounts["committee"]), survey)
    assert book.sheetnames == ["Phiếu trả lời", "Theo câu hỏi", "Theo đơn vị"]
    sheet = book["Phiếu trả lời"]
    values = list(sheet.values)
    assert values[0][0] == "Mã phiếu" and len(values) == 4
    assert values[1][11] == 4 and values[1][12] == 2.5
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:N4"
    assert sheet.column_dimensions["I"].width >= 12
    assert sheet.column_dimensions["C"].width == 40  # the unit
    assert sheet["B2"].number_format == "DD/MM/YYYY" and sheet["B2"].value.date() == date.today()
    per_question = list(book["Theo câu hỏi"].values)
    assert ("1. Đã đọc?", "Có", 3, 100.0) in per_question
    per_unit = list(book["Theo đơn vị"].values)
    assert ("1. Đã đọc?", "Công đoàn Trường Đại học Bách khoa", 3, "Có (%)", 100.0) in per_unit


def test_xlsx_summary_per_unit_hides_the_groups_the_page_hides(client_for, accounts, spread):
    survey, q = spread
    book = xlsx_of(client_for(accounts["committee"]), survey)
    per_unit = [row for row in book["Theo đơn vị"].values if row[0] == "1. Đã đọc?"]
    hidden = {row[1] for row in per_unit if row[3] == "đã ẩn (nhóm quá nhỏ)"}
    assert hidden == {"Công đoàn Trường Đại học Khoa học Xã hội và Nhân văn",
                      "Công đoàn Trường Đại học Quốc tế"}
    assert all(row[2] is None and row[4] is None for row in per_unit if row[1] in hidden)
    assert list(book["Phiếu trả lời"].values)[0][0] == "Đơn vị"


RISKY = ["=1+2", "+SUM(A1:A3)", "-2+3", "@cmd", "=HYPERLINK(\"http://x\",\"y\")"]


def test_no_export_cell_is_a_live_formula(client_for, accounts, survey, units):
    survey, q = survey
    identified(survey)
    people = [member(units["BK"], full_name=text) for text in RISKY]
    for person, text in zip(people, RISKY, strict=True):
        submit(survey, person, [A(q["note"].pk, text=text),
                                A(q["many"].pk, text=text), A(q["hours"].pk, number=-3)])
    client = client_for(accounts["committee"])
    body = rows_of(client.get(reverse("surveys:export_csv", args=[survey.pk])))[1:]
    notes = sorted(row[-1] for row in body)
    assert notes == sorted("'" + text for text in RISKY)
    assert all(row[6].startswith("'") for row in body)  # the names too
    assert {row[-2] for row in body} == {"-3"}  # a number stays a number
    sheet = xlsx_of(client, survey)["Phiếu trả lời"]
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
    assert not any(cell.data_type == "f" for cell in cells)
    assert sorted(row[-1] for row in sheet.iter_rows(min_row=2, values_only=True)) == sorted(RISKY)
    assert {row[-2] for row in sheet.iter_rows(min_row=2, values_only=True)} == {-3}


def test_the_export_reads_responses_a_batch_at_a_time(survey, units, monkeypatch):
    survey, q = survey
    answer_all(survey, q, [member(units["BK"]) for _ in range(5)])
    Survey.objects.filter(pk=survey.pk).update(status="closed")
    survey.refresh_from_db()
    monkeypatch.setattr(exports, "BATCH", 2)
    rows = list(exports.Export(survey).rows())
    assert len(rows) == 5 and len({row[-1] for row in rows}) == 5


def test_a_running_anonymous_survey_shows_and_exports_no_figure_until_it_closes(
        client_for, accounts, survey, units):
    """Seen before and after one more answer, a running anonymous survey's figures would
    give that answer away; the officer sees who answered in between."""
    survey, q = survey
    answer_all(survey, q, [member(units["BK"]) for _ in range(6)])
    Survey.objects.filter(pk=survey.pk).update(anonymous=True, status="open")
    client = client_for(accounts["committee"])
    page = client.get(reverse("surveys:results", args=[survey.pk])).content.decode()
    assert "được hiển thị khi khảo sát kết thúc" in page and "Đã đọc?" not in page
    assert len(rows_of(client.get(reverse("surveys:export_csv", args=[survey.pk])))) == 1
    Survey.objects.filter(pk=survey.pk).update(status="closed")
    page = client.get(reverse("surveys:results", args=[survey.pk])).content.decode()
    assert "Đã đọc?" in page
    assert len(rows_of(client.get(reverse("surveys:export_csv", args=[survey.pk])))) == 7
