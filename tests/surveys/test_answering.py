"""Answering: every forged or wrong answer gets a clear Vietnamese message, keeps what was
typed, and stores nothing; submitting twice counts once; wrong links get clear pages."""

import uuid
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from surveys.models import Invitation, Question, Response, Survey
from surveys.tokens import token_for

from .factories import SurveyFactory, add_question, choice, member

pytestmark = pytest.mark.django_db
K = Question.Kind


@pytest.fixture
def form(units):
    survey = SurveyFactory(owner_unit=units["BK"], status="draft")
    q = {
        "read": add_question(survey, K.SINGLE, "Đã đọc?", ["Có", "Không"], required=True),
        "why": None,
        "topics": add_question(survey, K.MULTIPLE, "Quan tâm", ["A", "B", "C"], max_choices=2,
                               has_other=True),
        "likert": add_question(survey, K.LIKERT, "Hợp lý"),
        "rating": add_question(survey, K.RATING, "Điểm"),
        "hours": add_question(survey, K.NUMBER, "Số giờ", min_value=0, max_value=100),
        "short": add_question(survey, K.SHORT_TEXT, "Tên gọi"),
        "long": add_question(survey, K.LONG_TEXT, "Góp ý"),
        "when": add_question(survey, K.DATE, "Ngày"),
        "grid": add_question(survey, K.MATRIX, "Lưới", ["R1", "R2"], required=True),
    }
    q["why"] = add_question(survey, K.SINGLE, "Vì sao chưa đọc?", ["Bận", "Không biết"],
                            condition=(q["read"], ["Không"]), required=True)
    survey.status = Survey.Status.OPEN
    survey.save()
    person = member(units["BK-CK"], gender="female", birth_year=1990)
    from surveys.services import survey_sync_invitations

    survey_sync_invitations(survey=survey)
    invitation = Invitation.objects.get(survey=survey, user=person)
    return survey, q, invitation, reverse("surveys:answer_token",
                                          args=[token_for(invitation)])


def valid(q) -> dict:
    return {
        "submission_key": str(uuid.uuid4()),
        f"q{q['read'].pk}": str(choice(q["read"], "Có").pk),
        f"q{q['grid'].pk}_r{choice(q['grid'], 'R1').pk}": "4",
        f"q{q['grid'].pk}_r{choice(q['grid'], 'R2').pk}": "5",
    }


def post(client, url, data):
    return client.post(url, data)


def assert_refused(response, message, invitation):
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page, page[page.find('class="errors"'):][:1500]
    assert Response.objects.count() == 0
    invitation.refresh_from_db()
    assert not invitation.used


def test_the_page_is_vietnamese_and_works_without_javascript(client, form):
    survey, q, _, url = form
    page = client.get(url).content.decode()
    assert '<html lang="vi">' in page and "Gửi câu trả lời" in page
    # Every question is in the HTML (the conditional one with its instruction) and every
    # input is a plain form control posted by the browser.
    assert f'name="q{q["why"].pk}"' in page and "Chỉ trả lời nếu" in page
    assert 'name="submission_key"' in page and "<script" in page and "defer" in page
    assert 'name="viewport"' in page and "bootstrap" not in page  # light: no framework


def test_a_valid_submission_is_stored_with_a_snapshot_and_shows_thanks(client, form):
    survey, q, invitation, url = form
    data = valid(q) | {f"q{q['short'].pk}": '  Xin chào "ĐHQG" \\ {ạ}  ',
                       f"q{q['hours'].pk}": "2,5",
                       f"q{q['when'].pk}": "05/01/2025",
                       f"q{q['topics'].pk}": [str(choice(q["topics"], "A").pk), "other"],
                       f"q{q['topics'].pk}_other": "Nhà ở"}
    response = post(client, url, data)
    assert response.status_code == 302
    assert client.get(response.url).content.decode().count("Cảm ơn") >= 1
    stored = Response.objects.get()
    invitation.refresh_from_db()  # an anonymous survey stores the invitation's kept profile
    assert ((stored.unit_id, stored.gender, stored.age_band)
            == (invitation.kept_unit_id, invitation.kept_gender, invitation.kept_age_band))
    texts = set(stored.answers.exclude(text="").values_list("text", flat=True))
    assert texts == {'Xin chào "ĐHQG" \\ {ạ}', "Nhà ở"}
    assert stored.answers.get(question=q["hours"]).number == Decimal("2.50")
    assert stored.answers.get(question=q["when"]).date == date(2025, 1, 5)
    invitation.refresh_from_db()
    assert invitation.used


