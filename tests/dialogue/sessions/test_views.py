from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from directives.dialogue.models import Commitment, DialogueSession, SessionKind, SessionQuestion
from portal.tracking import TrackedStatus

from .factories import make_commitment, make_session

pytestmark = pytest.mark.django_db


def test_officer_plans_records_and_publishes_a_session(client_for, accounts, units):
    client = client_for(accounts["officer"])
    day = timezone.localdate() - timedelta(days=2)
    response = client.post(reverse("dialogue:session_create"), {
        "unit": units["BK"].pk, "kind": SessionKind.PERIODIC, "title": "Đối thoại quý IV",
        "day": day.strftime("%d/%m/%Y"), "start_time": "08:00", "end_time": "11:00",
        "place": "Hội trường A5", "agenda": "1. Báo cáo"})
    session = DialogueSession.objects.get()
    assert response["Location"] == session.get_absolute_url()
    assert timezone.localtime(session.starts_at).hour == 8
    pdf = SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4\n%%EOF\n")
    response = client.post(reverse("dialogue:session_minutes", args=[session.pk]), {
        "chair": "PGS.TS. Trần Văn Hải", "secretary": "ThS. Đỗ Kim Chi", "attendance": "120",
        "present": "Ban Giám hiệu", "absent": "", "agreed": "Chi đúng hạn",
        "still_open": "", "leadership_side": "", "union_side": "", "signed_minutes": pdf,
        "q-TOTAL_FORMS": "2", "q-INITIAL_FORMS": "0",
        "q-0-question": "Khi nào chi thu nhập?", "q-0-answer": "Trước ngày 15.",
        "q-0-asked_by": "", "q-1-question": "", "q-1-answer": "", "q-1-asked_by": ""})
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.chair and session.signed_minutes and SessionQuestion.objects.count() == 1
    response = client.post(reverse("dialogue:commitment_create", args=[session.pk]), {
        "title": "Chi thu nhập tăng thêm", "responsible": "Phòng Kế hoạch - Tài chính",
        "due_on": (day + timedelta(days=30)).strftime("%d/%m/%Y"), "public_note": ""})
    assert response.status_code == 302 and Commitment.objects.count() == 1
    client.post(reverse("dialogue:session_publish", args=[session.pk]),
                {"summary": "Lãnh đạo đã trả lời các ý kiến."})
    session.refresh_from_db()
    assert session.is_published
    download = client.get(reverse("dialogue:session_signed_minutes", args=[session.pk]))
    assert download.status_code == 200 and download["Cache-Control"] == "private, no-store"
    page = client.get(session.get_absolute_url()).content.decode()
    assert "Chi thu nhập tăng thêm" in page and "Khi nào chi thu nhập?" in page


def test_bad_input_gives_vietnamese_messages_and_stores_nothing(client_for, accounts, units):
    client = client_for(accounts["officer"])
    session = make_session(units["BK"], days=3)
    response = client.post(reverse("dialogue:commitment_create", args=[session.pk]),
                           {"title": "Sửa điện", "responsible": "", "due_on": ""})
    page = response.content.decode()
    assert "người hoặc đơn vị thực hiện cam kết" in page and "thời hạn thực hiện" in page
    response = client.post(reverse("dialogue:session_publish", args=[session.pk]),
                           {"summary": "Sớm quá"}, follow=True)
    assert "chưa diễn ra" in response.content.decode()
    held = make_session(units["BK"], title="Đã họp")
    exe = SimpleUploadedFile("bien-ban.exe", b"MZ\x90\x00")
    response = client.post(reverse("dialogue:session_minutes", args=[held.pk]), {
        "chair": "A B", "secretary": "C D", "signed_minutes": exe,
        "q-TOTAL_FORMS": "0", "q-INITIAL_FORMS": "0"})
    assert "Không nhận loại tệp này" in response.content.decode()
    response = client.post(reverse("dialogue:session_create"), {
        "unit": units["BK"].pk, "kind": SessionKind.CONFERENCE, "title": "Hội nghị",
        "day": "15/02/2026", "start_time": "08:00", "end_time": "07:00", "place": "A"})
    page = response.content.decode()
    assert "năm công tác" in page and "Giờ kết thúc phải sau giờ bắt đầu" in page
    assert not Commitment.objects.exists() and DialogueSession.objects.count() == 2
    held.refresh_from_db()
    session.refresh_from_db()
    assert not held.signed_minutes and held.chair == "" and not session.is_published


