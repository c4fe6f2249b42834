"""The arithmetic of every figure, on a small data set checked by hand."""

from datetime import date
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from surveys.models import Question, Survey
from surveys.questionnaire import AnswerData as A
from surveys.results import survey_rates
from surveys.selectors import survey_results
from surveys.suppression import _release_partition

from .factories import SurveyFactory, add_question, choice, member, submit

pytestmark = pytest.mark.django_db
K = Question.Kind


@pytest.fixture
def data(units, settings):
    """Seven respondents (three in BK, three in KHTN, one in QT) and one KHTN member who
    did not answer. Expected figures are worked out in the comments of each test."""
    settings.SURVEY_ANONYMITY_K = 1  # answers keep exact profiles: these test the breakdowns
    # Identified, so that the responses keep their exact profiles (an anonymous survey
    # generalises them: see tests/surveys/test_anonymity.py).
    survey = SurveyFactory(owner_unit=units["CDDHQG"], min_group_size=3, anonymous=False,
                           audience=[units["CDDHQG"]], status="draft")
    q = {
        "single": add_question(survey, K.SINGLE, "Đã đọc?", ["Có", "Không"]),
        "multi": add_question(survey, K.MULTIPLE, "Quan tâm", ["A", "B", "C"], has_other=True),
        "likert": add_question(survey, K.LIKERT, "Hợp lý"),
        "rating": add_question(survey, K.RATING, "Hài lòng"),
        "number": add_question(survey, K.NUMBER, "Giờ", min_value=0, max_value=100),
        "matrix": add_question(survey, K.MATRIX, "Nhận định", ["R1", "R2"]),
        "text": add_question(survey, K.LONG_TEXT, "Góp ý"),
        "date": add_question(survey, K.DATE, "Ngày"),
    }
    people = [member(units[u], gender=g) for u, g in [
        ("BK", "female"), ("BK-CK", "male"), ("BK", "female"), ("KHTN", "male"),
        ("KHTN-SH", "female"), ("KHTN", "male"), ("QT", "female"), ("KHTN", "female")]]
    survey.status = "open"
    survey.save()
    from surveys.services import survey_sync_invitations

    survey_sync_invitations(survey=survey)
    c = {name: {ch.label: ch.pk for ch in qq.choices.all()} for name, qq in q.items()}
    rows = [
        [A(q["single"].pk, c["single"]["Có"]), A(q["multi"].pk, c["multi"]["A"]),
         A(q["multi"].pk, c["multi"]["B"]), A(q["likert"].pk, value=5),
         A(q["rating"].pk, value=10), A(q["number"].pk, number=Decimal(10)),
         A(q["matrix"].pk, c["matrix"]["R1"], value=5),
         A(q["matrix"].pk, c["matrix"]["R2"], value=4),
         A(q["text"].pk, text="Tốt"), A(q["date"].pk, date=date(2024, 1, 15))],
        [A(q["single"].pk, c["single"]["Có"]), A(q["multi"].pk, c["multi"]["A"]),
         A(q["likert"].pk, value=4), A(q["rating"].pk, value=8),
         A(q["number"].pk, number=Decimal(20)), A(q["matrix"].pk, c["matrix"]["R1"], value=4)],
        [A(q["single"].pk, c["single"]["Không"]), A(q["multi"].pk, c["multi"]["B"]),
         A(q["multi"].pk, text="Khác X"), A(q["likert"].pk, value=3),
         A(q["rating"].pk, value=6), A(q["number"].pk, number=Decimal(30)),
         A(q["matrix"].pk, c["matrix"]["R1"], value=3),
         A(q["matrix"].pk, c["matrix"]["R2"], value=2)],
        [A(q["single"].pk, c["single"]["Có"]), A(q["multi"].pk, c["multi"]["A"]),
         A(q["multi"].pk, c["multi"]["C"]), A(q["likert"].pk, value=2),
         A(q["number"].pk, number=Decimal(40))],
        [A(q["single"].pk, c["single"]["Không"]), A(q["multi"].pk, c["multi"]["C"]),
         A(q["likert"].pk, value=1)],
        [A(q["single"].pk, c["single"]["Có"]), A(q["likert"].pk, value=5),
         A(q["rating"].pk, value=0)],
        [A(q["single"].pk, c["single"]["Không"]), A(q["multi"].pk, c["multi"]["A"]),
         A(q["likert"].pk, value=4)],
    ]
    for person, answers in zip(people, rows, strict=False):
        submit(survey, person, answers)
    return survey, q, people


def by_label(items):
    return {item.label: (item.count, item.percent) for item in items}