@pytest.mark.parametrize("field,value,message", [
    ("read", None, "Vui lòng trả lời câu hỏi này."),
    ("read", "abc", "Phương án này không thuộc câu hỏi"),
    ("read", "other", "Phương án này không thuộc câu hỏi"),
    ("likert", "6", "Vui lòng chọn một trong các mức đã cho."),
    ("likert", "3.5", "Vui lòng chọn một trong các mức đã cho."),
    ("rating", "11", "Vui lòng chọn một trong các mức đã cho."),
    ("rating", "-1", "Vui lòng chọn một trong các mức đã cho."),
    ("hours", "abc", "Vui lòng nhập một số"),
    ("hours", "NaN", "Vui lòng nhập một số"),
    ("hours", "1e400", "Vui lòng nhập một số"),
    ("hours", "150", "Vui lòng nhập số từ 0 đến 100."),
    ("hours", "-1", "Vui lòng nhập số từ 0 đến 100."),
    ("hours", "2,555", "tối đa hai chữ số sau dấu phẩy"),
    ("when", "31/02/2024", "Vui lòng nhập ngày theo dạng dd/mm/yyyy."),
    ("when", "01/01/1800", "từ năm 1900 đến năm 2100"),
    ("short", "x" * 301, "tối đa 300 ký tự"),
    ("long", "x" * 5001, "tối đa 5000 ký tự"),
    ("short", "a\x00b", "ký tự không lưu được"),
])
def test_wrong_answers_are_refused_with_a_vietnamese_message(client, form, field, value,
                                                             message):
    _, q, invitation, url = form
    data = valid(q)
    name = f"q{q[field].pk}"
    if value is None:
        data.pop(name, None)
    else:
        data[name] = value
    assert_refused(post(client, url, data), message, invitation)


def test_a_choice_of_another_question_is_refused(client, form):
    _, q, invitation, url = form
    data = valid(q) | {f"q{q['read'].pk}": str(choice(q["topics"], "A").pk)}
    assert_refused(post(client, url, data), "Phương án này không thuộc câu hỏi", invitation)


def test_multiple_choice_limits_and_other(client, form):
    _, q, invitation, url = form
    name = f"q{q['topics'].pk}"
    too_many = valid(q) | {name: [str(c.pk) for c in q["topics"].choices.all()]}
    assert_refused(post(client, url, too_many),
                   "Anh/chị đã chọn 3 phương án, nhiều hơn mức câu hỏi cho phép: hãy bỏ chọn 1.",
                   invitation)
    no_text = valid(q) | {name: ["other"]}
    assert_refused(post(client, url, no_text), "Vui lòng ghi rõ phương án khác.", invitation)
    foreign = valid(q) | {name: [str(choice(q["read"], "Có").pk)]}
    assert_refused(post(client, url, foreign), "Phương án này không thuộc câu hỏi", invitation)


def test_a_single_choice_and_an_other_text_at_once_is_refused(client, form, units):
    survey = SurveyFactory(owner_unit=units["BK"], status="draft")
    question = add_question(survey, K.SINGLE, "Một", ["X", "Y"], has_other=True)
    survey.status = "open"
    survey.save()
    person = member(units["BK"])
    from surveys.services import invitation_for

    invitation = invitation_for(survey=survey, user=person)
    url = reverse("surveys:answer_token", args=[token_for(invitation)])
    data = {"submission_key": str(uuid.uuid4()), f"q{question.pk}": str(choice(question, "X").pk),
            f"q{question.pk}_other": "Z"}
    assert_refused(post(client, url, data), "chỉ giữ một", invitation)


def test_matrix_rows_are_checked(client, form):
    _, q, invitation, url = form
    grid = q["grid"]
    data = valid(q)
    data[f"q{grid.pk}_r{choice(grid, 'R1').pk}"] = "9"
    assert_refused(post(client, url, data), "Vui lòng chọn một trong các mức đã cho.", invitation)
    data = valid(q)
    del data[f"q{grid.pk}_r{choice(grid, 'R2').pk}"]
    assert_refused(post(client, url, data), "Vui lòng trả lời tất cả các dòng.", invitation)


def test_an_answer_to_a_hidden_question_is_refused(client, form):
    _, q, invitation, url = form
    data = valid(q) | {f"q{q['why'].pk}": str(choice(q["why"], "Bận").pk)}
    assert_refused(post(client, url, data), "chỉ dành cho người trả lời “Không” ở câu 1",
                   invitation)


