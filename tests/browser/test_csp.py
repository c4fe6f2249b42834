"""With the production Content-Security-Policy on, key pages of every role load and work
without a single violation: no inline script or handler is left in a template."""

import pytest
from django.test import override_settings

from collaborators.models import Training
from portal.models import Unit
from surveys.models import Question, Survey
from tests.browser.conftest import log_in
from tests.collaborators.factories import TrainingFactory
from tests.surveys.factories import SurveyFactory, add_question

pytestmark = pytest.mark.browser

WATCH = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + e.sourceFile
                    + ":" + e.lineNumber);
});
"""


@pytest.fixture(autouse=True)
def _csp_on():
    with override_settings(PORTAL_CSP=True):
        yield


@pytest.fixture
def watched(page):
    problems: list[str] = []
    page.context.add_init_script(WATCH)
    page.on("console", lambda m: problems.append(m.text)
            if m.type == "error" and "Content Security Policy" in m.text else None)

    def visit(path: str) -> None:
        response = page.goto(page.base_url + path)
        assert response.status == 200, path
        assert "script-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("load")
        problems.extend(f"{path}: {v}" for v in page.evaluate("window.__csp"))

    visit.problems = problems  # type: ignore[attr-defined]
    return visit


@pytest.fixture
def survey(demo):
    survey = SurveyFactory(owner_unit=demo["member"].unit, status="draft", title="Khảo sát CSP")
    room = add_question(survey, Question.Kind.SINGLE, "Có chỗ làm việc riêng?",
                        ["Có", "Không"], required=True)
    add_question(survey, Question.Kind.SHORT_TEXT, "Vì sao?", condition=(room, ["Không"]))
    Survey.objects.filter(pk=survey.pk).update(status="open")
    return survey


def test_key_pages_load_without_a_violation(page, watched, demo, survey):
    watched("/tai-khoan/dang-nhap/")
    log_in(page, "member")
    watched("/")
    watched(f"/khao-sat/{survey.pk}/tra-loi/")
    # The answer page's script ran: the conditional question hides until "Không".
    assert not page.get_by_text("Vì sao?").is_visible()
    page.get_by_label("Không").check()
    assert page.get_by_text("Vì sao?").is_visible()
    page.context.clear_cookies()
    log_in(page, "committee")
    for path in ["/", "/bao-cao/tong-quan/", "/lich-su-thay-doi/", f"/khao-sat/{survey.pk}/",
                 f"/khao-sat/{survey.pk}/ket-qua/", f"/khao-sat/{survey.pk}/phieu-in/",
                 "/cong-tac-vien/", "/don-vi/"]:
        watched(path)
    page.context.clear_cookies()
    log_in(page, "admin")
    member = demo["member"].pk
    for path in ["/quan-tri/", "/quan-tri/portal/user/", f"/quan-tri/portal/user/{member}/change/"]:
        watched(path)
    assert watched.problems == []


def test_choosing_a_unit_still_reloads_the_attendance_list(page, watched, demo):
    training = TrainingFactory(organiser=Unit.objects.get(code="BK"))
    log_in(page, "committee")
    watched(f"/cong-tac-vien/tap-huan/{training.pk}/diem-danh/")
    other = Unit.objects.exclude(pk=training.organiser_id).filter(
        kind=Unit.Kind.GRASSROOTS).first()
    with page.expect_navigation():
        page.locator("select#unit").select_option(str(other.pk))
    assert f"don-vi={other.pk}" in page.url
    assert watched.problems == [] and Training.objects.count() == 1
