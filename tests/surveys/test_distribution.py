"""Reaching the audience: targeting, invitation emails through Celery, reminders, the
printable links with QR codes, and response rates while the survey runs."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from portal.models import User
from surveys.models import Invitation, Question, Survey
from surveys.questionnaire import AnswerData
from surveys.services import audience_of, survey_sync_invitations

from .factories import SurveyFactory, add_question, choice, member, submit

pytestmark = pytest.mark.django_db


def test_the_audience_includes_sub_units_and_follows_roles_and_staff_groups(units):
    survey = SurveyFactory(owner_unit=units["CDDHQG"], status="draft",
                           audience=[units["BK"], units["QT"]])
    lecturer = member(units["BK-KHMT-T1"], staff_group="lecturer")
    officer = member(units["BK"], role="officer", staff_group="lecturer")
    clerk = member(units["QT"], staff_group="administrative")
    outsider = member(units["KHTN"], staff_group="lecturer")
    retired = member(units["BK"], staff_group="lecturer", is_active=False)
    assert set(audience_of(survey)) == {lecturer, officer, clerk}
    survey.audience_roles = [User.Role.MEMBER]
    survey.audience_staff_groups = [User.StaffGroup.LECTURER]
    survey.save()
    assert set(audience_of(survey)) == {lecturer}
    assert outsider not in audience_of(survey) and retired not in audience_of(survey)


def test_changing_the_audience_while_open_invites_and_withdraws(units):
    survey = SurveyFactory(owner_unit=units["CDDHQG"], audience=[units["BK"]])
    question = add_question(survey, Question.Kind.LIKERT, "Hài lòng")
    answered, waiting = member(units["BK"]), member(units["BK-CK"])
    newcomer = member(units["QT"])
    survey_sync_invitations(survey=survey)
    submit(survey, answered, [AnswerData(question.pk, value=4)])
    survey.audience_units.set([units["QT"]])
    assert survey_sync_invitations(survey=survey) == (1, 1)
    kept = set(Invitation.objects.filter(survey=survey).values_list("user", flat=True))
    # The answered invitation stays (it counts in the response rate); the unused one goes.
    assert kept == {answered.pk, newcomer.pk} and waiting.pk not in kept


@pytest.fixture
def running(units):
    """Workers of BK: three with an email address in BK itself, one in BK-CK without."""
    survey = SurveyFactory(owner_unit=units["BK"], status="draft",
                           audience_staff_groups=["worker"])
    question = add_question(survey, Question.Kind.SINGLE, "Một", ["Có", "Không"])
    people = [member(units["BK"], email=f"dv{n}@example.vn", staff_group="worker")
              for n in range(3)]
    member(units["BK-CK"], email="", staff_group="worker")  # reached on paper only
    Survey.objects.filter(pk=survey.pk).update(status="open")
    survey.refresh_from_db()
    survey_sync_invitations(survey=survey)
    return survey, question, people


def links_in(message) -> list[str]:
    return re.findall(r"http://testserver/khao-sat/p/[\w-]+/", message.body)


def test_invitations_are_emailed_by_a_task_after_commit_with_working_links(
        client_for, accounts, running, client, django_capture_on_commit_callbacks):
    survey, question, people = running
    officer = client_for(accounts["officer"])
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = officer.post(reverse("surveys:invite", args=[survey.pk]), follow=True)
    assert len(callbacks) == 1  # queued on commit, not before
    assert "3 thư mời đang được gửi" in response.content.decode()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
    message = mail.outbox[0]
    assert survey.title in message.subject and "ẩn danh" in message.body
    [link] = links_in(message)
    client.logout()
    page = client.get(link.removeprefix("http://testserver"))
    assert page.status_code == 200 and "Gửi câu trả lời" in page.content.decode()
    assert Invitation.objects.filter(survey=survey, sent_at__isnull=False).count() == 3
    mail.outbox.clear()
    officer = client_for(accounts["officer"])
    with django_capture_on_commit_callbacks(execute=True):
        again = officer.post(reverse("surveys:invite", args=[survey.pk]), follow=True)
    assert not mail.outbox and "đều đã được mời" in again.content.decode()


def test_reminders_reach_only_those_who_have_not_answered(client_for, accounts, running,
                                                          django_capture_on_commit_callbacks):
    survey, question, people = running
    submit(survey, people[0], [AnswerData(question.pk, choice_id=choice(question, "Có").pk)])
    officer = client_for(accounts["officer"])
    with django_capture_on_commit_callbacks(execute=True):
        officer.post(reverse("surveys:remind", args=[survey.pk]))
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people[1:])
    assert all("Nhắc" in m.subject for m in mail.outbox)
    reminded = Invitation.objects.filter(survey=survey, reminder_count=1)
    assert set(reminded.values_list("user", flat=True)) == {p.pk for p in people[1:]}


def test_the_printable_page_has_a_link_and_a_qr_code_per_member_not_yet_answered(
        client_for, accounts, running, client):
    survey, question, people = running
    submit(survey, people[0], [AnswerData(question.pk, choice_id=choice(question, "Có").pk)])
    page = client_for(accounts["officer"]).get(reverse("surveys:print", args=[survey.pk]))
    html = page.content.decode()
    assert html.count('class="segno"') == 3  # two with email, one on paper only
    assert people[0].full_name not in html and people[1].full_name in html
    link = re.search(r"http://testserver(/khao-sat/p/[\w-]+/)", html).group(1)
    client.logout()
    assert client.get(link).status_code == 200
    by_unit = client_for(accounts["officer"]).get(
        reverse("surveys:print", args=[survey.pk]) + f"?don-vi={survey.owner_unit.pk}")
    assert by_unit.content.decode().count('class="segno"') == 3


def test_the_survey_page_shows_the_response_rate_per_unit(client_for, accounts, running,
                                                          units):
    survey, question, people = running
    submit(survey, people[0], [AnswerData(question.pk, choice_id=choice(question, "Có").pk)])
    page = client_for(accounts["officer"]).get(reverse("surveys:detail", args=[survey.pk]))
    rates = {r.group.label: (r.invited, r.answered) for r in page.context["rates"].rows}
    assert rates == {"Công đoàn Trường Đại học Bách khoa (đoàn viên trực thuộc)": (3, 1),
                     "Công đoàn bộ phận Khoa Cơ khí": (1, 0)}
    assert "<svg" in page.content.decode()


def test_invitations_cannot_be_sent_for_a_closed_survey(client_for, accounts, running):
    survey, question, people = running
    Survey.objects.filter(pk=survey.pk).update(status="closed")
    response = client_for(accounts["officer"]).post(reverse("surveys:invite",
                                                            args=[survey.pk]), follow=True)
    assert "chỉ gửi được khi khảo sát đang mở" in response.content.decode()
    assert not mail.outbox