def test_a_shown_conditional_question_becomes_required(client, form):
    _, q, invitation, url = form
    data = valid(q) | {f"q{q['read'].pk}": str(choice(q["read"], "Không").pk)}
    assert_refused(post(client, url, data), "Vui lòng trả lời câu hỏi này.", invitation)
    data[f"q{q['why'].pk}"] = str(choice(q["why"], "Bận").pk)
    assert post(client, url, data).status_code == 302


def test_unknown_questions_and_bad_form_keys_are_refused(client, form):
    _, q, invitation, url = form
    assert_refused(post(client, url, valid(q) | {"q999999": "1"}),
                   "không thuộc khảo sát này", invitation)
    for key in ("", "not-a-uuid"):
        assert_refused(post(client, url, valid(q) | {"submission_key": key}),
                       "Phiếu này đã cũ", invitation)


def test_what_was_typed_is_kept_when_a_form_is_refused(client, form):
    _, q, invitation, url = form
    data = valid(q) | {f"q{q['short'].pk}": "Ý kiến của tôi", f"q{q['hours'].pk}": "150",
                       f"q{q['long'].pk}": "Một đoạn dài\nhai dòng"}
    response = post(client, url, data)
    page = response.content.decode()
    assert 'value="Ý kiến của tôi"' in page and 'value="150"' in page
    assert "Một đoạn dài\nhai dòng</textarea>" in page
    assert f'value="{data["submission_key"]}"' in page  # the same form, the same key
    assert f'value="{choice(q["read"], "Có").pk}" checked' in page
    assert_refused(response, "Vui lòng nhập số từ 0 đến 100.", invitation)


def test_submitting_twice_records_one_response(client, form):
    _, q, invitation, url = form
    data = valid(q)
    first, second = post(client, url, data), post(client, url, data)
    assert first.status_code == second.status_code == 302
    assert first.url == second.url  # both taps end on the thank-you page
    assert Response.objects.count() == 1


def test_a_used_link_gets_a_clear_page_and_stores_nothing_more(client, form):
    _, q, invitation, url = form
    assert post(client, url, valid(q)).status_code == 302
    page = client.get(url)
    assert page.status_code == 200 and "Anh/chị đã trả lời khảo sát này" in page.content.decode()
    again = post(client, url, valid(q))  # another form (another key) with the same link
    assert "Anh/chị đã trả lời khảo sát này" in again.content.decode()
    assert Response.objects.count() == 1


@pytest.mark.parametrize("token", ["x", "A" * 38, "é" * 38, "A" * 5000])
def test_forged_links_get_a_clear_not_found_page(client, form, token):
    response = client.get(f"/khao-sat/p/{token}/")
    assert response.status_code == 404
    assert "Liên kết không hợp lệ" in response.content.decode()


def test_an_altered_link_is_refused(client, form):
    _, q, invitation, url = form
    token = token_for(invitation)
    altered = token[:-1] + ("A" if token[-1] != "A" else "B")
    response = client.post(reverse("surveys:answer_token", args=[altered]), valid(q))
    assert response.status_code == 404 and Response.objects.count() == 0


def test_a_closed_survey_gets_a_clear_page(client, form):
    survey, q, invitation, url = form
    Survey.objects.filter(pk=survey.pk).update(status="closed")
    assert "Khảo sát đã đóng" in client.get(url).content.decode()
    response = post(client, url, valid(q))
    assert "Khảo sát đã đóng" in response.content.decode() and Response.objects.count() == 0


def test_a_survey_past_its_closing_time_refuses_answers(client, form):
    survey, q, invitation, url = form
    Survey.objects.filter(pk=survey.pk).update(
        opens_at=timezone.now() - timedelta(days=3), closes_at=timezone.now() - timedelta(1))
    assert "Khảo sát đã đóng" in post(client, url, valid(q)).content.decode()
    assert Response.objects.count() == 0


def test_a_survey_not_yet_open_says_when_it_opens(client, form):
    survey, q, invitation, url = form
    Survey.objects.filter(pk=survey.pk).update(opens_at=timezone.now() + timedelta(days=1))
    assert "Khảo sát chưa mở" in client.get(url).content.decode()


def test_a_draft_survey_is_not_reachable_by_link(client, form):
    survey, q, invitation, url = form
    Survey.objects.filter(pk=survey.pk).update(status="draft")
    assert client.get(url).status_code == 404


def test_a_member_outside_the_audience_gets_a_clear_page(client_for, form, units):
    survey, q, invitation, url = form
    outsider = member(units["KHTN"])
    response = client_for(outsider).get(reverse("surveys:answer_open", args=[survey.pk]))
    assert response.status_code == 403
    assert "Khảo sát này không dành cho anh/chị" in response.content.decode()
    assert not Invitation.objects.filter(survey=survey, user=outsider).exists()


