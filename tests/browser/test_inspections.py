"""The issue's "done when" for inspections, in a real browser at 360 px and 1280 px: the unit
answers a recommendation from the inspection and the team accepts it; the committee sees
the ratings of every unit over the years; every page of the area passes axe."""

from io import StringIO

import pytest
from django.core.management import call_command

from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def seeded(transactional_db):
    call_command("seed_demo", stdout=StringIO())


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_the_unit_answers_a_recommendation_and_the_team_accepts_it(page, seeded):
    from directives.inspections.models import Recommendation

    item = (Recommendation.objects.filter(unit__code="BK", review="waiting")
            .order_by("due_on").first())
    log_in(page, "officer")
    page.goto(page.base_url + "/kiem-tra/kien-nghi/?loc=overdue")
    page.get_by_role("link", name=item.text[:30]).first.click()
    assert no_horizontal_scroll(page), page.viewport_name
    page.get_by_label("Kết quả đơn vị đã thực hiện").fill(
        "Đã kiện toàn tổ cộng tác viên ở ba công đoàn bộ phận, có quyết định kèm theo.")
    page.get_by_role("button", name="Gửi trả lời").click()
    page.wait_for_load_state()
    assert page.get_by_text("Đã gửi trả lời cho đoàn kiểm tra.").is_visible()
    item.refresh_from_db()
    assert item.review == "answered"

    page.context.clear_cookies()
    log_in(page, "committee")
    page.goto(page.base_url + item.get_absolute_url())
    page.get_by_role("button", name="Chấp nhận").click()
    page.wait_for_load_state()
    assert page.get_by_text("Đã chấp nhận kết quả trả lời.").is_visible()
    item.refresh_from_db()
    assert item.review == "accepted"

    page.goto(page.base_url + "/kiem-tra/xep-loai/")
    assert page.get_by_role("cell", name="Tốt").first.is_visible()
    bk = "BK" if page.viewport_name == "phone" else "Công đoàn Trường Đại học Bách khoa"
    assert page.get_by_role("rowheader", name=bk, exact=True).is_visible()


def test_every_inspections_page_passes_axe(page, seeded):
    from portal.models import User
    from tests.browser.test_accessibility import inspection_pages, violations_on

    log_in(page, "officer")
    found = {}
    for name, path in inspection_pages(User.objects.get(username="officer")).items():
        problems = violations_on(page, page.base_url + path)
        if problems:
            found[name] = problems
    assert not found, "\n".join(f"{name}: {problems}" for name, problems in found.items())