def test_another_units_session_is_a_404_and_a_member_cannot_edit(client_for, accounts, units):
    session = make_session(units["BK"], published=True)
    commitment = make_commitment(session)
    officer2 = client_for(accounts["officer2"])
    for name in ("session_detail", "session_edit", "session_minutes", "session_publish"):
        assert officer2.get(reverse(f"dialogue:{name}", args=[session.pk])).status_code == 404
    assert officer2.get(reverse("dialogue:commitment_edit",
                                args=[commitment.pk])).status_code == 404
    member = client_for(accounts["member"])
    for url in (reverse("dialogue:session_edit", args=[session.pk]),
                reverse("dialogue:commitment_edit", args=[commitment.pk])):
        assert member.post(url, {"title": "Sửa"}).status_code == 403
    session.refresh_from_db()
    assert session.title == "Đối thoại định kỳ"


def test_the_public_page_shows_only_the_members_units_and_no_internal_note(
        client_for, accounts, units):
    mine = make_session(units["BK"], published=True, title="Đối thoại của BK")
    make_commitment(mine, title="Thay tủ điện", note="BÍ MẬT NỘI BỘ",
                    public_note="Đang đặt hàng")
    make_commitment(mine, title="Đã xong", status=TrackedStatus.DONE,
                    completed_on=timezone.localdate())
    make_commitment(mine, title="Quá hạn rồi", days=-3)
    draft = make_session(units["BK"], title="Chưa công bố")
    make_commitment(draft, title="Cam kết chưa công bố")
    theirs = make_session(units["KHTN"], published=True, title="Đối thoại của KHTN")
    make_commitment(theirs, title="Cam kết KHTN")
    page = client_for(accounts["member"]).get(reverse("dialogue:progress")).content.decode()
    assert "Thay tủ điện" in page and "Đang đặt hàng" in page and "Quá hạn rồi" in page
    assert "BÍ MẬT" not in page and "KHTN" not in page and "chưa công bố" not in page.lower()
    assert "1/3 đã hoàn thành" in page
    member = client_for(accounts["member"])
    assert member.get(reverse("dialogue:session_summary", args=[mine.pk])).status_code == 200
    assert member.get(reverse("dialogue:session_summary", args=[theirs.pk])).status_code == 404
    assert member.get(reverse("dialogue:session_summary", args=[draft.pk])).status_code == 404
    home = member.get(reverse("home")).content.decode()
    assert reverse("dialogue:progress") in home


def test_officer_pages_render(client_for, accounts, units):
    session = make_session(units["BK"], published=True)
    make_commitment(session, days=-2)
    client = client_for(accounts["officer"])
    for url in (reverse("dialogue:session_list"), reverse("dialogue:commitment_list"),
                reverse("dialogue:commitment_list") + "?state=overdue",
                reverse("dialogue:overview"), reverse("dialogue:progress"),
                reverse("dialogue:session_create"),
                reverse("dialogue:commitment_create", args=[session.pk])):
        assert client.get(url).status_code == 200, url


def test_overview_marks_on_time_late_and_missing(client_for, accounts, units):
    from directives.dialogue.sessions.selectors import Held, conference_overview

    today = timezone.localdate()
    year = today.year - 1
    for code, month in (("BK", 3), ("KHTN", 4)):
        DialogueSession.objects.create(
            unit=units[code], kind=SessionKind.CONFERENCE, title="Hội nghị", place="A",
            working_year=year, starts_at=timezone.make_aware(
                timezone.datetime(year + 1, month, 20 if month == 4 else 31, 8)))
    make_session(units["BK-CK"], days=-400 if today.month < 2 else -5)
    data = conference_overview(accounts["committee"], years=[year, today.year], today=today)
    cells = {row.unit.code: row.years[0] for row in data.rows}
    if today > timezone.datetime(year + 1, 3, 31).date():
        assert cells["BK"].conference == Held.ON_TIME
        assert cells["KHTN"].conference == Held.LATE
        assert cells["KTL"].conference == Held.MISSING


def test_overview_queries_stay_flat(client_for, accounts, units, django_assert_max_num_queries):
    client = client_for(accounts["committee"])
    url = reverse("dialogue:overview")
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    for index, unit in enumerate(units.values()):
        for year_back in range(5):
            make_session(unit, days=-365 * year_back - 10 - index, kind=SessionKind.CONFERENCE)
            make_session(unit, days=-365 * year_back - 20 - index)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)