def test_a_logged_in_member_answers_through_the_open_link(client_for, form, units):
    survey, q, invitation, url = form
    newcomer = member(units["BK-DDT"])  # joined after the survey opened
    client = client_for(newcomer)
    open_url = reverse("surveys:answer_open", args=[survey.pk])
    assert client.get(open_url).status_code == 200
    assert client.post(open_url, valid(q)).status_code == 302
    assert Invitation.objects.get(survey=survey, user=newcomer).used
    assert "Anh/chị đã trả lời khảo sát này" in client.get(open_url).content.decode()


def test_without_an_open_link_members_are_sent_to_their_personal_link(client_for, form):
    survey, q, invitation, url = form
    Survey.objects.filter(pk=survey.pk).update(open_link=False)
    page = client_for(invitation.user).get(reverse("surveys:answer_open", args=[survey.pk]))
    assert "Hãy dùng đường liên kết riêng" in page.content.decode()


def test_a_failure_while_storing_leaves_nothing_half_saved(form):
    """The last answer breaks a database constraint: the response, the earlier answers
    and the invitation's use are all rolled back together."""
    from surveys.questionnaire import AnswerData
    from surveys.services import SubmissionRefused, survey_submit

    survey, q, invitation, url = form
    rows = [AnswerData(q["read"].pk, choice_id=choice(q["read"], "Có").pk),
            AnswerData(q["likert"].pk, value=99)]
    with pytest.raises(SubmissionRefused):
        survey_submit(survey=survey, invitation=invitation, answers=rows, key=uuid.uuid4())
    assert Response.objects.count() == 0
    invitation.refresh_from_db()
    assert not invitation.used


def test_answers_sent_after_the_questions_changed_are_checked_again(client, form):
    """A process may hold the questionnaire as it was when the page was drawn: the stored
    answers are checked against the questions as they are when they arrive."""
    survey, q, invitation, url = form
    client.get(url)  # the process now holds this version of the questionnaire
    from surveys.services import question_update

    officer = member(survey.owner_unit, role="officer")
    question_update(question=q["hours"], by=officer, section=q["hours"].section,
                    fields={"max_value": 10}, labels=[], condition_choices=[])
    data = valid(q) | {f"q{q['hours'].pk}": "50"}
    assert_refused(post(client, url, data), "Vui lòng nhập số từ 0 đến 10.", invitation)
    data[f"q{q['hours'].pk}"] = "5"
    assert post(client, url, data).status_code == 302
    assert Response.objects.count() == 1


def test_a_repost_with_the_same_key_and_other_answers_says_the_first_was_kept(client, form):
    survey, q, invitation, url = form
    data = valid(q)
    first = post(client, url, data)
    same = post(client, url, data)  # a plain double tap: the usual thanks
    assert "được giữ" not in client.get(same.url).content.decode()
    changed = post(client, url, data | {f"q{q['read'].pk}": str(choice(q["read"], "Không").pk),
                                        f"q{q['why'].pk}": str(choice(q["why"], "Bận").pk)})
    assert first.status_code == changed.status_code == 302
    page = client.get(changed.url).content.decode()
    assert "Cảm ơn" in page
    assert "giữ câu trả lời gửi lần đầu, những thay đổi gửi sau không được lưu" in page
    stored = Response.objects.get()
    assert stored.answers.get(question=q["read"]).choice == choice(q["read"], "Có")


def test_the_thank_you_page_names_a_survey_only_to_whoever_answered_it(client, form):
    survey, q, invitation, url = form
    thanks_url = post(client, url, valid(q)).url
    assert survey.title in client.get(thanks_url).content.decode()
    assert str(survey.pk) not in thanks_url.replace(f"/{survey.pk}:", "/")  # signed, not bare
    for guess in (f"/khao-sat/{survey.pk}/cam-on/", f"/khao-sat/cam-on/{survey.pk}/",
                  f"/khao-sat/cam-on/{survey.pk}:forged/",
                  thanks_url.replace(f"/{survey.pk}:", f"/{survey.pk + 1}:")):
        response = client.get(guess)
        assert response.status_code == 404
        assert survey.title not in response.content.decode()


def test_a_survey_title_is_not_shown_to_a_member_outside_its_audience(client_for, form, units):
    survey, q, invitation, url = form
    outsider = member(units["KHTN"])
    page = client_for(outsider).get(reverse("surveys:answer_open", args=[survey.pk]))
    assert page.status_code == 403 and survey.title not in page.content.decode()


