from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from directives.dialogue.models import Commitment, DialogueSession, SessionKind, SessionQuestion
from directives.dialogue.sessions import services
from portal.tracking import TrackedStatus
from tests.test_isolation import difference, fingerprint

from .factories import make_commitment, make_session

pytestmark = pytest.mark.django_db


def _data(unit, **extra):
    return {"unit": unit, "kind": SessionKind.PERIODIC, "title": "Đối thoại  định kỳ",
            "starts_at": timezone.now() + timedelta(days=9), "place": "Hội trường A5",
            "agenda": "1. Báo cáo\n2. Ý kiến", **extra}


def test_officer_plans_a_session_text_composed(accounts, units):
    session = services.session_create(data=_data(units["BK"]), by=accounts["officer"])
    assert session.organiser == accounts["officer"] and session.working_year is None
    assert session.history.count() == 1


def test_a_conference_needs_its_working_year(accounts, units):
    with pytest.raises(ValidationError) as error:
        services.session_create(data=_data(units["BK"], kind=SessionKind.CONFERENCE),
                                by=accounts["officer"])
    assert "năm công tác" in str(error.value)
    assert not DialogueSession.objects.exists()


@pytest.mark.parametrize("actor", ["officer2", "member", "collaborator"])
def test_another_unit_or_a_member_cannot_write(accounts, units, actor):
    session = make_session(units["BK"])
    commitment = make_commitment(session)
    by = accounts[actor]
    before = fingerprint([session, commitment])
    calls = [
        lambda: services.session_create(data=_data(units["BK"]), by=by),
        lambda: services.session_update(session=session, data={"title": "Khác"}, by=by),
        lambda: services.session_mark_agenda_sent(session=session, by=by),
        lambda: services.session_record_minutes(session=session, data={"chair": "X"},
                                                questions=[], by=by),
        lambda: services.session_publish_summary(session=session, summary="Tóm tắt", by=by),
        lambda: services.commitment_create(session=session, by=by, data={
            "title": "Việc", "responsible": "Phòng A", "due_on": timezone.localdate()}),
        lambda: services.commitment_update(commitment=commitment, by=by,
                                           data={"status": TrackedStatus.DONE}),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()
    assert not difference(before, fingerprint([session, commitment]))


def test_an_officer_cannot_move_a_session_to_another_unit(accounts, units):
    session = make_session(units["BK"])
    with pytest.raises(PermissionDenied):
        services.session_update(session=session, data={"unit": units["KHTN"]},
                                by=accounts["officer"])
    session.refresh_from_db()
    assert session.unit == units["BK"]


def test_the_summary_is_not_published_before_the_session(accounts, units):
    session = make_session(units["BK"], days=3)
    with pytest.raises(ValidationError) as error:
        services.session_publish_summary(session=session, summary="Tóm tắt",
                                         by=accounts["officer"])
    assert "chưa diễn ra" in " ".join(error.value.messages)
    session.refresh_from_db()
    assert session.summary_published_at is None and session.summary == ""


def test_publishing_keeps_the_first_day_and_needs_text(accounts, units):
    session = make_session(units["BK"])
    with pytest.raises(ValidationError):
        services.session_publish_summary(session=session, summary="   ",
                                         by=accounts["officer"])
    services.session_publish_summary(session=session, summary="Đã trả lời.",
                                     by=accounts["officer"])
    first = session.summary_published_at
    services.session_publish_summary(session=session, summary="Đã trả lời, bổ sung.",
                                     by=accounts["officer"])
    session.refresh_from_db()
    assert session.summary_published_at == first and session.summary.endswith("bổ sung.")


def test_a_commitment_needs_its_owner_and_deadline(accounts, units):
    session = make_session(units["BK"])
    with pytest.raises(ValidationError) as error:
        services.commitment_create(session=session, by=accounts["officer"],
                                   data={"title": "Sửa điện", "responsible": " ",
                                         "due_on": None})
    assert set(error.value.message_dict) == {"responsible", "due_on"}
    assert not Commitment.objects.exists()


def test_minutes_replace_the_questions_and_keep_history(accounts, units):
    session = make_session(units["BK"])
    officer = accounts["officer"]
    services.session_record_minutes(session=session, by=officer, data={
        "chair": "PGS.TS. Trần Văn Hải", "secretary": "ThS. Đỗ Kim Chi"}, questions=[
        {"question": "Khi nào chi thu nhập tăng thêm?", "answer": "Trước ngày 15."},
        {"question": "", "answer": ""}])
    services.session_record_minutes(session=session, by=officer, data={}, questions=[
        {"question": "Câu hỏi mới", "asked_by": "Lê Văn Hùng", "answer": ""}])
    assert list(SessionQuestion.objects.values_list("question", flat=True)) == ["Câu hỏi mới"]
    assert SessionQuestion.history.filter(history_type="-").count() == 1


def test_minutes_refuse_a_wrong_file_and_store_nothing(accounts, units):
    session = make_session(units["BK"])
    fake = SimpleUploadedFile("bien-ban.pdf", b"MZ\x90\x00 not a pdf")
    with pytest.raises(ValidationError) as error:
        services.session_record_minutes(session=session, by=accounts["officer"],
                                        data={"chair": "A"}, questions=[],
                                        signed_minutes=fake)
    assert "signed_minutes" in error.value.message_dict
    session.refresh_from_db()
    assert not session.signed_minutes and session.chair == ""


def test_minutes_wait_for_the_session(accounts, units):
    session = make_session(units["BK"], days=2)
    with pytest.raises(ValidationError):
        services.session_record_minutes(session=session, by=accounts["officer"],
                                        data={"chair": "A"}, questions=[])


def test_progress_on_a_commitment_keeps_the_day_it_was_done(accounts, units):
    commitment = make_commitment(make_session(units["BK"]))
    services.commitment_update(commitment=commitment, by=accounts["officer"], data={
        "status": TrackedStatus.DONE, "public_note": "Đã thay tủ điện.", "note": "nội bộ"})
    commitment.refresh_from_db()
    assert commitment.completed_on == timezone.localdate()
    assert commitment.public_note == "Đã thay tủ điện."


def test_the_database_refuses_a_summary_dated_before_the_session(units):
    from django.db import IntegrityError, transaction

    session = make_session(units["BK"])
    session.summary = "x"
    session.summary_published_at = session.starts_at - timedelta(days=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        session.save()
