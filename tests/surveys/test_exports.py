"""Exports: one row per response, Vietnamese labels, streamed; for an anonymous survey no
combination of unit, staff group, gender and age band singles anyone out."""

import csv
import io
from collections import Counter
from decimal import Decimal

import pytest
from django.http import FileResponse, StreamingHttpResponse
from django.urls import reverse
from openpyxl import load_workbook

from surveys import exports
from surveys.exports import release_map
from surveys.models import Question, Survey
from surveys.questionnaire import AnswerData as A

from .factories import SurveyFactory, add_question, choice, member, submit

pytestmark = pytest.mark.django_db
K = Question.Kind


def test_release_map_hides_attributes_from_the_right_until_groups_are_large_enough():
    counts = {("u1", "g", "f", "a"): 6, ("u1", "g", "f", "b"): 2, ("u1", "g", "m", "a"): 3,
              ("u2", "g", "f", "a"): 1}
    released = release_map(counts, 5)
    assert released[("u1", "g", "f", "a")] == ("u1", "g", "f", "a")
    # Neither (u1, g, f) with 2 nor (u1, g, m) with 3 is enough; together as (u1, g) they are.
    assert released[("u1", "g", "f", "b")] == ("u1", "g", None, None)
    assert released[("u1", "g", "m", "a")] == ("u1", "g", None, None)
    assert released[("u2", "g", "f", "a")] == (None, None, None, None)
    shown = Counter()
    for profile, n in counts.items():
        shown[released[profile]] += n
    assert all(n >= 5 for profile, n in shown.items() if any(profile))


@pytest.fixture
def survey(units):
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


def test_csv_has_one_row_per_response_with_vietnamese_labels(client_for, accounts, survey,
                                                            units):
    survey, q = survey
    people = [member(units["BK"], gender="female", staff_group="lecturer", birth_year=1990)
              for _ in range(3)]
    answer_all(survey, q, people)
    rows = rows_of(client_for(accounts["committee"]).get(
        reverse("surveys:export_csv", args=[survey.pk])))
    header, body = rows[0], rows[1:]
    assert header[:6] == ["Mã phiếu", "Ngày trả lời", "Đơn vị", "Nhóm đối tượng", "Giới tính",
                          "Nhóm tuổi"]
    assert header[6:] == ["1. Đã đọc?", "2. Quan tâm", "3. Lưới — R1", "3. Lưới — R2",
                          "4. Số giờ", "5. Ghi chú"]
    assert len(body) == 3
    row = body[0]
    assert row[2:6] == ["Công đoàn Trường Đại học Bách khoa", "Giảng viên", "Nữ",
                        "Từ 30 đến 39 tuổi"]
    assert row[6:11] == ["Có", "A; B; Khác: Nhà ở", "", "4", "2,5"]


def test_anonymous_export_blanks_attributes_that_would_single_someone_out(
        client_for, accounts, survey, units):
    survey, q = survey
    crowd = [member(units["BK"], gender="female", staff_group="lecturer", birth_year=1990)
             for _ in range(3)]
    loner = member(units["QT"], gender="male", staff_group="worker", birth_year=1960)
    answer_all(survey, q, [*crowd, loner])
    body = rows_of(client_for(accounts["committee"]).get(
        reverse("surveys:export_csv", args=[survey.pk])))[1:]
    profiles = Counter(tuple(row[2:6]) for row in body)
    assert profiles[("Công đoàn Trường Đại học Bách khoa", "Giảng viên", "Nữ",
                     "Từ 30 đến 39 tuổi")] == 3
    assert profiles[("", "", "", "")] == 1  # the only worker of QT aged 60+: all hidden
    assert not any("Quốc tế" in cell for row in body for cell in row)


def test_an_identified_export_names_respondents_and_hides_nothing(client_for, accounts,
                                                                 survey, units):
    survey, q = survey
    Survey.objects.filter(pk=survey.pk).update(anonymous=False)
    survey.refresh_from_db()
    loner = member(units["QT"], full_name="Trần Thị Mai")
    answer_all(survey, q, [loner])
    rows = rows_of(client_for(accounts["committee"]).get(
        reverse("surveys:export_csv", args=[survey.pk])))
    assert rows[0][6:8] == ["Họ và tên", "Tên đăng nhập"]
    assert rows[1][2] == "Công đoàn Trường Đại học Quốc tế" and rows[1][6] == "Trần Thị Mai"


def test_xlsx_export_opens_in_excel_with_numbers_as_numbers(client_for, accounts, survey,
                                                            units):
    survey, q = survey
    answer_all(survey, q, [member(units["BK"]) for _ in range(3)])
    response = client_for(accounts["committee"]).get(
        reverse("surveys:export_xlsx", args=[survey.pk]))
    assert isinstance(response, FileResponse)
    assert response["Content-Disposition"].endswith(f'khao-sat-{survey.pk}.xlsx"')
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = list(sheet.values)
    assert values[0][0] == "Mã phiếu" and len(values) == 4
    assert values[1][9] == 4 and values[1][10] == 2.5


def test_the_export_reads_responses_a_batch_at_a_time(survey, units, monkeypatch):
    survey, q = survey
    answer_all(survey, q, [member(units["BK"]) for _ in range(5)])
    monkeypatch.setattr(exports, "BATCH", 2)
    rows = list(exports.Export(survey).rows())
    assert len(rows) == 5 and len({row[0] for row in rows}) == 5
