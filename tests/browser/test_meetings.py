"""The issue's "done when" for briefing meetings, in a real browser at 360 px and 1280 px:
an officer records a briefing with attendance, minutes and a follow-up action; the action
carries over to the next meeting and shows on its owner's home page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser


def no_horizontal_scroll(page) -> bool:
    """The page's own content fits the width (the shared menu bar is checked elsewhere)."""
    return page.evaluate("""() => [...document.querySelectorAll('main *')].every(
        e => e.getBoundingClientRect().right <= window.innerWidth + 1)""")


def test_an_officer_records_a_briefing_and_its_action_carries_over(page, demo):
    from directives.meetings.models import Action, Meeting

    log_in(page, "officer")
    page.goto(page.base_url + "/giao-ban/")
    assert no_horizontal_scroll(page), page.viewport_name
    page.get_by_role("link", name="Ghi nhận hội nghị giao ban").click()
    day = timezone.localdate() - timedelta(days=1)
    page.get_by_label("Ngày").fill(day.strftime("%d/%m/%Y"))
    page.get_by_label("Giờ bắt đầu").fill("14:00")
    page.get_by_label("Giờ kết thúc").fill("16:00")
    page.get_by_label("Địa điểm").fill("Phòng họp B4")
    page.get_by_label("Chủ trì").fill("Nguyễn Văn Phúc")
    page.get_by_label("Thư ký").fill("Huỳnh Thị Mỹ Linh")
    page.get_by_label("Chương trình").fill("Tình hình dư luận trong tháng\nViệc tháng tới")
    page.get_by_label("Biên bản").fill("Đoàn viên yên tâm công tác.\n\n- Băn khoăn về thu nhập")
    page.get_by_role("button", name="Lưu").click()
    assert page.get_by_text("anh/chị điểm danh người tham dự").is_visible()
    assert no_horizontal_scroll(page), page.viewport_name
    page.get_by_label("Nguyễn Văn Phúc", exact=True).select_option("present")
    page.get_by_label("Võ Thị Ngọc Lan", exact=True).select_option("excused")
    page.get_by_role("button", name="Lưu").click()
    assert page.get_by_text("Anh/chị ghi lý do vắng mặt có phép.").is_visible()
    page.locator("input[name^=reason_]").nth(
        page.locator("select[name^=status_]").evaluate_all(
            "(all) => all.findIndex(s => s.value === 'excused')")).fill("Đi công tác")
    page.get_by_label("Khách mời").fill("Nguyễn Thị Lệ Thu, Ban Tuyên giáo")
    page.get_by_role("button", name="Lưu").click()
    assert page.get_by_text("Đã lưu điểm danh: 3 người.").is_visible()
    page.get_by_role("link", name="Thêm việc phân công").click()
    page.get_by_label("Nội dung công việc").fill("Tổng hợp ý kiến về thu nhập")
    page.get_by_label("Người phụ trách").select_option(label="Võ Thị Ngọc Lan")
    page.get_by_label("Thời hạn").fill((day + timedelta(days=3)).strftime("%d/%m/%Y"))
    page.get_by_role("button", name="Lưu").click()
    assert page.get_by_text("Đã thêm việc phân công.").is_visible()
    assert page.get_by_text("Tổng hợp ý kiến về thu nhập").is_visible()
    assert page.get_by_text("Băn khoăn về thu nhập").is_visible()
    assert no_horizontal_scroll(page), page.viewport_name
    meeting = Meeting.objects.get()
    assert Action.objects.get().owner.username == "member"

    # The next meeting goes over the open action.
    page.goto(page.base_url + "/giao-ban/them/")
    page.get_by_label("Ngày").fill((day + timedelta(days=8)).strftime("%d/%m/%Y"))
    page.get_by_label("Giờ bắt đầu").fill("08:00")
    page.get_by_label("Giờ kết thúc").fill("07:00")
    page.get_by_label("Địa điểm").fill("Phòng họp B4")
    page.get_by_label("Chủ trì").fill("Nguyễn Văn Phúc")
    page.get_by_label("Thư ký").fill("Huỳnh Thị Mỹ Linh")
    page.get_by_role("button", name="Lưu").click()
    assert page.get_by_text("Hội nghị phải kết thúc sau khi bắt đầu.").is_visible()
    page.get_by_label("Giờ kết thúc").fill("10:00")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_role("link", name="Hủy").click()
    assert page.get_by_text("Việc chưa xong từ các kỳ giao ban trước").is_visible()
    assert page.get_by_text("Tổng hợp ý kiến về thu nhập").is_visible()
    assert Meeting.objects.exclude(pk=meeting.pk).count() == 1


def test_the_owner_sees_their_action_on_the_home_page(page, demo):
    from tests.meetings.factories import make_action, make_meeting

    today = timezone.localdate()
    meeting = make_meeting(demo["officer"].unit, day=today - timedelta(days=20))
    make_action(meeting, demo["member"], due_on=today - timedelta(days=2),
                title="Gửi báo cáo tổng hợp ý kiến")
    log_in(page, "member")
    assert page.get_by_text("Việc sau giao ban đã quá hạn").is_visible()
    page.get_by_role("link", name="Gửi báo cáo tổng hợp ý kiến").click()
    page.get_by_label("Trạng thái").select_option("done")
    page.get_by_role("button", name="Lưu").click()
    assert page.get_by_text("Đã lưu tiến độ.").is_visible()
    assert no_horizontal_scroll(page), page.viewport_name
