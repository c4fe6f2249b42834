"""Fifty concurrent submissions with one token store exactly one response (PostgreSQL,
real threads, real transactions)."""

import threading
import uuid

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from surveys.models import Answer, Invitation, Question, Response, Survey
from surveys.services import invitation_for
from surveys.tokens import token_for
from tests.services import need_postgres

from .factories import SurveyFactory, add_question, choice, member

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def build(units, people: int):
    survey = SurveyFactory(owner_unit=units["BK"], status="draft")
    one = add_question(survey, Question.Kind.SINGLE, "Đã đọc?", ["Có", "Không"], required=True)
    scale = add_question(survey, Question.Kind.LIKERT, "Hợp lý")
    Survey.objects.filter(pk=survey.pk).update(status="open")
    survey.refresh_from_db()
    invitations = [invitation_for(survey=survey, user=member(units["BK"]))
                   for _ in range(people)]
    return survey, one, scale, invitations


def run_together(count: int, work) -> list:
    """Start `count` threads at the same instant; each gets its own connection."""
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def run(index: int) -> None:
        try:
            barrier.wait(timeout=30)
            results[index] = work(index)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def test_fifty_concurrent_submissions_with_one_token_store_one_response(units):
    need_postgres()
    survey, one, scale, [invitation] = build(units, 1)
    url = reverse("surveys:answer_token", args=[token_for(invitation)])
    double_tap = str(uuid.uuid4())  # half the requests repeat one form, half are other forms

    def submit(index: int):
        key = double_tap if index % 2 else str(uuid.uuid4())
        response = Client().post(url, {"submission_key": key,
                                       f"q{one.pk}": str(choice(one, "Có").pk),
                                       f"q{scale.pk}": str(index % 5 + 1)})
        return response.status_code, response.content.decode()

    results = run_together(50, submit)
    assert not [r for r in results if not isinstance(r, tuple)], results
    assert Response.objects.filter(survey=survey).count() == 1
    assert Answer.objects.filter(response__survey=survey).count() == 2  # whole, not doubled
    assert Invitation.objects.get(pk=invitation.pk).used
    thanked = [r for r in results if r[0] == 302]
    refused = [r for r in results if r[0] == 200 and "Bạn đã trả lời khảo sát này" in r[1]]
    assert thanked and len(thanked) + len(refused) == 50


def test_many_members_answering_at_once_are_all_counted(units):
    need_postgres()
    survey, one, scale, invitations = build(units, 20)

    def submit(index: int):
        url = reverse("surveys:answer_token", args=[token_for(invitations[index])])
        return Client().post(url, {"submission_key": str(uuid.uuid4()),
                                   f"q{one.pk}": str(choice(one, "Không").pk)}).status_code

    assert run_together(20, submit) == [302] * 20
    assert Response.objects.filter(survey=survey).count() == 20
    assert Invitation.objects.filter(survey=survey, used=True).count() == 20


def test_the_submission_is_planned_once_per_connection(units):
    """Planning the one-statement submission costs more than running it, so each database
    connection prepares it once (Django turns psycopg's preparing off; the portal's settings
    let a statement that asks be prepared)."""
    need_postgres()
    survey, one, scale, invitations = build(units, 3)
    for invitation in invitations:
        url = reverse("surveys:answer_token", args=[token_for(invitation)])
        assert Client().post(url, {"submission_key": str(uuid.uuid4()),
                                   f"q{one.pk}": str(choice(one, "Có").pk)}).status_code == 302
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*), sum(generic_plans + custom_plans) "
                       "FROM pg_prepared_statements WHERE statement LIKE 'WITH claimed AS%%'")
        assert cursor.fetchone() == (1, 3)
    assert Response.objects.filter(survey=survey).count() == 3