def test_choices_are_counted_once_per_chosen_option(data):
    survey, q, _ = data
    results = survey_results(survey, dimension=None)
    assert results.responses == 7
    single = results.question(q["single"].pk)
    assert single.answered == 7
    assert by_label(single.choices) == {"Có": (4, 57.1), "Không": (3, 42.9)}
    multi = results.question(q["multi"].pk)
    # Six people answered; A was chosen by 4, B by 2, C by 2, "other" by 1: 150% in all.
    assert multi.answered == 6
    assert by_label(multi.choices) == {"A": (4, 66.7), "B": (2, 33.3), "C": (2, 33.3),
                                       "Khác": (1, 16.7)}
    assert multi.texts == ["Khác X"]


def test_scales_have_means_and_distributions(data):
    survey, q, _ = data
    results = survey_results(survey, dimension=None)
    likert = results.question(q["likert"].pk)
    assert likert.answered == 7 and likert.mean == 3.43  # 24 / 7, rounded half up
    assert [c.count for c in likert.distribution] == [1, 1, 1, 2, 2]
    rating = results.question(q["rating"].pk)
    assert rating.answered == 4 and rating.mean == 6.0
    assert [c.count for c in rating.distribution] == [1, 0, 0, 0, 0, 0, 1, 0, 1, 0, 1]
    matrix = results.question(q["matrix"].pk)
    assert [(r.label, r.answered, r.mean) for r in matrix.rows] == [("R1", 3, 4.0),
                                                                    ("R2", 2, 3.0)]
    assert [c.count for c in matrix.rows[0].distribution] == [0, 0, 1, 1, 1]


def test_numbers_dates_and_texts(data):
    survey, q, _ = data
    results = survey_results(survey, dimension=None)
    number = results.question(q["number"].pk)
    assert (number.answered, number.mean, number.minimum, number.maximum) == (4, 25.0, 10.0, 40.0)
    # Whole numbers from 10 to 40 (31 values) in whole bins of 4 that share no end point.
    assert [(c.label, c.count) for c in number.distribution] == [
        ("10–13", 1), ("14–17", 0), ("18–21", 1), ("22–25", 0), ("26–29", 0), ("30–33", 1),
        ("34–37", 0), ("38–41", 1)]
    assert sum(c.count for c in number.distribution) == 4
    when = results.question(q["date"].pk)
    assert when.minimum == when.maximum == date(2024, 1, 15)
    assert [(c.label, c.count) for c in when.distribution] == [("01/2024", 1)]
    text = results.question(q["text"].pk)
    assert text.texts == ["Tốt"] and text.text_total == 1


def test_years_get_whole_disjoint_bins_and_decimals_half_open_ones(units):
    survey = SurveyFactory(owner_unit=units["CDDHQG"], min_group_size=3, status="draft")
    years = add_question(survey, K.NUMBER, "Số năm công tác")
    hours = add_question(survey, K.NUMBER, "Số giờ")
    Survey.objects.filter(pk=survey.pk).update(status="open")
    for year, hour in [(0, "0.5"), (3, "1.5"), (4, "2.25"), (8, "4.5"),
                       (35, "8.5")]:
        submit(survey, member(units["BK"]), [A(years.pk, number=Decimal(year)),
                                             A(hours.pk, number=Decimal(hour))])
    Survey.objects.filter(pk=survey.pk).update(status="closed")
    survey.refresh_from_db()
    results = survey_results(survey, dimension=None)
    labels = [c.label for c in results.question(years.pk).distribution]
    assert labels == ["0–3", "4–7", "8–11", "12–15", "16–19", "20–23", "24–27", "28–31",
                      "32–35"]
    assert [c.count for c in results.question(years.pk).distribution][:3] == [2, 1, 1]
    hours_bins = results.question(hours.pk).distribution
    assert hours_bins[0].label == "0,50 đến dưới 1,30"
    assert hours_bins[-1].label == "7,70–8,50"
    assert sum(c.count for c in hours_bins) == 5


def test_the_results_page_heads_written_answers_and_keeps_charts_legible(data, client_for,
                                                                         accounts):
    survey, q, _ = data
    page = client_for(accounts["committee"]).get(reverse("surveys:results", args=[survey.pk]))
    html = page.content.decode()
    section = html[html.index("Góp ý"):]
    assert "Các ý kiến đã ghi" in section[:2000]
    assert "Số câu trả lời</h3>" not in html
    # One figure, one way of writing it: the table and its chart both say 57,1 % for "Có".
    table, chart = html.split("<svg", 1)[0], html.split("<svg", 1)[1].split("</svg>")[0]
    assert "57,1 %" in table and "57,1 %" in chart and "57,1%" not in html
    css = (settings.BASE_DIR / "surveys/static/surveys/surveys.css").read_text()
    assert "min-width: 28rem" in css  # 28rem of a 480-wide chart: labels stay about 11 px


