"""One figure, one value: the same data set read in the dashboard's HTML, its chart's SVG,
the PDF report's text (pdftotext) and the Word report's tables (python-docx).

The figures are chosen where rounding used to go astray: 29 collaborators for 2 000
members is 1,45 per 100 (the table truncated to 1,4, binary floats printed 1,4, half up
is 1,5); 73 of 200 trained is 36,5 % (floats print 36, half up 37)."""

import re
from datetime import date, datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from reports.models import Report
from reports.periods import Period
from reports.services import report_request
from surveys.models import Question, Survey
from surveys.questionnaire import AnswerData
from surveys.services import survey_sync_invitations
from tests.collaborators.factories import (
    CollaboratorFactory,
    OpinionReportFactory,
    TrainingFactory,
    attend,
)
from tests.reports.conftest import pdf_text
from tests.surveys.factories import SurveyFactory, add_question, member, submit

pytestmark = pytest.mark.django_db
TRAINED_ON = date(2026, 10, 1)


@pytest.fixture
def figures(units, settings):
    settings.COLLABORATORS_TARGET_PER_100 = 2.0
    for code, members, people, trained in (("KHTN", 2000, 29, 10), ("BK", 2000, 200, 73),
                                           ("QT", 300, 2, 1)):
        units[code].member_count = members
        units[code].save()
        crowd = [CollaboratorFactory(unit=units[code]) for _ in range(people)]
        attend(TrainingFactory(organiser=units[code], held_on=TRAINED_ON), *crowd[:trained])
    when = timezone.make_aware(datetime.combine(date(2026, 10, 5), time(9)))
    for sentiment in ("negative", "negative", "positive"):
        OpinionReportFactory(unit=units["BK"], created_at=when, sentiment=sentiment)
    # A survey in the period: 3 of the 7 invited answer (42,857… %: 42,9 %).
    survey = SurveyFactory(owner_unit=units["BK"], audience=[units["BK"]], status="draft")
    question = add_question(survey, Question.Kind.LIKERT, "Hài lòng")
    people = [member(units["BK"]) for _ in range(7)]
    Survey.objects.filter(pk=survey.pk).update(status="open")
    survey.refresh_from_db()
    survey_sync_invitations(survey=survey)
    for person in people[:3]:
        submit(survey, person, [AnswerData(question.pk, value=4)])
    Survey.objects.filter(pk=survey.pk).update(
        opens_at=when, closes_at=when + timedelta(days=5), status="closed")
    return units


def _cell_texts(cells: str) -> list[str]:
    """The figures of a dashboard row, without the change under them or hidden words."""
    return [re.sub(r"<div.*?</div>|<span.*?</span>|<[^>]+>", "", cell, flags=re.S).strip()
            for cell in re.findall(r"<td[^>]*>(.*?)</td>", cells, re.S)]


def dashboard_rows(page: str) -> dict[str, list[str]]:
    """Unit name -> the figures of its row in the dashboard table (the total row as
    "total")."""
    body = page[page.index("<tbody>"):page.index("</tbody>")]
    rows = {name: _cell_texts(cells) for name, cells in re.findall(
        r'<th scope="row"[^>]*><a [^>]*>([^<]+)</a></th>(.*?)</tr>', body, re.S)}
    foot = page[page.index("<tfoot"):page.index("</tfoot>")]
    rows["total"] = _cell_texts(foot.split("</tr>")[0])
    return rows


def chart_values(page: str) -> list[str]:
    """The values written at the end of the coverage chart's bars, top to bottom."""
    chart = page[page.index('aria-labelledby="coverage-heading"'):]
    chart = chart[:chart.index("</svg>")]
    return re.findall(r'<rect[^>]*/><text x="[^"]*" y="[^"]*">([^<]+)</text>', chart)


def word_table(document, first_header: str) -> list[list[str]]:
    table = next(t for t in document.tables if t.rows[0].cells[0].text == first_header)
    return [[c.text for c in row.cells] for row in table.rows[1:]]


