"""With the Redis cache unreachable, cached pages compute their figures instead of
answering 500, and answering a survey keeps working."""

import socket
import uuid

import pytest
from django.core.cache import cache
from django.urls import reverse

from surveys.models import Question, Response
from surveys.tokens import token_for
from tests.services import need_redis
from tests.surveys.factories import SurveyFactory, add_question, choice, member

pytestmark = pytest.mark.django_db


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {"default": {
        "BACKEND": "portal.cache.ForgivingRedisCache",
        "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }}


@pytest.fixture
def survey(units):
    survey = SurveyFactory(owner_unit=units["BK"])
    question = add_question(survey, Question.Kind.SINGLE, "Đã đọc?", ["Có", "Không"])
    return survey, question


def answer(client, survey, question, person):
    invitation = survey.invitations.get(user=person)
    return client.post(reverse("surveys:answer_token", args=[token_for(invitation)]), {
        "submission_key": str(uuid.uuid4()),
        f"q{question.pk}": str(choice(question, "Có").pk)})


def test_the_cache_reads_as_empty_and_writes_as_nothing(redis_down):
    assert cache.get("k") is None and cache.get("k", 7) == 7
    cache.set("k", 1)
    assert cache.get_or_set("k", 3) == 3
    assert cache.get_many(["k"]) == {} and not cache.add("k", 1) and not cache.has_key("k")
    cache.delete("k")


def test_results_and_dashboard_are_computed_with_redis_down(redis_down, client_for, accounts,
                                                           survey, units):
    survey, question = survey
    type(survey).objects.filter(pk=survey.pk).update(status="closed")  # figures once over
    client = client_for(accounts["committee"])
    results = client.get(reverse("surveys:results", args=[survey.pk]))
    assert results.status_code == 200 and "Đã đọc?" in results.content.decode()
    assert client.get(reverse("reports:dashboard")).status_code == 200


def test_survey_answers_are_stored_with_redis_down(redis_down, client, survey, units):
    survey, question = survey
    person = member(units["BK"])
    from surveys.services import survey_sync_invitations

    survey_sync_invitations(survey=survey)
    assert answer(client, survey, question, person).status_code == 302
    assert Response.objects.filter(survey=survey).count() == 1


def test_a_reachable_redis_is_used(settings):
    url = need_redis()
    settings.CACHES = {"default": {"BACKEND": "portal.cache.ForgivingRedisCache",
                                   "LOCATION": url, "KEY_PREFIX": f"t{uuid.uuid4().hex}"}}
    cache.set("k", {"a": 1})
    assert cache.get("k") == {"a": 1}
    assert cache.add("n", 1) and cache.incr("n") == 2
    cache.delete_many(["k", "n"])
