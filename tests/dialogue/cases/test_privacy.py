"""Neither a receipt code nor a case opened from a survey answer identifies anyone; the
name of who raised a case is shown to its handlers only, and every read is logged."""

from __future__ import annotations

import uuid
from datetime import time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from directives.dialogue.cases import receipts, services
from directives.dialogue.models import Case, CaseEntry, CaseNameRead

from .factories import open_case, raise_case

pytestmark = pytest.mark.django_db
SAME = "Không tìm thấy kiến nghị với mã này"


def _values(case: Case) -> str:
    return repr(Case.objects.filter(pk=case.pk).values().get())


def test_an_anonymous_case_keeps_no_link_to_the_member(accounts, units):
    member = accounts["member"]
    case, code = raise_case(member, anonymous=True, title="Thái độ ứng xử của cán bộ")
    case = Case.objects.get(pk=case.pk)
    assert code and len(receipts.normalise(code)) == 12
    assert case.raised_by_id is None and case.anonymous
    # Nothing stored holds the code itself, nor the member's id, name or username.
    stored = _values(case) + repr(list(case.history.values()))
    assert code not in stored and receipts.normalise(code) not in stored
    assert case.receipt_hash == receipts.code_hash(code)
    assert not case.history.exists()  # a history row would keep the account and the time
    assert not CaseEntry.objects.filter(case=case).exists()
    # The day, no time: updated_at is the day's start.
    assert timezone.localtime(case.updated_at).time() == time(0, 0)
    # The unit is the grassroots union, never a smaller group.
    assert case.unit == units["BK"]
    # The member's own list does not show it.
    assert not Case.objects.raised_by(member).exists()
    assert isinstance(case.pk, uuid.UUID)  # a random key: no order of arrival


def test_two_codes_differ_and_the_hash_is_keyed(settings):
    first, second = receipts.new_code(), receipts.new_code()
    assert first != second
    before = receipts.code_hash(first)
    settings.SECRET_KEY = "another-secret-key-for-this-test-only-0123456789"
    assert receipts.code_hash(first) != before


def test_the_code_opens_the_case_and_its_answer_without_an_account(accounts, client):
    officer, member = accounts["officer"], accounts["member"]
    case, code = raise_case(member, anonymous=True)
    services.case_intake(case=case, by=officer, outcome="accepted")
    services.case_note(case=case, by=officer, body="Ghi chú nội bộ bí mật.")
    services.case_answer(case=case, by=officer, answer="Đã nhắc nhở cán bộ liên quan.")
    url = reverse("dialogue:case_receipt")
    response = client.post(url, {"code": code.lower().replace("-", " ")})
    text = response.content.decode()
    assert response.status_code == 200 and "Đã nhắc nhở cán bộ liên quan." in text
    assert "Ghi chú nội bộ bí mật." not in text
    assert response["Cache-Control"] == "no-store"
    assert code not in response.request.get("QUERY_STRING", "")


@pytest.mark.parametrize("code", ["", "AAAA-BBBB-CCCC", "x" * 40, "'; DROP TABLE x;--"])
def test_a_wrong_or_missing_code_gets_one_same_message(accounts, client, code):
    raise_case(accounts["member"], anonymous=True)
    response = client.post(reverse("dialogue:case_receipt"), {"code": code})
    assert response.status_code == 200 and SAME in response.content.decode()


def test_guessing_is_rate_limited(accounts, client, settings):
    settings.DIALOGUE_RECEIPT_ATTEMPTS = 3
    _case, code = raise_case(accounts["member"], anonymous=True)
    url = reverse("dialogue:case_receipt")
    for _ in range(3):
        client.post(url, {"code": "AAAA-BBBB-CCCC"})
    # Even the right code now gets the same message until the window passes.
    response = client.post(url, {"code": code})
    assert SAME in response.content.decode()
    assert "Đã" not in response.content.decode()


