"""A member answers a survey in a real browser: on a phone with JavaScript (conditions,
progress, a draft kept on the device) and with JavaScript turned off."""

import pytest

from surveys.models import Question, Response, Survey
from tests.browser.conftest import VIEWPORTS, log_in
from tests.surveys.factories import SurveyFactory, add_question

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _fresh_questionnaires():
    from surveys.questionnaire import forget_all

    forget_all()
    yield
    forget_all()


@pytest.fixture
def survey(demo):
    survey = SurveyFactory(owner_unit=demo["member"].unit, status="draft",
                           title="Khảo sát điều kiện làm việc")
    room = add_question(survey, Question.Kind.SINGLE, "Anh/chị có chỗ làm việc riêng không?",
                        ["Có", "Dùng chung", "Không có"], required=True, has_other=True)
    add_question(survey, Question.Kind.MULTIPLE, "Anh/chị cần hỗ trợ gì?",
                 ["Bàn ghế", "Máy tính"], condition=(room, ["Dùng chung", "Không có"]),
                 required=True)
    add_question(survey, Question.Kind.LIKERT, "Tôi hài lòng với điều kiện làm việc.")
    add_question(survey, Question.Kind.SHORT_TEXT, "Một đề xuất ngắn")
    Survey.objects.filter(pk=survey.pk).update(status="open")
    survey.refresh_from_db()
    return survey


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def shown_numbers(page) -> list[str]:
    """The question numbers a person sees, in page order."""
    return [n.strip(".") for n in page.locator("fieldset.q:visible .num").all_inner_texts()]


def legend(page, text: str) -> str:
    return page.locator("legend", has_text=text).inner_text()


def idea_box(page):
    return page.get_by_role("textbox", name="Một đề xuất ngắn")


def test_a_member_answers_with_conditions_and_progress(page, demo, survey):
    log_in(page, "member")
    page.goto(f"{page.base_url}/khao-sat/{survey.pk}/tra-loi/")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert no_horizontal_scroll(page)  # with the "Khác, ghi rõ" box of question 1
    assert page.get_by_role("textbox", name="Khác, ghi rõ").is_visible()
    needs = page.get_by_text("Anh/chị cần hỗ trợ gì?")
    assert not needs.is_visible()  # shown only after "Dùng chung" or "Không có"
    assert shown_numbers(page) == ["1", "2", "3"]
    assert legend(page, "Tôi hài lòng").startswith("2. ")
    page.get_by_label("Dùng chung").check()
    assert needs.is_visible()
    assert shown_numbers(page) == ["1", "2", "3", "4"]
    assert legend(page, "Tôi hài lòng").startswith("3. ")
    page.get_by_label("Máy tính").check()
    assert "Đã trả lời 2/4 câu" in page.locator("#progress").inner_text()
    page.get_by_label("Có", exact=True).check()  # hides the question again, and its answer
    assert not needs.is_visible()
    assert shown_numbers(page) == ["1", "2", "3"]
    page.get_by_label("4 · Đồng ý").check()
    page.get_by_role("button", name="Gửi câu trả lời").click()
    page.wait_for_load_state()
    assert "Cảm ơn anh/chị! Câu trả lời đã được ghi nhận." in page.content()
    response = Response.objects.get(survey=survey)
    kinds = set(response.answers.values_list("question__kind", flat=True))
    assert kinds == {"single", "likert"}  # nothing stored for the hidden question


def test_unfinished_answers_survive_a_reload(page, demo, survey):
    log_in(page, "member")
    url = f"{page.base_url}/khao-sat/{survey.pk}/tra-loi/"
    page.goto(url)
    page.get_by_label("Không có").check()
    idea_box(page).fill("Thêm phòng họp chung")
    page.wait_for_timeout(600)  # the draft is saved a moment after typing stops
    page.goto(url)
    assert page.locator("#draft-notice").is_visible()
    assert page.get_by_label("Không có").is_checked()
    assert idea_box(page).input_value() == "Thêm phòng họp chung"


