"""After close, the owner publishes chosen results to the respondents."""

import pytest
from django.urls import reverse

from surveys.models import Invitation, Question, Survey
from surveys.questionnaire import AnswerData as A
from surveys.tokens import token_for

from .factories import SurveyFactory, add_question, choice, member, submit

pytestmark = pytest.mark.django_db
K = Question.Kind


@pytest.fixture
def survey(units, accounts):
    survey = SurveyFactory(owner_unit=units["BK"], status="draft")
    one = add_question(survey, K.SINGLE, "Đã đọc?", ["Có", "Không"])
    scale = add_question(survey, K.LIKERT, "Hợp lý")
    note = add_question(survey, K.LONG_TEXT, "Góp ý")
    Survey.objects.filter(pk=survey.pk).update(status="open")
    survey.refresh_from_db()
    submit(survey, accounts["member"], [A(one.pk, choice(one, "Có").pk), A(scale.pk, value=4),
                                        A(note.pk, text="Bí mật của tôi")])
    return survey, one, scale, note


def test_results_cannot_be_published_while_the_survey_runs(client_for, accounts, survey):
    survey, one, scale, note = survey
    response = client_for(accounts["officer"]).post(
        reverse("surveys:publish", args=[survey.pk]), {"questions": [one.pk]}, follow=True)
    assert "Chỉ công bố được kết quả sau khi khảo sát đóng." in response.content.decode()
    assert not Question.objects.filter(publish_result=True).exists()


def test_the_owner_publishes_chosen_results_and_respondents_read_them(client_for, accounts,
                                                                      survey, client, units):
    survey, one, scale, note = survey
    for _ in range(4):  # an anonymous survey shows figures from its minimum group size on
        submit(survey, member(units["BK"]), [A(one.pk, choice(one, "Có").pk)])
    Survey.objects.filter(pk=survey.pk).update(status="closed")
    officer = client_for(accounts["officer"])
    url = reverse("surveys:publish", args=[survey.pk])
    form = officer.get(url).context["form"]
    assert note not in form.fields["questions"].queryset  # free text is never offered
    forged = officer.post(url, {"questions": [note.pk]})
    assert "lựa chọn hợp lệ" in " ".join(forged.context["form"].errors["questions"])
    officer.post(url, {"questions": [one.pk]})
    survey.refresh_from_db()
    assert survey.results_published

    page = client_for(accounts["member"]).get(reverse("surveys:published", args=[survey.pk]))
    html = page.content.decode()
    assert "Đã đọc?" in html and "100,0 %" in html
    assert "Hợp lý" not in html and "Bí mật" not in html
    mine = client_for(accounts["member"]).get(reverse("surveys:mine")).content.decode()
    assert survey.title in mine

    invitation = Invitation.objects.get(survey=survey, user=accounts["member"])
    client.logout()
    by_link = client.get(reverse("surveys:published_by_token", args=[token_for(invitation)]))
    assert by_link.status_code == 200 and "Đã đọc?" in by_link.content.decode()

    bystander = member(units["BK"])
    refused = client_for(bystander).get(reverse("surveys:published", args=[survey.pk]))
    assert refused.status_code == 403


def test_withdrawing_publication(client_for, accounts, survey):
    survey, one, scale, note = survey
    Survey.objects.filter(pk=survey.pk).update(status="closed")
    officer = client_for(accounts["officer"])
    officer.post(reverse("surveys:publish", args=[survey.pk]), {"questions": [one.pk]})
    officer.post(reverse("surveys:publish", args=[survey.pk]), {})
    survey.refresh_from_db()
    assert not survey.results_published
    page = client_for(accounts["member"]).get(reverse("surveys:published", args=[survey.pk]))
    assert "Chưa có kết quả công bố" in page.content.decode()
