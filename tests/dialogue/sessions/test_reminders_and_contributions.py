from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from directives.dialogue.models import DialogueSession, SessionKind
from directives.dialogue.sessions.selectors import conference_deadline
from directives.dialogue.sessions.tasks import dialogue_session_reminders
from portal.contributions import Frame, document_subject, indicators
from portal.periods import Period
from portal.tracking import TrackedStatus

from .factories import make_commitment, make_session

pytestmark = pytest.mark.django_db


def test_the_conference_deadline_is_three_months_after_the_year(settings):
    assert conference_deadline(2025) == date(2026, 3, 31)
    settings.DIALOGUE_CONFERENCE_MONTHS = 12
    assert conference_deadline(2025) == date(2026, 12, 31)


def test_the_daily_task_reminds_once(accounts, units):
    officer = accounts["officer"]
    ahead = make_session(units["BK"], days=2, organiser=officer, agenda="1. Báo cáo")
    held = make_session(units["BK"], days=-12, title="Đã họp", organiser=officer)
    late = make_commitment(held, title="Sửa điện", days=-1, owner=officer)
    make_commitment(held, title="Đã xong", days=-1, status=TrackedStatus.DONE,
                    completed_on=timezone.localdate())
    make_session(units["BK"], days=-12, title="Đã công bố", published=True)
    sent = dialogue_session_reminders.apply().get()
    subjects = sorted(m.subject for m in mail.outbox)
    assert sent == 3 and len(subjects) == 3
    assert any(ahead.title in s and "chương trình" in s for s in subjects)
    assert any("Công bố kết quả" in s and held.title in s for s in subjects)
    assert any("quá hạn" in s and late.title in s for s in subjects)
    assert all(m.to == [officer.email] for m in mail.outbox)
    assert dialogue_session_reminders.apply().get() == 0 and len(mail.outbox) == 3


def test_indicators_and_data_version(accounts, units):
    from directives.dialogue.sessions.contributions import data_version

    today = timezone.localdate()
    year = today.year - 1
    DialogueSession.objects.create(
        unit=units["BK"], kind=SessionKind.CONFERENCE, title="Hội nghị", place="A",
        working_year=year, starts_at=timezone.make_aware(timezone.datetime(year + 1, 2, 10, 8)))
    session = make_session(units["BK-CK"], days=-3)
    make_commitment(session, days=-1)
    top = units["CDDHQG"]
    children = [u for u in units.values() if u.parent_id == top.pk]
    frame = Frame(top, children, Period(today - timedelta(days=29), today))
    found = {i.key: i.compute(frame) for i in indicators() if i.key.startswith("dialogue_")}
    assert found["dialogue_conference"][units["BK"].pk].value == 100
    assert found["dialogue_conference"][units["KHTN"].pk].value == 0
    assert found["dialogue_sessions"][units["BK"].pk].value == 1
    assert found["dialogue_overdue"][units["BK"].pk].value == 1
    before = data_version()
    make_commitment(session, title="Khác")
    assert data_version() != before


def test_the_printable_minutes_hold_what_a_signed_record_needs(units, accounts):
    session = make_session(units["BK"], chair="PGS.TS. Trần Văn Hải", secretary="ThS. Chi",
                           present="Ban Giám hiệu", absent="TS. Khoa (công tác)",
                           agreed="Chi đúng hạn", still_open="Nhà ở công vụ")
    session.questions.create(position=1, question="Khi nào chi?", answer="Trước ngày 15.")
    make_commitment(session)
    subject = document_subject("dialogue_minutes")
    assert session in subject.choices(accounts["officer"])
    assert session not in subject.choices(accounts["officer2"])
    text = repr(subject.sections(session))
    for part in ("THỜI GIAN", "Chủ trì", "Thư ký", "Vắng mặt", "Khi nào chi?", "Trước ngày 15.",
                 "Chi đúng hạn", "Nhà ở công vụ", "Sửa hệ thống điện", "Phòng Quản trị"):
        assert part in text, part


def test_the_demo_seed_is_idempotent_and_has_every_kind(accounts):
    from directives.dialogue.models import Commitment
    from directives.dialogue.sessions.seed import seed

    seed()
    counts = (DialogueSession.objects.count(), Commitment.objects.count())
    seed()
    assert (DialogueSession.objects.count(), Commitment.objects.count()) == counts
    assert set(DialogueSession.objects.values_list("kind", flat=True)) == set(SessionKind.values)
    today = timezone.localdate()
    assert Commitment.objects.filter(status=TrackedStatus.DONE).exists()
    assert Commitment.objects.overdue(today).exists()
    held = set(DialogueSession.objects.filter(kind=SessionKind.CONFERENCE,
                                              working_year=today.year - 1)
               .values_list("unit__code", flat=True))
    assert "BK" in held and "KTL" not in held


def test_the_session_page_prints_its_minutes_for_its_unit_only(client_for, accounts, units):
    from django.urls import reverse

    from tests.services import need_pdf_tools

    need_pdf_tools()
    session = make_session(units["BK"], chair="PGS.TS. Trần Văn Hải", secretary="ThS. Chi")
    address = reverse("reports:subject_pdf", args=["dialogue_minutes", session.pk])
    officer = client_for(accounts["officer"])
    assert address in officer.get(session.get_absolute_url()).content.decode()
    response = officer.get(address)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert client_for(accounts["officer2"]).get(address).status_code == 404
