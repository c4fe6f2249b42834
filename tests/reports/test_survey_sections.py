"""The survey section of the official report: the same figures as the results page, the
same hidden groups, each table once."""

from types import SimpleNamespace

import pytest

from reports.content import Chart, Table
from reports.services import report_request_for_survey
from reports.survey_sections import survey_sections
from surveys.selectors import survey_results
from tests.reports.conftest import pdf_text
from tests.surveys.test_suppression import survey  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db


def blocks_of(sections):
    return [block for section in sections for block in section.blocks]


def test_the_report_hides_the_groups_the_results_page_hides(survey, units):  # noqa: F811
    survey, own, _people = survey
    blocks = blocks_of(survey_sections(SimpleNamespace(survey=survey)))
    page = survey_results(survey, dimension="unit", root=survey.owner_unit)
    likert = next(q for q in page.questions if q.kind == "likert")
    table = next(b for b in blocks if isinstance(b, Table)
                 and b.caption == f"Câu {likert.number}: theo đơn vị")
    rows = {row[0]: row[1:] for row in table.rows}
    for cell in likert.breakdown.cells:
        if cell.suppressed:
            assert rows[cell.group.label] == ["ẩn (nhóm nhỏ)", ""]
        else:
            mean = f"{cell.mean:.2f}".replace(".", ",")
            assert rows[cell.group.label] == [str(cell.answered), mean]
    assert any(c.suppressed for c in likert.breakdown.cells)
    assert any(not c.suppressed for c in likert.breakdown.cells)


def test_each_table_is_printed_once_with_its_chart(survey, units):  # noqa: F811
    survey, _own, _people = survey
    blocks = blocks_of(survey_sections(SimpleNamespace(survey=survey)))
    captions = [b.caption for b in blocks if isinstance(b, Table)]
    captions += [b.table.caption for b in blocks if isinstance(b, Chart) and b.table]
    assert len(captions) == len(set(captions))


def test_the_pdf_survey_section_reads_the_page_figures(survey, units, media,  # noqa: F811
                                                       run_jobs):
    survey, _own, _people = survey
    report = run_jobs(report_request_for_survey, survey=survey, by=None)
    report.refresh_from_db()
    text = pdf_text(report.pdf.path)
    assert "II. KẾT QUẢ KHẢO SÁT" in text
    assert "Bảng 3. Câu 2: theo đơn vị" in text and "ẩn (nhóm nhỏ)" in text
    assert "2,7 %" in text and "2,7%" not in text  # the chart's way of writing it
    # The smallest unit of the survey (one response) is named only as hidden.
    hidden_line = next(line for line in text.splitlines()
                       if "Khoa học Xã hội và Nhân văn" in line)
    assert "ẩn" in hidden_line