def test_the_page_works_without_javascript(chromium, live_server, demo, survey):
    context = chromium.new_context(viewport=VIEWPORTS["phone"], locale="vi-VN",
                                   java_script_enabled=False)
    page = context.new_page()
    page.base_url = live_server.url
    try:
        log_in(page, "member")
        page.goto(f"{live_server.url}/khao-sat/{survey.pk}/tra-loi/")
        assert page.get_by_text("Anh/chị cần hỗ trợ gì?").is_visible()
        assert page.get_by_text("Chỉ trả lời nếu ở câu trước anh/chị đã chọn").is_visible()
        assert shown_numbers(page) == ["1", "2", "3", "4"]  # every question, numbered
        idea_box(page).fill("Giữ lại câu này")
        page.get_by_role("button", name="Gửi câu trả lời").click()
        assert "Vui lòng trả lời câu hỏi này." in page.content()
        assert idea_box(page).input_value() == "Giữ lại câu này"
        page.get_by_label("Không có").check()
        page.get_by_label("Bàn ghế").check()
        page.get_by_role("button", name="Gửi câu trả lời").click()
        assert "Cảm ơn anh/chị! Câu trả lời đã được ghi nhận." in page.content()
        assert Response.objects.filter(survey=survey).count() == 1
    finally:
        context.close()


def test_a_draft_is_not_seen_by_the_next_account_on_the_same_browser(page, demo, survey):
    """A collaborator types on a shared computer and logs out without sending; the officer
    who logs in next on the same browser finds nothing of it, on the page or in storage."""
    url = f"{page.base_url}/khao-sat/{survey.pk}/tra-loi/"
    log_in(page, "collaborator")
    page.goto(url)
    page.get_by_label("Không có").check()
    page.get_by_label("Máy tính").check()
    idea_box(page).fill("Ý kiến riêng của cộng tác viên")
    page.wait_for_timeout(600)  # the draft is saved a moment after typing stops
    stored = page.evaluate("JSON.stringify(window.localStorage)")
    assert "Ý kiến riêng của cộng tác viên" in stored  # the draft was kept on the device
    first_key = page.locator("#survey-form").get_attribute("data-draft")
    assert len(first_key.split(":")[1]) == 32  # a keyed hash, not an id

    page.get_by_role("button", name="Đăng xuất").click()  # from the answer page itself
    page.wait_for_load_state()
    assert "Ý kiến riêng" not in page.evaluate("JSON.stringify(window.localStorage)")

    log_in(page, "officer")
    page.goto(url)
    assert not page.locator("#draft-notice").is_visible()
    assert idea_box(page).input_value() == ""
    assert not page.get_by_label("Không có").is_checked()
    assert page.locator("#survey-form").get_attribute("data-draft") != first_key
    assert "Ý kiến riêng" not in page.evaluate("JSON.stringify(window.localStorage)")


def test_another_account_cannot_read_a_draft_left_without_logging_out(page, demo, survey):
    """Even when the first person does not log out (the storage is then still there), the
    next account's page looks for its own key and restores nothing."""
    url = f"{page.base_url}/khao-sat/{survey.pk}/tra-loi/"
    log_in(page, "collaborator")
    page.goto(url)
    idea_box(page).fill("Bản nháp bỏ dở")
    page.wait_for_timeout(600)
    page.context.clear_cookies()  # the session ends (closed browser), the storage stays
    log_in(page, "officer")
    page.goto(url)
    assert not page.locator("#draft-notice").is_visible()
    assert idea_box(page).input_value() == ""


def test_the_thank_you_page_clears_the_draft(page, demo, survey):
    url = f"{page.base_url}/khao-sat/{survey.pk}/tra-loi/"
    log_in(page, "member")
    page.goto(url)
    page.get_by_label("Có", exact=True).check()
    page.get_by_label("4 · Đồng ý").check()
    idea_box(page).fill("Gửi đi rồi")
    page.wait_for_timeout(600)
    page.get_by_role("button", name="Gửi câu trả lời").click()
    page.wait_for_load_state()
    assert page.locator("#state[data-state=thanks]").is_visible()
    assert "Gửi đi rồi" not in page.evaluate("JSON.stringify(window.localStorage)")
