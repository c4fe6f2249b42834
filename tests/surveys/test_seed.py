"""The demo data: a closed survey with a few hundred responses (kept only as precisely
as K invited people share), an open one the demo member can answer, and running it twice
adds nothing."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from surveys.models import Invitation, Response, Survey
from surveys.seed import CLOSED_TITLE, OPEN_TITLE
from surveys.selectors import survey_results

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(accounts):
    from surveys.seed import seed

    seed(stdout=io.StringIO())
    return accounts


def test_the_closed_survey_has_a_few_hundred_responses_with_small_units_hidden(seeded):
    closed = Survey.objects.get(title=CLOSED_TITLE)
    assert closed.status == "closed" and closed.anonymous
    assert 200 <= closed.responses.count() <= 400
    # The demo audience is small: what answers keep is generalised until at least K
    # invited people share it, and joining it to the user table names no one.
    from django.utils import timezone

    from .test_anonymity_k import attack, named

    assert named(attack(closed, timezone.localdate())) == 0
    assert not closed.responses.filter(unit__code__in=["BT", "CTHC", "MTTN"]).exists()
    assert closed.responses.exclude(gender="").exists()  # not everything was thrown away
    assert survey_results(closed, dimension="unit").questions[0].breakdown.cells
    assert closed.results_published


def test_the_demo_member_can_answer_the_open_survey(seeded, client_for):
    survey = Survey.objects.get(title=OPEN_TITLE)
    assert survey.is_accepting()
    assert not Invitation.objects.get(survey=survey, user=seeded["member"]).used
    client = client_for(seeded["member"])
    assert OPEN_TITLE in client.get(reverse("surveys:mine")).content.decode()
    assert "Gửi câu trả lời" in client.get(
        reverse("surveys:answer_open", args=[survey.pk])).content.decode()


def test_seeding_twice_adds_nothing(seeded):
    counts = (Survey.objects.count(), Response.objects.count(), Invitation.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    after = (Survey.objects.filter(title__in=[CLOSED_TITLE, OPEN_TITLE]).count(),)
    assert after == (2,)
    assert Response.objects.count() == counts[1]
    assert Survey.objects.filter(title=CLOSED_TITLE).count() == 1
