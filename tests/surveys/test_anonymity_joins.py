"""The joins of issue 10, each tried on PostgreSQL on a survey answered through its real
links: stored attributes, order on disk (ctid), transaction ids (xmin), the access log of
a real gunicorn, and the session row of a logged-in member. None names anyone."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from surveys.models import Answer, Invitation, Response
from surveys.services import invitation_for
from surveys.services.anonymity import survey_seal
from surveys.tokens import token_for
from tests.services import need_postgres
from tests.workers import worker_env

from .factories import choice, member, open_yes_no_survey
from .test_anonymity_k import K, attack, audience_with_small_groups, named

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def answered(units):
    """A survey of BK with small groups at several levels, answered in a known order
    through each person's link."""
    need_postgres()
    people = audience_with_small_groups(units)
    survey, question = open_yes_no_survey(units["BK"])
    from django.test import Client

    client = Client()
    order = []
    for person in people:
        token = token_for(Invitation.objects.get(survey=survey, user=person))
        reply = client.post(reverse("surveys:answer_token", args=[token]),
                            {"submission_key": str(uuid.uuid4()),
                             f"q{question.pk}": str(choice(question, "Có").pk)})
        assert reply.status_code == 302
        order.append(person)
    return survey, question, order


def physical_order(model, **filters) -> list:
    ids = set(model.objects.filter(**filters).values_list("pk", flat=True))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM {model._meta.db_table} ORDER BY ctid")
        return [row[0] for row in cursor.fetchall() if row[0] in ids]


def xmins(table: str, where: str, params) -> set[int]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT DISTINCT xmin::text::bigint FROM {table} WHERE {where}", params)
        return {row[0] for row in cursor.fetchall()}


def rank_correlation(a: list, b: list) -> float:
    n = len(a)
    rank = {x: i for i, x in enumerate(b)}
    d2 = sum((i - rank[x]) ** 2 for i, x in enumerate(a))
    return 1 - 6 * d2 / (n * (n * n - 1))


def test_the_stored_attributes_join_to_no_fewer_than_k_invited_people(answered):
    survey, _question, order = answered
    counts = attack(survey, timezone.localdate())
    assert len(counts) == len(order) and named(counts) == 0
    assert min(broad for _literal, broad in counts) >= K


def test_after_sealing_neither_order_on_disk_nor_transaction_ids_follow_arrival(answered):
    survey, _question, order = answered
    arrived = physical_order(Response, survey=survey)
    # The threat, shown: before sealing, rows sit in arrival order, one transaction each,
    # shared with the invitation each used.
    assert len(xmins(Response._meta.db_table, "survey_id = %s", [survey.pk])) == len(order)
    assert survey_seal(survey_id=survey.pk) == len(order)

    shuffled = physical_order(Response, survey=survey)
    assert sorted(map(str, shuffled)) == sorted(map(str, arrived))
    assert shuffled != arrived and abs(rank_correlation(shuffled, arrived)) < .6
    answers = physical_order(Answer, response__survey=survey)
    by_response = dict(Answer.objects.filter(response__survey=survey)
                       .values_list("pk", "response_id"))
    assert [by_response[a] for a in answers] != arrived
    t_response, t_answer = Response._meta.db_table, Answer._meta.db_table
    one = xmins(t_response, "survey_id = %s", [survey.pk])
    assert len(one) == 1
    assert xmins(t_answer, f"response_id IN (SELECT id FROM {t_response} WHERE survey_id = %s)",
                 [survey.pk]) == one
    assert xmins(Invitation._meta.db_table, "survey_id = %s AND used", [survey.pk]) == one
    # Nothing new since: a second sealing is skipped, and forcing it shuffles again.
    assert survey_seal(survey_id=survey.pk) == 0
    assert survey_seal(survey_id=survey.pk, force=True) == len(order)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_shipped_gunicorn_logs_answer_links_without_their_token(units, tmp_path):
    need_postgres()
    survey, question = open_yes_no_survey(units["BK"])
    person = member(units["BK"])
    token = token_for(invitation_for(survey=survey, user=person))
    port, log = free_port(), tmp_path / "access.log"
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--workers", "1",
         "portal.wsgi:application"], cwd=settings.BASE_DIR, start_new_session=True,
        env=worker_env(GUNICORN_BIND=f"127.0.0.1:{port}", GUNICORN_ACCESS_LOG=str(log),
                       GUNICORN_ERROR_LOG=str(tmp_path / "error.log")),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    url = f"{base}/khao-sat/p/{token}/"
    try:
        deadline = time.monotonic() + 120  # a loaded machine may take long to start
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=30)
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(.5)
        page = urllib.request.urlopen(url, timeout=60).read().decode()
        assert "Có hay không?" in page
        body = (f"submission_key={uuid.uuid4()}&q{question.pk}="
                f"{choice(question, 'Có').pk}").encode()
        posted = urllib.request.Request(url, data=body, headers={"Referer": url})
        urllib.request.urlopen(posted, timeout=60)  # follows to the thank-you page
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
    assert Response.objects.filter(survey=survey).count() == 1
    written = log.read_text()
    assert 'POST /khao-sat/p/<token>/' in written and 'GET /khao-sat/p/<token>/' in written
    assert token not in written and token[:10] not in written
    assert token not in (tmp_path / "error.log").read_text()


def test_answering_logged_in_leaves_the_session_row_untouched(units, client_for):
    need_postgres()
    survey, question = open_yes_no_survey(units["BK"])
    person = member(units["BK"])
    client = client_for(person)
    client.get(reverse("surveys:mine"))
    key = client.session.session_key

    def row():
        return Session.objects.filter(session_key=key).values_list("expire_date",
                                                                   "session_data").get()

    def xmin():
        with connection.cursor() as cursor:
            cursor.execute("SELECT xmin::text FROM django_session WHERE session_key = %s",
                           [key])
            return cursor.fetchone()[0]

    before, before_xmin = row(), xmin()
    open_url = reverse("surveys:answer_open", args=[survey.pk])
    token_url = reverse("surveys:answer_token",
                        args=[token_for(invitation_for(survey=survey, user=person))])
    assert client.get(open_url).status_code == 200
    assert client.get(token_url).status_code == 200
    reply = client.post(open_url, {"submission_key": str(uuid.uuid4()),
                                   f"q{question.pk}": str(choice(question, "Có").pk)})
    assert reply.status_code == 302 and client.get(reply.url).status_code == 200
    client.post(token_url, {"submission_key": str(uuid.uuid4())})
    assert Response.objects.filter(survey=survey).count() == 1
    assert (row(), xmin()) == (before, before_xmin)  # not saved, not even rewritten
    # Elsewhere the session is still saved at each request (the idle timeout holds).
    time.sleep(1.1)
    client.get(reverse("surveys:mine"))
    assert row()[0] > before[0]
