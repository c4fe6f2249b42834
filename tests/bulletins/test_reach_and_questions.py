"""Reach arithmetic per unit with sub-units, members counted never listed; questions asked
by the audience, answered for everyone, the asker never shown to anyone else."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from directives.bulletins.models import Bulletin, BulletinQuestion, BulletinRead
from directives.bulletins.selectors import reach
from directives.bulletins.services import question_answer, question_ask, question_to_case
from portal.models import User
from tests.bulletins.factories import people

pytestmark = pytest.mark.django_db


def test_reach_counts_audience_and_opened_per_unit_with_sub_units(units, accounts, publish):
    bk_people = people(units["BK"], 4)
    ck = people(units["BK-CK"], 3)
    t1 = people(units["BK-KHMT-T1"], 2)
    people(units["KHTN"], 5)  # outside the audience
    people(units["BK"], 2, is_active=False)  # not counted
    bulletin = publish(roles=["member"])
    for person in [bk_people[0], ck[0], ck[1], t1[0]]:
        BulletinRead.objects.create(bulletin=bulletin, user=person)
    rows, total = reach(bulletin, accounts["officer"])
    got = {r.unit.code: (r.audience, r.opened, r.share) for r in rows}
    # BK: its 4 + the demo member + 3 + 2 = 10 members, 4 opened.
    assert got["BK"][:2] == (10, 4) and str(got["BK"][2]) == "40.0"
    assert got["BK-CK"][:2] == (3, 2)
    assert got["BK-KHMT"][:2] == got["BK-KHMT-T1"][:2] == (2, 1)
    assert "BK-DDT" not in got  # nobody of the audience there
    assert (total.audience, total.opened) == (10, 4)
    committee_rows, committee_total = reach(bulletin, accounts["committee"])
    assert committee_rows[0].unit.code == "CDDHQG" and committee_total.audience == 10


def test_the_reach_page_counts_and_never_lists_people(units, accounts, publish, client_for):
    bulletin = publish()
    BulletinRead.objects.create(bulletin=bulletin, user=accounts["member"])
    page = client_for(accounts["officer"]).get(reverse("bulletins:reach", args=[bulletin.pk]))
    assert page.status_code == 200
    assert accounts["member"].full_name not in page.text
    assert client_for(accounts["member"]).get(
        reverse("bulletins:reach", args=[bulletin.pk])).status_code == 403


def test_a_question_answered_for_everyone_and_the_asker_never_shown(
        units, accounts, publish, client_for):
    bulletin = publish()
    asker = accounts["member"]
    other = people(units["BK-CK"], 1)[0]
    response = client_for(asker).post(reverse("bulletins:ask", args=[bulletin.pk]),
                                      {"text": "Thu nhập quý IV có bị giảm không?"})
    assert response.status_code == 302
    question = BulletinQuestion.objects.get()
    officer_page = client_for(accounts["officer"]).get(bulletin.get_absolute_url()).text
    assert "Thu nhập quý IV có bị giảm không?" in officer_page
    assert asker.full_name not in officer_page and asker.username not in officer_page
    # Not answered yet: the rest of the audience does not see it; the asker does.
    assert "Thu nhập quý IV" not in client_for(other).get(bulletin.get_absolute_url()).text
    mine = client_for(asker).get(bulletin.get_absolute_url()).text
    assert "Thu nhập quý IV" in mine and "câu hỏi của anh/chị" in mine
    client_for(accounts["officer"]).post(reverse("bulletins:answer", args=[question.pk]),
                                         {"answer": "Không giảm: quy chế giữ nguyên."})
    seen = client_for(other).get(bulletin.get_absolute_url()).text
    assert "Không giảm: quy chế giữ nguyên." in seen and "Thu nhập quý IV" in seen
    assert asker.full_name not in seen and "câu hỏi của anh/chị" not in seen
    history = BulletinQuestion.history.model.objects.filter(id=question.pk)
    assert history.exists() and not hasattr(history.first(), "asker_id")


def test_questions_refused_when_expired_or_outside_the_audience(
        units, accounts, publish, client_for):
    now = timezone.now()
    expired = publish(publish_at=now - timedelta(days=3), expires_at=now - timedelta(days=1))
    with pytest.raises(ValidationError) as error:
        question_ask(bulletin=expired, asker=accounts["member"], text="Còn hiệu lực không?")
    assert "hết hiệu lực" in error.value.messages[0]
    live = publish(roles=["officer"])
    with pytest.raises(ValidationError) as error:
        question_ask(bulletin=live, asker=accounts["member"], text="Cho tôi hỏi")
    assert "Chỉ những người" in error.value.messages[0]
    outsider = people(units["KHTN"], 1)[0]
    assert client_for(outsider).post(reverse("bulletins:ask", args=[live.pk]),
                                     {"text": "Hỏi"}).status_code == 404
    response = client_for(accounts["member"]).post(
        reverse("bulletins:ask", args=[expired.pk]), {"text": "Hỏi"}, follow=True)
    assert "hết hiệu lực" in response.text
    assert not BulletinQuestion.objects.exists()


def test_questions_are_limited_per_day(settings, accounts, publish):
    settings.BULLETINS_QUESTIONS_PER_DAY = 2
    bulletin = publish()
    for n in range(2):
        question_ask(bulletin=bulletin, asker=accounts["member"], text=f"Câu {n}")
    with pytest.raises(ValidationError):
        question_ask(bulletin=bulletin, asker=accounts["member"], text="Câu 3")
    assert BulletinQuestion.objects.count() == 2


def test_only_the_issuing_units_officers_answer(accounts, publish):
    bulletin = publish()
    question = question_ask(bulletin=bulletin, asker=accounts["member"], text="Hỏi")
    for actor in ("officer2", "member", "collaborator"):
        with pytest.raises(PermissionDenied):
            question_answer(question=question, by=accounts[actor], answer="Trả lời")
    with pytest.raises(ValidationError):
        question_answer(question=question, by=accounts["officer"], answer="  ")
    question.refresh_from_db()
    assert question.answer == ""


def test_a_question_becomes_an_anonymous_case(accounts, publish, client_for):
    from directives.dialogue.models import Case

    bulletin = publish(topics=["pay"])
    member = accounts["member"]
    question = question_ask(bulletin=bulletin, asker=member, text="Tôi bị trừ lương sai")
    before = Case.objects.count()
    with pytest.raises(PermissionDenied):
        question_to_case(question=question, by=accounts["officer2"])
    assert Case.objects.count() == before
    response = client_for(accounts["officer"]).post(reverse("bulletins:to_case",
                                                            args=[question.pk]))
    assert response.status_code == 302
    question.refresh_from_db()
    case = Case.objects.get(pk=question.case_key)
    assert question_to_case(question=question, by=accounts["officer"]) == case.pk  # once
    assert Case.objects.count() == before + 1
    assert case.anonymous and case.raised_by is None and case.source == "bulletin"
    assert case.category == "pay" and case.unit == bulletin.unit
    assert member.full_name not in str(Case.objects.filter(pk=case.pk).values().first())


def test_urgent_bulletins_are_emailed_once(accounts, publish, mailoutbox,
                                           django_capture_on_commit_callbacks, settings):
    from directives.bulletins.tasks import send_due_urgent_bulletins, send_urgent_bulletin

    settings.CELERY_TASK_ALWAYS_EAGER = True
    with django_capture_on_commit_callbacks(execute=False) as queued:
        bulletin = publish(urgency=Bulletin.Urgency.URGENT)
    assert len(queued) == 1
    sent = send_urgent_bulletin.apply(args=[bulletin.pk]).get()
    bk = User.objects.filter(unit__path__startswith=bulletin.unit.path,
                             is_active=True).exclude(email="").count()
    assert sent == bk == len(mailoutbox) and "[Khẩn]" in mailoutbox[0].subject
    assert send_urgent_bulletin.apply(args=[bulletin.pk]).get() == 0
    # A scheduled urgent one goes out from the periodic task once its time has come.
    with django_capture_on_commit_callbacks(execute=False) as queued:
        later = publish(urgency=Bulletin.Urgency.URGENT, title="Hẹn giờ",
                        publish_at=timezone.now() + timedelta(minutes=5))
    assert not queued and send_due_urgent_bulletins() == 0
    Bulletin.objects.filter(pk=later.pk).update(publish_at=timezone.now() - timedelta(minutes=1))
    assert send_due_urgent_bulletins() == bk
    assert send_due_urgent_bulletins() == 0
    assert len(mailoutbox) == 2 * bk
