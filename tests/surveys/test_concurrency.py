"""Concurrent submissions: fifty with one token store exactly one response (PostgreSQL,
real threads, real transactions), and on the embedded SQLite default a double tap or
parallel posts to a live server all end on the thank-you page."""

import threading
import urllib.error
import urllib.parse
import urllib.request
import uuid

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from surveys.models import Answer, Invitation, Question, Response, Survey
from surveys.services import invitation_for
from surveys.tokens import token_for
from surveys.views.answer import thanks_redirect
from tests.services import need_postgres

from .factories import SurveyFactory, add_question, choice, member

pytestmark = pytest.mark.django_db(transaction=True)
postgres = pytest.mark.postgres


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


@postgres
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
    refused = [r for r in results if r[0] == 200 and "Anh/chị đã trả lời khảo sát này" in r[1]]
    assert thanked and len(thanked) + len(refused) == 50


@postgres
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


@postgres
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


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def post_to(url: str, data: dict) -> tuple[int, str, str]:
    """A browser's POST to a live server: (status, Location, body); no redirect followed."""
    body = urllib.parse.urlencode(data, doseq=True).encode()
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(urllib.request.Request(url, data=body, method="POST"),
                         timeout=60) as reply:
            return reply.status, reply.headers.get("Location", ""), reply.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Location", ""), error.read().decode()


def test_parallel_posts_to_a_live_server_all_end_on_the_thank_you_page(live_server, units):
    """On SQLite (the embedded default) a double tap on "Gửi", a triple tap and members
    answering at the same moment each see the thank-you page: none gets a server error
    ("database is locked"), and each person is counted once."""
    survey, one, scale, invitations = build(units, 8)
    taps = 3  # the first invitation: the same form sent three times at once
    forms = [(invitations[0], "tap")] * taps + [(i, "own") for i in invitations[1:]]
    tap_key = str(uuid.uuid4())

    def submit(index: int):
        invitation, kind = forms[index]
        url = live_server.url + reverse("surveys:answer_token", args=[token_for(invitation)])
        return post_to(url, {"submission_key": tap_key if kind == "tap" else str(uuid.uuid4()),
                             f"q{one.pk}": str(choice(one, "Có").pk),
                             f"q{scale.pk}": "4" if kind == "tap" else str(index % 5 + 1)})

    for _round in range(3):
        results = run_together(len(forms), submit)
        assert not [r for r in results if not isinstance(r, tuple)], results
        assert [r[:2] for r in results] == [
            (302, thanks_redirect(survey.pk).url)] * len(forms), results
        assert Response.objects.filter(survey=survey).count() == len(invitations)
        Response.objects.filter(survey=survey).delete()
        Invitation.objects.filter(survey=survey).update(used=False)


def builder_race(units, accounts, rounds: int) -> list:
    """Move, copy and delete on one draft survey at the same instant, as three officers'
    tabs would: every request must end on a page with a message, never a server error."""
    from django.contrib.messages import get_messages

    officer = accounts["officer"]
    outcomes = []
    for _round in range(rounds):
        survey = SurveyFactory(owner_unit=units["BK"], status="draft", created_by=officer)
        first = add_question(survey, Question.Kind.SINGLE, "Một", ["A", "B"])
        second = add_question(survey, Question.Kind.SINGLE, "Hai", ["C", "D"],
                              condition=(first, ["A"]))
        add_question(survey, Question.Kind.SHORT_TEXT, "Ba")
        posts = [
            (reverse("surveys:question_move", args=[survey.pk, second.pk]), {"huong": "len"}),
            (reverse("surveys:copy", args=[survey.pk]), {}),
            (reverse("surveys:question_delete", args=[survey.pk, second.pk]), {}),
            (reverse("surveys:question_move", args=[survey.pk, second.pk]), {"huong": "xuong"}),
            (reverse("surveys:section_move", args=[survey.pk, first.section_id]),
             {"huong": "xuong"}),
            (reverse("surveys:delete", args=[survey.pk]), {}),
        ]

        def act(index: int, posts=posts):
            client = Client(raise_request_exception=False)
            own = type(officer).objects.get(pk=officer.pk)  # logging in writes on the user
            client.force_login(own, backend="portal.auth_backends.EmailOrUsernameBackend")
            url, data = posts[index]
            response = client.post(url, data)
            said = [str(m) for m in get_messages(response.wsgi_request)]
            return response.status_code, said

        outcomes.extend(run_together(len(posts), act))
    return outcomes


def assert_clear_outcomes(outcomes) -> None:
    """Each request ends on a page with what happened, or (a request that arrives after
    the survey was deleted) on the not-found page: never a server error."""
    assert not [o for o in outcomes if not isinstance(o, tuple)], outcomes
    assert [o for o in outcomes if o[0] not in (302, 404)] == [], outcomes


@postgres
def test_simultaneous_builder_actions_answer_a_message_not_an_error(units, accounts):
    need_postgres()
    outcomes = builder_race(units, accounts, rounds=5)
    assert_clear_outcomes(outcomes)
    assert any("người khác" in " ".join(said) for _status, said in outcomes)


def test_simultaneous_builder_actions_on_sqlite(units, accounts):
    outcomes = builder_race(units, accounts, rounds=3)
    assert_clear_outcomes(outcomes)
    assert any("Đã xóa bản nháp." in said for _status, said in outcomes)
