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
                        ["Có", "Dùng chung", "Không có"], required=True)
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


def test_a_member_answers_with_conditions_and_progress(page, demo, survey):
    log_in(page, "member")
    page.goto(f"{page.base_url}/khao-sat/{survey.pk}/tra-loi/")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert no_horizontal_scroll(page)
    needs = page.get_by_text("Anh/chị cần hỗ trợ gì?")
    assert not needs.is_visible()  # shown only after "Dùng chung" or "Không có"
    page.get_by_label("Dùng chung").check()
    assert needs.is_visible()
    page.get_by_label("Máy tính").check()
    assert "Đã trả lời 2/4 câu" in page.locator("#progress").inner_text()
    page.get_by_label("Có", exact=True).check()  # hides the question again, and its answer
    assert not needs.is_visible()
    page.get_by_label("4 · Đồng ý").check()
    page.get_by_role("button", name="Gửi câu trả lời").click()
    page.wait_for_load_state()
    assert "Cảm ơn bạn! Câu trả lời đã được ghi nhận." in page.content()
    response = Response.objects.get(survey=survey)
    kinds = set(response.answers.values_list("question__kind", flat=True))
    assert kinds == {"single", "likert"}  # nothing stored for the hidden question


def test_unfinished_answers_survive_a_reload(page, demo, survey):
    log_in(page, "member")
    url = f"{page.base_url}/khao-sat/{survey.pk}/tra-loi/"
    page.goto(url)
    page.get_by_label("Không có").check()
    page.get_by_role("textbox").fill("Thêm phòng họp chung")
    page.wait_for_timeout(600)  # the draft is saved a moment after typing stops
    page.goto(url)
    assert page.locator("#draft-notice").is_visible()
    assert page.get_by_label("Không có").is_checked()
    assert page.get_by_role("textbox").input_value() == "Thêm phòng họp chung"


def test_the_page_works_without_javascript(chromium, live_server, demo, survey):
    context = chromium.new_context(viewport=VIEWPORTS["phone"], locale="vi-VN",
                                   java_script_enabled=False)
    page = context.new_page()
    page.base_url = live_server.url
    try:
        log_in(page, "member")
        page.goto(f"{live_server.url}/khao-sat/{survey.pk}/tra-loi/")
        assert page.get_by_text("Anh/chị cần hỗ trợ gì?").is_visible()
        assert page.get_by_text("Chỉ trả lời nếu ở câu trước bạn đã chọn").is_visible()
        page.get_by_role("textbox").fill("Giữ lại câu này")
        page.get_by_role("button", name="Gửi câu trả lời").click()
        assert "Vui lòng trả lời câu hỏi này." in page.content()
        assert page.get_by_role("textbox").input_value() == "Giữ lại câu này"
        page.get_by_label("Không có").check()
        page.get_by_label("Bàn ghế").check()
        page.get_by_role("button", name="Gửi câu trả lời").click()
        assert "Cảm ơn bạn! Câu trả lời đã được ghi nhận." in page.content()
        assert Response.objects.filter(survey=survey).count() == 1
    finally:
        context.close()