def number_of(page: str, question) -> tuple[str, str]:
    """(number with JavaScript, number without) drawn in a question's legend."""
    import re

    found = re.search(rf'id="q{question.pk}-label"><span class="num"><span class="n-js">'
                      r'(\d+)</span><span class="n-all">(\d+)</span>', page)
    return found.groups()


def test_questions_are_numbered_as_the_person_sees_them(client, units):
    """Question 2 is shown only after "Không" to question 1: with JavaScript it is hidden
    and the next one is numbered 2; without, every question is shown and numbered."""
    survey = SurveyFactory(owner_unit=units["BK"], status="draft")
    read = add_question(survey, K.SINGLE, "Đã đọc?", ["Có", "Không"], required=True)
    why = add_question(survey, K.SINGLE, "Vì sao?", ["Bận", "Khác"], required=True,
                       condition=(read, ["Không"]))
    fair = add_question(survey, K.LIKERT, "Hợp lý")
    Survey.objects.filter(pk=survey.pk).update(status="open")
    from surveys.services import invitation_for

    url = reverse("surveys:answer_token",
                  args=[token_for(invitation_for(survey=survey, user=member(units["BK"])))])
    page = client.get(url).content.decode()
    assert f'class="q off" id="q{why.pk}"' in page
    assert number_of(page, read) == ("1", "1")
    assert number_of(page, fair) == ("2", "3")
    assert "<noscript><style>" in page and ".n-all{display:inline}" in page
    assert "{#" not in page and "#}" not in page
    assert "Đã trả lời 0/2 câu" in page  # the progress bar arrives drawn
    # A refused post that answered "Không": the page arrives with question 2 shown.
    page = client.post(url, {"submission_key": str(uuid.uuid4()),
                             f"q{read.pk}": str(choice(read, "Không").pk)}).content.decode()
    assert f'class="q has-error" id="q{why.pk}"' in page
    assert number_of(page, fair) == ("3", "3")
    assert "Đã trả lời 1/3 câu" in page


def test_multiple_choice_hints_are_said_once(client, units):
    survey = SurveyFactory(owner_unit=units["BK"], status="draft")
    limited = add_question(survey, K.MULTIPLE, "Nội dung quan tâm nhất (tối đa 2)",
                           ["A", "B", "C"], max_choices=2)
    add_question(survey, K.MULTIPLE, "Cần hỗ trợ gì?", ["X", "Y"],
                 help_text="Chọn tất cả các ý phù hợp.")
    bare = add_question(survey, K.MULTIPLE, "Chọn món", ["M", "N", "P"], max_choices=2)
    Survey.objects.filter(pk=survey.pk).update(status="open")
    from surveys.services import invitation_for

    url = reverse("surveys:answer_token",
                  args=[token_for(invitation_for(survey=survey, user=member(units["BK"])))])
    page = client.get(url).content.decode()
    assert page.count("Chọn tất cả các ý phù hợp.") == 1
    assert page.count("Chọn tối đa 2 phương án.") == 1  # for "Chọn món" only
    data = {"submission_key": str(uuid.uuid4()),
            f"q{bare.pk}": [str(c.pk) for c in bare.choices.all()],
            f"q{limited.pk}": [str(c.pk) for c in limited.choices.all()]}
    page = client.post(url, data).content.decode()
    assert page.count("Chọn tối đa 2 phương án.") == 1  # the hint, not repeated by the error
    start = page.find(f'id="q{bare.pk}"')
    fieldset = page[start:page.find("</fieldset>", start)]
    assert fieldset.count("hãy bỏ chọn 1") == 1 and fieldset.count("tối đa 2") == 1


def test_a_logged_in_member_can_go_back_to_the_portal_or_log_out(client_for, form):
    survey, q, invitation, url = form
    page = client_for(invitation.user).get(
        reverse("surveys:answer_open", args=[survey.pk])).content.decode()
    assert f'href="{reverse("home")}"' in page and "Quay lại cổng thông tin" in page
    assert f'action="{reverse("logout")}"' in page and "Đăng xuất" in page


def test_logging_out_clears_what_the_browser_keeps(client_for, accounts):
    client = client_for(accounts["member"])
    response = client.post(reverse("logout"))
    assert response["Clear-Site-Data"] == '"storage"'
    login = client.get(response["Location"]).content.decode()
    assert "js/logged-out.js" in login
    assert "js/logged-out.js" not in client.get(reverse("login")).content.decode()