def test_every_figure_reads_the_same_on_the_page_in_the_chart_the_pdf_and_word(
        figures, accounts, client_for, media, run_jobs):
    from docx import Document

    page = client_for(accounts["committee"]).get(reverse("reports:dashboard"), {
        "preset": "custom", "start": "20/09/2026", "end": "19/10/2026"}).content.decode()
    shown = dashboard_rows(page)
    total = shown.pop("total")
    # members, per 100, trained: as checked by hand.
    assert shown["Công đoàn Trường Đại học Khoa học Tự nhiên"][:3] == ["2.000", "1,5", "34 %"]
    assert shown["Công đoàn Trường Đại học Bách khoa"][:3] == ["2.000", "10,0", "37 %"]
    assert chart_values(page) == [row[1] for row in shown.values()]

    report = run_jobs(report_request, kind="monthly", scope=figures["CDDHQG"],
                      period=Period(date(2026, 9, 20), date(2026, 10, 19)), by=None)
    report = Report.objects.get(pk=report.pk)
    word = {row[0]: row for row in word_table(Document(report.docx.path), "Đơn vị")}
    pdf_lines = [" ".join(line.split()) for line in pdf_text(report.pdf.path).splitlines()]
    pdf = " ".join(pdf_lines)

    for name, (members, per_100, trained, *_rest) in shown.items():
        _, word_members, collaborators, word_per_100, word_trained = word[name]
        assert [word_members, word_per_100, word_trained] == [members, per_100, trained], name
        row = f"{members} {collaborators} {per_100} {trained}"
        assert any(line.endswith(row) for line in pdf_lines), (name, row)
    assert len(shown) == len(word) == 13
    # The whole scope: the dashboard's total row and the report's paragraph.
    members, per_100, trained = total[:3]
    assert (members, per_100, trained) == ("4.910", "4,7", "36 %")
    assert (f"trên {members} đoàn viên, đạt {per_100} cộng tác viên" in pdf
            and f"{trained} cộng tác viên được tập huấn" in pdf)
    word_text = " ".join(p.text for p in Document(report.docx.path).paragraphs)
    assert f"đạt {per_100} cộng tác viên" in word_text and f"{trained} cộng tác" in word_text
    # The survey: its rate in the dashboard's total row and survey table, the PDF and Word.
    rate = total[5]
    assert rate == "42,9 %" and f">{rate}</td>" in page
    assert f"(tỷ lệ {rate})" in pdf and f"(tỷ lệ {rate})" in word_text
    assert word_table(Document(report.docx.path), "Khảo sát")[0][2:] == ["7", "3", rate]


def test_the_word_file_carries_each_charts_table_once_numbered_like_the_pdf(
        figures, media, run_jobs):
    from docx import Document

    report = run_jobs(report_request, kind="monthly", scope=figures["CDDHQG"],
                      period=Period(date(2026, 9, 20), date(2026, 10, 19)), by=None)
    report = Report.objects.get(pk=report.pk)
    captions = [p.text for p in Document(report.docx.path).paragraphs
                if re.match(r"Bảng \d+\.", p.text)]
    assert captions == ["Bảng 1. Phiếu phản ánh dư luận theo chủ đề",
                        "Bảng 2. Độ bao phủ cộng tác viên theo đơn vị",
                        "Bảng 3. Các cuộc khảo sát trong kỳ"]
    pdf = pdf_text(report.pdf.path)
    assert [line.strip() for line in pdf.splitlines()
            if re.match(r"\s*(Bảng|Biểu đồ) \d+\.", line)] == [
        "Biểu đồ 1. Phiếu phản ánh dư luận theo chủ đề, kỳ này và kỳ trước", captions[0],
        "Biểu đồ 2. Số cộng tác viên trên 100 đoàn viên (đường đứt: chỉ tiêu)", captions[1],
        captions[2]]


def test_tables_are_numbered_in_order_whatever_sections_are_left_out(units, media, run_jobs):
    """No opinion report in the period: no chart 1 nor table 1, and the coverage table is
    "Bảng 1" (it was "Bảng 2" with no "Bảng 1" before it)."""
    from docx import Document

    report = run_jobs(report_request, kind="monthly", scope=units["CDDHQG"],
                      period=Period(date(2026, 9, 20), date(2026, 10, 19)), by=None)
    report = Report.objects.get(pk=report.pk)
    captions = [p.text for p in Document(report.docx.path).paragraphs
                if p.text.startswith("Bảng ")]
    assert captions == ["Bảng 1. Độ bao phủ cộng tác viên theo đơn vị"]
