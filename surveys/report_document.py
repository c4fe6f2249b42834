"""The body of a survey results report, from `surveys.selectors.survey_report`: the
`DocumentSubject` "survey" that `reports` numbers, lays out and renders.

Figures are written by `portal.numbers` (the same rounding as the results page and its
charts), and the breakdown by unit shows exactly the groups the survey's one suppression
decision shows on every other view: a hidden group is named, with no figure."""

from __future__ import annotations

from django.db.models import QuerySet

from portal.contributions import DocumentSubject, register_document_subject
from portal.documents import Chart, Paragraph, Section, Table
from portal.numbers import format_figure, format_percent

from .models import Survey
from .selectors import survey_report

BREAKDOWN_COLUMNS = 5  # more choices than this do not fit an A4 table beside the units
HIDDEN = "ẩn (nhóm nhỏ)"


def _n(value, decimals: int = 0) -> str:
    return "—" if value is None else format_figure(value, decimals)


def _pct(value) -> str:
    return "—" if value is None else format_percent(value)


def _breakdown_table(q) -> Table | None:
    """Per unit, for a choice question of few options or a scale: the shown groups'
    figures; a hidden group with no figure."""
    b = q.breakdown
    if b is None or b.sparse or len(b.cells) < 2:
        return None
    if q.choices and len(b.columns) <= BREAKDOWN_COLUMNS:
        header = ["Đơn vị", "Số người trả lời", *[f"{c} (%)" for c in b.columns]]

        def figures(cell):
            return [_pct(p) for p in cell.percents]
    elif q.mean is not None and not q.rows:
        header = ["Đơn vị", "Số người trả lời", "Điểm trung bình"]

        def figures(cell):
            return [_n(cell.mean, 2)]
    else:
        return None
    rows = []
    for cell in b.cells:
        if cell.suppressed:
            rows.append([cell.group.label, HIDDEN, *["" for _ in header[2:]]])
        else:
            rows.append([cell.group.label, _n(cell.answered), *figures(cell)])
    return Table(caption=f"Câu {q.number}: theo đơn vị", header=header, rows=rows)


def _question_blocks(q, index: int) -> list:
    blocks: list = [Paragraph(f"({_n(q.answered)} người trả lời)",
                              bold_lead=f"Câu {q.number}. {q.text}")]
    if q.choices:
        table = Table(caption=f"Bảng {index}. Câu {q.number}: số lượt chọn từng phương án",
                      header=["Phương án", "Số lượt chọn", "Tỷ lệ"],
                      rows=[[c.label, _n(c.count), _pct(c.percent)] for c in q.choices])
        blocks.append(Chart(f"Biểu đồ câu {q.number}", str(q.chart), table))
    elif q.rows:
        table = Table(caption=f"Bảng {index}. Câu {q.number}: điểm trung bình từng mục",
                      header=["Mục", "Số người trả lời", "Điểm trung bình"],
                      rows=[[r.label, _n(r.answered), _n(r.mean, 2)] for r in q.rows])
        blocks.append(Chart(f"Biểu đồ câu {q.number}", str(q.chart), table))
    elif q.distribution:
        if q.mean is not None:
            extremes = "" if q.minimum is None else (
                f"; thấp nhất {_n(q.minimum, 2)}; cao nhất {_n(q.maximum, 2)}")
            blocks.append(Paragraph(f"Giá trị trung bình {_n(q.mean, 2)}{extremes}."))
        table = Table(caption=f"Bảng {index}. Câu {q.number}: phân bố câu trả lời",
                      header=["Giá trị", "Số người", "Tỷ lệ"],
                      rows=[[c.label, _n(c.count), _pct(c.percent)]
                            for c in q.distribution])
        blocks.append(Chart(f"Biểu đồ câu {q.number}", str(q.chart), table))
    elif q.texts:
        blocks.append(Paragraph(f"{_n(q.text_total)} ý kiến; một số ý kiến tiêu biểu:"))
        blocks += [Paragraph(f"“{text}”") for text in q.texts[:8]]
    by_unit = _breakdown_table(q)
    if by_unit is not None:
        blocks.append(by_unit)
    if q.breakdown is not None and q.breakdown.note:
        blocks.append(Paragraph(str(q.breakdown.note)))
    return blocks


