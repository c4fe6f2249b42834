"""The dashboard's figures on a small data set checked by hand, its isolation, and its
query count as data grows."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from collaborators.models import Collaborator, OpinionReport
from collaborators.periods import Period
from collaborators.selectors import coverage_by_unit
from reports.dashboard import build_dashboard
from surveys.models import Question
from surveys.questionnaire import AnswerData
from tests.collaborators.factories import (
    CollaboratorFactory,
    OpinionReportFactory,
    TrainingFactory,
    attend,
)
from tests.surveys.factories import SurveyFactory, add_question, member, submit

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
PERIOD = Period(TODAY - timedelta(days=9), TODAY)  # previous: the 10 days before


def filed(unit, days_ago, **fields):
    when = timezone.now() - timedelta(days=days_ago)
    return OpinionReportFactory(unit=unit, created_at=when, **fields)


@pytest.fixture
def data(units, settings):
    settings.COLLABORATORS_TARGET_PER_100 = 2.0
    # Bách khoa: 900 members; 27 active collaborators (18 in itself, 9 in a department)
    # -> 3.0 per 100; 9 of them trained this year -> 33%.
    people = ([CollaboratorFactory(unit=units["BK"]) for _ in range(18)]
              + [CollaboratorFactory(unit=units["BK-CK"]) for _ in range(9)])
    CollaboratorFactory(unit=units["BK"], status=Collaborator.Status.ENDED)  # not counted
    attend(TrainingFactory(organiser=units["BK"], held_on=TODAY - timedelta(days=30)),
           *people[:9])
    # Khoa học Tự nhiên: 800 members, 8 collaborators -> 1.0 per 100: below target.
    for _ in range(8):
        CollaboratorFactory(unit=units["KHTN"])
    # Opinion reports: BK 3 this period (one urgent, in a department) and 1 before;
    # KHTN none this period and 2 before.
    filed(units["BK"], 1)
    filed(units["BK"], 2)
    filed(units["BK-CK"], 3, urgency=OpinionReport.Urgency.URGENT)
    filed(units["BK"], 12)
    filed(units["KHTN"], 11)
    filed(units["KHTN"], 15)
    filed(units["BK"], 40)  # outside both periods
    return units


def row(board, code):
    return next(r for r in board.rows if r.unit.code == code)


def test_every_figure_of_the_committee_dashboard(data):
    board = build_dashboard(scope=data["CDDHQG"], period=PERIOD)
    bk, khtn = row(board, "BK"), row(board, "KHTN")
    assert bk.cells["members"].value == 900
    assert bk.cells["per_100"].value == pytest.approx(3.0) and not bk.cells["per_100"].weak
    assert bk.cells["trained"].value == pytest.approx(100 * 9 / 27)
    assert bk.cells["trained"].weak  # under half trained
    assert (bk.cells["opinions"].value, bk.cells["opinions"].previous) == (3, 1)
    assert bk.cells["opinions"].change == 2 and bk.cells["urgent"].value == 1
    assert khtn.cells["per_100"].value == pytest.approx(1.0) and khtn.cells["per_100"].weak
    assert (khtn.cells["opinions"].value, khtn.cells["opinions"].previous) == (0, 2)
    assert khtn.cells["opinions"].weak  # silent this period
    total = board.total.cells
    assert total["members"].value == 4910
    assert total["per_100"].value == pytest.approx(100 * 35 / 4910)
    assert (total["opinions"].value, total["opinions"].previous) == (3, 3)
    assert [t.current for t in board.opinions.by_topic if t.key == "pay"] == [3]


def test_survey_response_rates_per_unit(units):
    survey = SurveyFactory(owner_unit=units["CDDHQG"], audience=[units["BK"], units["QT"]],
                           status="draft")
    question = add_question(survey, Question.Kind.LIKERT, "Hài lòng")
    bk = [member(units["BK"]) for _ in range(4)]
    [member(units["QT"]) for _ in range(2)]
    from surveys.services import survey_sync_invitations

    survey.status = "open"
    survey.save()
    survey_sync_invitations(survey=survey)
    for person in bk[:3]:
        submit(survey, person, [AnswerData(question.pk, value=4)])
    board = build_dashboard(scope=units["CDDHQG"], period=PERIOD)
    assert row(board, "BK").cells["survey_rate"].value == pytest.approx(75.0)
    assert row(board, "QT").cells["survey_rate"].value == pytest.approx(0.0)
    assert row(board, "QT").cells["survey_rate"].weak
    assert row(board, "KHTN").cells["survey_rate"].value is None  # not invited: no figure


def _opened(client, url) -> int:
    return client.get(url).context["page_obj"].paginator.count


def _links_open_what_they_count(client, board, period):
    """Every linked figure of every row opens a list of exactly the records it counts (the
    opinion network's columns here; each other app checks its own in its tests)."""
    coverage = {c.unit.pk: c for c in coverage_by_unit(
        [board.scope, *(r.unit for r in board.rows)], on=period.end)}
    checked = 0
    for unit_row in [*board.rows, board.total]:
        cov = coverage[unit_row.unit.pk]
        counted = {"per_100": cov.collaborators, "trained": cov.trained,
                   "opinions": unit_row.cells["opinions"].value,
                   "urgent": unit_row.cells["urgent"].value}
        for key, cell in unit_row.cells.items():
            if cell.url and key in counted:
                assert _opened(client, cell.url) == counted[key], (unit_row.unit, key, cell.url)
                checked += 1
    return checked


def test_each_number_links_to_exactly_the_records_it_counts(client_for, accounts, data):
    client = client_for(accounts["committee"])
    page = client.get(reverse("reports:dashboard")).content.decode()
    assert "table-danger" in page  # weak cells are marked
    board = build_dashboard(scope=data["CDDHQG"], period=PERIOD)
    bk = row(board, "BK")
    # BK: 27 active collaborators (one who left is not counted), 9 of them trained.
    assert _opened(client, bk.cells["trained"].url) == 9
    assert _opened(client, bk.cells["per_100"].url) == 27
    for code, key, count in (("BK", "opinions", 3), ("BK", "urgent", 1), ("KHTN", "opinions", 0)):
        assert row(board, code).cells[key].value == count
    assert _links_open_what_they_count(client, board, PERIOD) == 4 * (len(board.rows) + 1)
    # An officer's dashboard, and a past period (its training window ends with it).
    # Two more trained 380 days ago: within the 12 months before the past period's end,
    # not within today's.
    attend(TrainingFactory(organiser=data["BK"], held_on=TODAY - timedelta(days=380)),
           *[CollaboratorFactory(unit=data["BK"]) for _ in range(2)])
    past = Period(TODAY - timedelta(days=400), TODAY - timedelta(days=300))
    for viewer, scope, period in (("officer", "BK", PERIOD), ("committee", "CDDHQG", past)):
        board = build_dashboard(scope=data[scope], period=period)
        assert _links_open_what_they_count(client_for(accounts[viewer]), board, period) > 0
    url = row(build_dashboard(scope=data["CDDHQG"], period=past), "BK").cells["trained"].url
    assert _opened(client, url) == 11 and _opened(client, url.split("&on=")[0]) == 9


def test_the_university_row_of_an_officer_links_nowhere(client_for, accounts, data):
    """The officer cannot open the other units' records, so its figures are not links."""
    response = client_for(accounts["officer"]).get(reverse("reports:dashboard"))
    page = response.content.decode()
    tail = page[page.index("table-group-divider"):page.index("</tfoot>")]
    university = tail[tail.index(str(response.context["university"].unit.name)):]
    assert "<a " not in university and "<a " in tail


def test_one_figure_reads_the_same_in_the_table_and_the_chart(client_for, accounts, units,
                                                             settings):
    """29 collaborators for 2 000 members is 1,45 per 100: 1,5 everywhere (truncated, the
    table said 1,4); 73 of 200 trained is 36,5 %: 37 % (floats said 36)."""
    settings.COLLABORATORS_TARGET_PER_100 = 1.0
    units["KHTN"].member_count = 2000
    units["KHTN"].save()
    people = [CollaboratorFactory(unit=units["KHTN"]) for _ in range(29)]
    attend(TrainingFactory(organiser=units["KHTN"], held_on=TODAY - timedelta(days=5)),
           *people[:10])  # 10 of 29 is 34,48… %: 34 %
    page = client_for(accounts["committee"]).get(reverse("reports:dashboard")).content.decode()
    link = rf'<a href="/cong-tac-vien/\?don-vi={units["KHTN"].pk}&[^"]*">([^<]+)</a>'
    cells = re.findall(link, page)
    assert cells == ["1,5", "34 %"], cells
    assert ">1,5<" in page[page.index("<svg"):]  # the coverage chart's label


def test_an_officer_sees_their_unit_against_the_university_only(client_for, accounts, data):
    response = client_for(accounts["officer"]).get(reverse("reports:dashboard"))
    board = response.context["board"]
    assert board.scope == data["BK"]
    assert {r.unit.code for r in board.rows} == {"BK-CK", "BK-KHMT", "BK-DDT"}
    assert response.context["university"].unit == data["CDDHQG"]
    page = response.content.decode()
    assert "Khoa học Tự nhiên" not in page


@pytest.mark.parametrize("role", ["member", "collaborator"])
def test_members_have_no_dashboard(client_for, accounts, role):
    assert client_for(accounts[role]).get(reverse("reports:dashboard")).status_code == 403


def test_a_reversed_custom_period_is_refused_in_vietnamese(client_for, accounts, units):
    response = client_for(accounts["committee"]).get(reverse("reports:dashboard"), {
        "preset": "custom", "start": "2026-10-10", "end": "2026-10-01"})
    assert "Ngày kết thúc phải bằng hoặc sau ngày bắt đầu" in response.content.decode()


def test_query_count_does_not_grow_with_the_data(client_for, accounts, data,
                                                django_assert_max_num_queries):
    client = client_for(accounts["committee"])
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get(reverse("reports:dashboard"))
    for unit in ("QT", "CNTT", "AG", "BK-KHMT-T1"):
        for _ in range(5):
            CollaboratorFactory(unit=data[unit])
        for days in (1, 5, 13):
            filed(data[unit], days)
    with CaptureQueriesContext(connection) as large:
        client.get(reverse("reports:dashboard"))
    assert len(large) == len(small)


def test_the_dashboard_is_cached_until_its_data_changes(client_for, accounts, data):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(accounts["committee"])
    first = client.get(reverse("reports:dashboard")).context["board"]
    with CaptureQueriesContext(connection) as again:
        second = client.get(reverse("reports:dashboard")).context["board"]
    assert row(second, "BK").cells["opinions"].value == 3
    with CaptureQueriesContext(connection) as first_time:
        from django.core.cache import cache

        cache.clear()
        client.get(reverse("reports:dashboard"))
    assert len(again) < len(first_time)  # served from the cache
    filed(data["BK"], 0)  # a new opinion report: the next page counts it
    third = client.get(reverse("reports:dashboard")).context["board"]
    assert row(third, "BK").cells["opinions"].value == 4
    assert row(first, "BK").cells["opinions"].value == 3
