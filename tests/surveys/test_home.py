"""What the home page says about surveys, per role."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from surveys.models import Question, Survey

from .factories import SurveyFactory, add_question

pytestmark = pytest.mark.django_db


@pytest.fixture
def closing(units, accounts):
    survey = SurveyFactory(owner_unit=units["BK"], status="draft",
                           closes_at=timezone.now() + timedelta(days=2))
    add_question(survey, Question.Kind.LIKERT, "Hài lòng")
    from surveys.services import survey_open

    survey_open(survey=survey, by=accounts["officer"])
    return survey


def test_a_member_is_told_a_survey_waits_for_them(client_for, accounts, closing):
    page = client_for(accounts["member"]).get(reverse("home")).content.decode()
    assert "Khảo sát đang chờ anh/chị trả lời" in page
    assert reverse("surveys:answer_open", args=[closing.pk]) in page


def test_an_officer_is_told_to_remind_when_few_have_answered(client_for, accounts, closing):
    page = client_for(accounts["officer"]).get(reverse("home")).content.decode()
    assert "hãy gửi nhắc nhở" in page and "Khảo sát đang diễn ra" in page
    other = client_for(accounts["officer2"]).get(reverse("home")).content.decode()
    assert "hãy gửi nhắc nhở" not in other and closing.title not in other


def test_nothing_is_said_once_the_survey_is_closed(client_for, accounts, closing):
    Survey.objects.filter(pk=closing.pk).update(status="closed")
    page = client_for(accounts["member"]).get(reverse("home")).content.decode()
    assert "Khảo sát đang chờ anh/chị trả lời" not in page