def test_the_name_is_for_handlers_only_and_every_read_is_logged(accounts, client_for):
    officer, member, committee = accounts["officer"], accounts["member"], accounts["committee"]
    case, _code = raise_case(member)
    url = reverse("dialogue:case_detail", args=[case.pk])
    page = client_for(officer).get(url).content.decode()
    assert member.full_name not in page and not CaseNameRead.objects.exists()
    page = client_for(officer).get(url + "?ten=1").content.decode()
    assert member.full_name in page
    read = CaseNameRead.objects.get()
    assert read.by == officer and read.case == case
    # The committee reads the case, without the name, even when it asks for it.
    page = client_for(committee).get(url + "?ten=1").content.decode()
    assert case.title in page and member.full_name not in page
    assert CaseNameRead.objects.count() == 1


def test_a_case_from_a_survey_answer_keeps_only_the_text(accounts, units):
    from surveys.models import Answer, Question, Respondent, Response
    from tests.surveys.factories import SurveyFactory, add_question

    officer, member = accounts["officer"], accounts["member"]
    now = timezone.now()
    survey = SurveyFactory(owner_unit=units["BK"], anonymous=False, status="closed",
                           opens_at=now - timedelta(days=9), closes_at=now - timedelta(days=2))
    question = add_question(survey, Question.Kind.LONG_TEXT, "Góp ý thêm")
    response = Response.objects.create(survey=survey, submission_key=uuid.uuid4(),
                                       unit=units["BK"], submitted_on=now.date())
    Respondent.objects.create(response=response, user=member)
    answer = Answer.objects.create(response=response, question=question,
                                   text="Phòng máy tầng 5 quá nóng, đề nghị sửa điều hòa.")
    case = services.case_from_survey_answer(by=officer, survey=survey, question=question,
                                            answer_id=str(answer.pk),
                                            title="Phòng máy tầng 5 quá nóng")
    assert case.description == answer.text and case.source == "survey"
    assert case.survey == survey and case.survey_question == question
    assert case.raised_by_id is None and case.anonymous
    stored = _values(case) + repr(list(case.history.values())) + repr(
        list(case.entries.values()))
    for trace in (str(response.pk), str(answer.pk), response.pk.hex, answer.pk.hex,
                  member.full_name, member.username):
        assert trace not in stored
    # No column of a case can point at a response, an answer or a respondent.
    targets = {f.related_model for f in Case._meta.get_fields() if f.is_relation}
    assert not targets & {Response, Answer, Respondent}


def test_a_running_anonymous_survey_gives_no_answer_to_a_case(accounts, units):
    from surveys.models import Answer, Question, Response
    from tests.surveys.factories import SurveyFactory, add_question

    survey = SurveyFactory(owner_unit=units["BK"], anonymous=True)
    question = add_question(survey, Question.Kind.LONG_TEXT, "Góp ý thêm")
    response = Response.objects.create(survey=survey, submission_key=uuid.uuid4())
    answer = Answer.objects.create(response=response, question=question, text="Góp ý.")
    with override("vi"), pytest.raises(ValidationError) as error:
        services.case_from_survey_answer(by=accounts["officer"], survey=survey,
                                         question=question, answer_id=str(answer.pk),
                                         title="Góp ý")
    assert "khảo sát" in error.value.messages[0]
    assert not Case.objects.exists()


def test_an_officer_of_another_unit_may_not_open_a_case_from_its_survey(accounts, units):
    from django.core.exceptions import PermissionDenied

    from surveys.models import Question
    from tests.surveys.factories import SurveyFactory, add_question

    survey = SurveyFactory(owner_unit=units["BK"], anonymous=False)
    question = add_question(survey, Question.Kind.LONG_TEXT, "Góp ý thêm")
    with pytest.raises(PermissionDenied):
        services.case_from_survey_answer(by=accounts["officer2"], survey=survey,
                                         question=question, answer_id=str(uuid.uuid4()),
                                         title="X")
    assert not Case.objects.exists()


def test_the_case_list_of_a_member_is_their_own(accounts, client_for):
    officer, member = accounts["officer"], accounts["member"]
    other = open_case(officer, title="Kiến nghị của người khác")
    mine, _code = raise_case(member, title="Kiến nghị của tôi")
    client = client_for(member)
    page = client.get(reverse("dialogue:my_cases")).content.decode()
    assert "Kiến nghị của tôi" in page and "Kiến nghị của người khác" not in page
    assert client.get(reverse("dialogue:my_case", args=[other.pk])).status_code == 404
    assert client.get(reverse("dialogue:case_detail", args=[mine.pk])).status_code == 403