def survey_sections(survey: Survey) -> list[Section]:
    data = survey_report(survey)
    survey, rates = data.survey, data.rates
    anonymous = "ẩn danh" if survey.anonymous else "có ghi danh"
    intro = Section("I. MỤC ĐÍCH, PHẠM VI KHẢO SÁT", [Paragraph(
        f"Cuộc khảo sát “{survey.title}” ({survey.get_topic_display().lower()}, {anonymous}) "
        f"do {survey.owner_unit.name} chủ trì, mở từ {survey.opens_at:%d/%m/%Y} đến "
        f"{survey.closes_at:%d/%m/%Y}. Đã mời {_n(rates.invited)} đoàn viên; "
        f"{_n(rates.answered)} người trả lời, đạt tỷ lệ {_pct(rates.rate)}; "
        f"tổng số phiếu hợp lệ: {_n(data.results.responses)}.")])
    if survey.description:
        intro.blocks.append(Paragraph(survey.description))
    results = Section("II. KẾT QUẢ KHẢO SÁT")
    if data.results.withheld:
        results.blocks.append(Paragraph(
            f"Khảo sát ẩn danh có {_n(data.results.responses)} người trả lời, ít hơn "
            f"{survey.min_group_size} người: kết quả không được thể hiện để bảo đảm không "
            "nhận diện được người trả lời."))
    for index, question in enumerate(data.results.questions, start=1):
        results.blocks += _question_blocks(question, index)
    rate_table = Table(caption="Tỷ lệ phản hồi theo đơn vị",
                       header=["Đơn vị", "Được mời", "Đã trả lời", "Tỷ lệ"],
                       rows=[[r.group.label, _n(r.invited), _n(r.answered),
                              _pct(r.rate)] for r in rates.rows],
                       weak_cells=frozenset((i, 3) for i, r in enumerate(rates.rows)
                                            if r.invited and r.rate < 50))
    by_unit = Section("III. TỶ LỆ PHẢN HỒI THEO ĐƠN VỊ", [
        Chart("Biểu đồ tỷ lệ phản hồi theo đơn vị", str(data.rate_chart), rate_table)])
    if survey.anonymous:
        by_unit.blocks.append(Paragraph(
            f"Khảo sát ẩn danh: các nhóm có ít hơn {survey.min_group_size} người trả lời "
            "không được thể hiện riêng để bảo đảm không nhận diện được người trả lời."))
    outlook = Section("IV. ĐỀ XUẤT", [Paragraph(
        "Đề nghị các đơn vị nghiên cứu kết quả khảo sát, thông tin lại cho đoàn viên kết quả "
        "chung và các nội dung sẽ được tiếp thu, giải trình; các vấn đề còn nhiều ý kiến "
        "khác nhau được đưa vào nội dung đối thoại trực tiếp và hội nghị giao ban kỳ tới.")])
    return [intro, results, by_unit, outlook]


def reportable(user) -> QuerySet[Survey]:
    """The surveys a person may ask a results report about: those they see, once over."""
    return (Survey.objects.visible_to(user).over().select_related("owner_unit")
            .order_by("-closes_at"))


def latest_over() -> Survey | None:
    return Survey.objects.over().order_by("-closes_at").first()


def register() -> None:
    # Numbered through the committee's reports (reports.Report); from the survey's own page
    # it is printable at any time once the survey is over.
    register_document_subject(DocumentSubject(
        "survey", reportable, survey_sections, latest_over,
        title=lambda survey: f"Kết quả khảo sát “{survey.title}”",
        issuer=lambda survey: survey.owner_unit, numbered=False))