def test_breakdown_by_gender(data):
    survey, q, _ = data
    results = survey_results(survey, dimension="gender")
    cells = {c.group.label: c for c in results.question(q["single"].pk).breakdown.cells}
    # Women: Có 1 of 4; men: Có 3 of 3.
    assert (cells["Nữ"].answered, cells["Nữ"].percents) == (4, [25.0, 75.0])
    assert (cells["Nam"].answered, cells["Nam"].percents) == (3, [100.0, 0.0])
    likert = {c.group.label: c.mean for c in results.question(q["likert"].pk).breakdown.cells}
    assert likert == {"Nữ": 3.25, "Nam": pytest.approx(3.67, abs=0.01)}


def test_breakdown_by_unit_hides_small_groups_and_the_one_that_would_reveal_them(data, units):
    survey, q, _ = data
    results = survey_results(survey, dimension="unit", root=units["CDDHQG"])
    breakdown = results.question(q["single"].pk).breakdown
    cells = {c.group.unit.code: c for c in breakdown.cells}
    # BK 3 and KHTN 3 (sub-units included), QT 1: QT is below 3, and with one hidden cell
    # the total would give it away, so the next smallest is hidden too.
    assert cells["BK"].answered == 3 and cells["KHTN"].answered == 3
    assert cells["QT"].suppressed and cells["QT"].percents == []
    assert breakdown.suppressed == 2
    assert "2" in breakdown.note and "3" in breakdown.note
    shown = [c for c in breakdown.cells if not c.suppressed]
    assert len(shown) == 1 and shown[0].percents == [66.7, 33.3]


def test_hidden_values_together_are_never_fewer_than_the_minimum():
    # b and c hidden hold 3 together: fewer than 5, so the smallest shown value goes too.
    assert _release_partition({"a": 10, "b": 2, "c": 1, "d": 7}, 5) == {"a"}
    assert _release_partition({"a": 10, "b": 2, "d": 7}, 5) == {"a"}
    # Two small values holding 6 together protect each other: nothing more is hidden.
    assert _release_partition({"a": 10, "b": 3, "c": 3}, 5) == {"a"}
    assert _release_partition({"a": 10, "b": 3, "c": 3, "d": 8}, 5) == {"a", "d"}


def test_drilling_down_breaks_a_unit_into_its_sub_units(data, units):
    survey, q, _ = data
    results = survey_results(survey, dimension="unit", root=units["BK"])
    labels = {c.group.label: c.answered for c in results.question(q["single"].pk).breakdown.cells}
    assert labels["Công đoàn Trường Đại học Bách khoa (đoàn viên trực thuộc)"] == 2
    assert labels["Công đoàn bộ phận Khoa Cơ khí"] == 1
    assert "Đơn vị khác" in labels  # everyone outside BK, counted together


def test_response_rate_per_unit(data, units):
    survey, _, _ = data
    rates = survey_rates(survey, units["CDDHQG"])
    by_code = {r.group.unit.code: (r.invited, r.answered, r.rate) for r in rates.rows}
    assert by_code["BK"][1] == 3 and by_code["KHTN"][1] == 3
    assert by_code["QT"] == (1, 1, 100.0)
    invited = survey.invitations.count()  # the audience may hold demo accounts too
    assert (rates.invited, rates.answered) == (invited, 7)
    bk = next(r for r in rates.rows if r.group.unit.code == "BK")
    assert bk.rate == round(bk.answered * 100 / bk.invited, 1)


def test_results_query_count_does_not_grow_with_responses(data, units, client_for, accounts):
    survey, q, _ = data
    client = client_for(accounts["committee"])
    url = reverse("surveys:results", args=[survey.pk])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    before = count()
    for n in range(25):
        person = member(units["CNTT" if n % 2 else "AG"])
        submit(survey, person, [A(q["single"].pk, choice(q["single"], "Có").pk),
                                A(q["likert"].pk, value=n % 5 + 1),
                                A(q["text"].pk, text=f"ý kiến {n}")])
    assert count() == before


def test_one_row_leads_each_persons_answer_to_a_question(data):
    from django.db.models import Count

    from surveys.models import Answer

    pairs = Answer.objects.values("response", "question").annotate(
        leads=Count("pk", filter=Q(lead=True)))
    assert pairs and all(p["leads"] == 1 for p in pairs)


def test_results_are_cached_until_a_new_response_arrives(data, units):
    survey, q, _ = data
    first = survey_results(survey)
    with CaptureQueriesContext(connection) as queries:
        again = survey_results(survey)
    assert len(queries) == 1  # only the count of responses, which keys the cache
    assert again.question(q["single"].pk).answered == 7
    submit(survey, member(units["AG"]), [A(q["single"].pk, choice(q["single"], "Có").pk)])
    fresh = survey_results(survey)
    assert fresh.responses == first.responses + 1
    assert fresh.question(q["single"].pk).answered == 8
