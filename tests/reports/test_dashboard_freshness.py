"""The dashboard is cached, but never stale: every kind of record it counts, changed in any
way a person can change it, shows on the next request (issue: a training's date moved and
the dashboard kept '100 % trained' for 15 minutes)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from collaborators.models import Collaborator, OpinionReport
from portal.periods import Period
from reports.cache import cached
from reports.dashboard import build_dashboard
from surveys.models import Invitation, Question
from surveys.questionnaire import AnswerData
from tests.collaborators.factories import (
    CollaboratorFactory,
    OpinionReportFactory,
    TrainingFactory,
    attend,
)
from tests.surveys.factories import SurveyFactory, add_question, member, submit

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
PERIOD = Period(TODAY - timedelta(days=9), TODAY)


def bk_cells(units) -> dict:
    """The committee's dashboard as a request gets it: from the cache when it can."""
    top = units["CDDHQG"]
    board = cached("dashboard", (top.pk, PERIOD.start, PERIOD.end),
                   lambda: build_dashboard(scope=top, period=PERIOD))
    row = next(r for r in board.rows if r.unit.code == "BK")
    return {key: cell.value for key, cell in row.cells.items()}


@pytest.fixture
def world(units):
    people = [CollaboratorFactory(unit=units["BK"]) for _ in range(4)]
    training = TrainingFactory(organiser=units["BK"], held_on=TODAY - timedelta(days=20))
    attend(training, *people)
    report = OpinionReportFactory(unit=units["BK"], created_at=timezone.now())
    survey = SurveyFactory(owner_unit=units["BK"], audience=[units["BK"]], status="draft")
    question = add_question(survey, Question.Kind.LIKERT, "Hài lòng")
    invited = [member(units["BK"]) for _ in range(2)]
    from surveys.services import survey_sync_invitations

    survey.status = "open"
    survey.save()
    survey_sync_invitations(survey=survey)
    return {"people": people, "training": training, "report": report, "survey": survey,
            "question": question, "invited": invited}


def test_a_training_moved_out_of_the_year_shows_at_once(world, units):
    assert bk_cells(units)["trained"] == 100
    training = world["training"]
    training.held_on = TODAY - timedelta(days=800)
    training.save()
    assert bk_cells(units)["trained"] == 0


@pytest.mark.parametrize("change,key,expected", [
    (lambda w, u: _end(w["people"][0]), "per_100", pytest.approx(3 * 100 / 900)),
    (lambda w, u: attend(TrainingFactory(organiser=u["BK"], held_on=TODAY),
                         CollaboratorFactory(unit=u["BK"])), "per_100",
     pytest.approx(5 * 100 / 900)),
    (lambda w, u: OpinionReportFactory(unit=u["BK"], created_at=timezone.now()),
     "opinions", 2),
    (lambda w, u: OpinionReport.objects.filter(pk=w["report"].pk).delete(), "opinions", 0),
    (lambda w, u: _urgent(w["report"]), "urgent", 1),
    (lambda w, u: _member_count(u["BK"], 400), "per_100", pytest.approx(4 * 100 / 400)),
    (lambda w, u: submit(w["survey"], w["invited"][0],
                         [AnswerData(w["question"].pk, value=4)]), "survey_rate", 50),
])
def test_every_counted_change_shows_on_the_next_request(world, units, change, key, expected):
    before = bk_cells(units)[key]
    change(world, units)
    assert bk_cells(units)[key] == expected != before


def test_a_used_invitation_changed_in_bulk_shows_too(world, units):
    assert bk_cells(units)["survey_rate"] == 0
    Invitation.objects.filter(user=world["invited"][0]).update(used=True)
    assert bk_cells(units)["survey_rate"] == 50


def _end(person):
    person.status = Collaborator.Status.ENDED
    person.save()


def _urgent(report):
    report.urgency = OpinionReport.Urgency.URGENT
    report.save()


def _member_count(unit, members):
    unit.member_count = members
    unit.save()
