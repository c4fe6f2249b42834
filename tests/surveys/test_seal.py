"""Anonymity below the schema: PostgreSQL's hidden transaction ids (xmin) must not join a
response to the invitation it used (PostgreSQL only, real committed transactions); and
sealing runs from every worker, not only from beat."""

import pytest
from django.db import connection

from surveys.models import Answer, Invitation, Question, Response, Survey
from surveys.questionnaire import AnswerData
from surveys.services.anonymity import survey_seal, surveys_to_seal
from tests.services import need_postgres

from .factories import SurveyFactory, add_question, choice, member, submit


def xmins(model, **filters) -> list[int]:
    queryset = model.objects.filter(**filters).values("pk")
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT xmin::text::bigint FROM {model._meta.db_table} "
                       f"WHERE {model._meta.pk.column} IN ({sql})", params)
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_sealing_leaves_no_transaction_id_shared_by_a_response_and_its_invitation(units):
    need_postgres()
    survey = SurveyFactory(owner_unit=units["BK"], status="draft")
    question = add_question(survey, Question.Kind.SINGLE, "Có hay không?", ["Có", "Không"])
    Survey.objects.filter(pk=survey.pk).update(status="open")
    survey.refresh_from_db()
    for _ in range(3):
        submit(survey, member(units["BK"]),
               [AnswerData(question.pk, choice_id=choice(question, "Có").pk)])
    used = set(xmins(Invitation, survey=survey, used=True))
    # The threat, shown: each response shares its transaction id with one invitation.
    assert len(set(xmins(Response, survey=survey)) & used) == 3

    assert survey.pk in set(surveys_to_seal())
    assert survey_seal(survey_id=survey.pk) == 3

    responses = xmins(Response, survey=survey)
    answers = xmins(Answer, response__survey=survey)
    invitations = set(xmins(Invitation, survey=survey, used=True))
    assert len(set(responses)) == 1 and set(answers) == set(responses)
    assert len(invitations) == 1
    # All rewritten by the same sealing transaction: nothing tells one from another, and
    # nothing joins a response to an invitation more than to any other.
    assert invitations == set(responses)


def test_every_worker_seals_on_its_own_without_beat(monkeypatch, settings):
    """A worker starts a sealing loop when it is ready: sealing runs at once and then every
    SURVEY_SEAL_SECONDS, whether or not beat runs, until the worker shuts down."""
    import threading

    from surveys import tasks

    settings.SURVEY_SEAL_SECONDS = 0.01
    rounds = threading.Semaphore(0)
    monkeypatch.setattr(tasks, "seal_recent_submissions", lambda: rounds.release())
    tasks.start_sealing()
    try:
        assert all(rounds.acquire(timeout=5) for _ in range(3))  # at once, then again
    finally:
        tasks.stop_sealing()
    loops = [t for t in threading.enumerate() if t.name == "survey-sealing"]
    for thread in loops:
        thread.join(timeout=5)
    assert not any(t.is_alive() for t in loops)
