"""Anonymous means unlinkable, even for whoever holds the database: proved on the schema
(the columns that exist) and on the data (where a response's values can be found)."""

import uuid

import pytest
from django.apps import apps
from django.db import connection, models
from django.urls import reverse

from portal.models import Unit
from surveys.models import Answer, Choice, Invitation, Question, Respondent, Response, Survey
from surveys.questionnaire import AnswerData
from surveys.tokens import token_for

from .factories import SurveyFactory, add_question, choice, member, submit

pytestmark = pytest.mark.django_db

RESPONSE_COLUMNS = {"id", "survey_id", "submitted_on", "submission_key", "unit_id",
                    "staff_group", "gender", "age_band"}
ANSWER_COLUMNS = {"id", "response_id", "question_id", "choice_id", "value", "number", "date",
                  "text", "lead"}
# What a response or an answer may point at: the questionnaire, and the unit snapshot.
ALLOWED_TARGETS = {Survey, Unit, Question, Choice, Response}
ALLOWED_TABLES = {m._meta.db_table for m in ALLOWED_TARGETS}


def columns(table: str) -> set[str]:
    with connection.cursor() as cursor:
        return {c.name for c in connection.introspection.get_table_description(cursor, table)}


@pytest.mark.parametrize("model,expected", [(Response, RESPONSE_COLUMNS),
                                            (Answer, ANSWER_COLUMNS)])
def test_no_column_of_a_response_or_answer_can_be_joined_to_a_person_or_invitation(model,
                                                                                 expected):
    table = model._meta.db_table
    # The database holds exactly these columns, and none of them is about a person, an
    # invitation, or a moment finer than the day.
    assert columns(table) == expected
    with connection.cursor() as cursor:
        relations = connection.introspection.get_relations(cursor, table)
    assert {other_table for _column, (_other, other_table) in relations.items()} <= ALLOWED_TABLES
    for field in model._meta.concrete_fields:
        assert not isinstance(field, models.DateTimeField | models.TimeField), field.name
        assert not isinstance(field, models.AutoField | models.BigAutoField), field.name
        if field.is_relation:
            assert field.related_model in ALLOWED_TARGETS, field.name
        assert getattr(field, "auto_now", False) is False
        assert getattr(field, "auto_now_add", False) is False
    assert isinstance(model._meta.pk, models.UUIDField)
    assert model._meta.pk.default is uuid.uuid4  # random; uuid1 would carry the time


def test_no_history_is_kept_of_invitations_responses_or_answers():
    kept = {m.instance_type for m in apps.get_models() if hasattr(m, "instance_type")}
    assert not kept & {Invitation, Response, Answer, Respondent}
    for field in Invitation._meta.concrete_fields:
        assert not getattr(field, "auto_now", False)


@pytest.fixture
def answered(units):
    survey = SurveyFactory(owner_unit=units["BK"], status="draft")
    question = add_question(survey, Question.Kind.SINGLE, "Có hay không?", ["Có", "Không"])
    text = add_question(survey, Question.Kind.SHORT_TEXT, "Ý kiến")
    Survey.objects.filter(pk=survey.pk).update(status="open")
    survey.refresh_from_db()
    person = member(units["BK-CK"], gender="male", birth_year=1985)
    return survey, question, text, person


def test_the_invitation_records_only_that_it_was_used(answered, client):
    survey, question, text, person = answered
    from surveys.services import invitation_for

    invitation = invitation_for(survey=survey, user=person)
    before = {f.attname: getattr(invitation, f.attname) for f in Invitation._meta.concrete_fields}
    url = reverse("surveys:answer_token", args=[token_for(invitation)])
    client.post(url, {"submission_key": str(uuid.uuid4()),
                      f"q{question.pk}": str(choice(question, "Có").pk)})
    invitation.refresh_from_db()
    after = {f.attname: getattr(invitation, f.attname) for f in Invitation._meta.concrete_fields}
    assert {k for k in before if before[k] != after[k]} == {"used"}


def test_a_response_is_found_nowhere_but_in_its_own_rows(answered, client):
    """Scan every text and key column of every table for the response's id and form key,
    and the response's rows for the invitation's id, token and the person's id."""
    survey, question, text, person = answered
    from surveys.services import invitation_for

    invitation = invitation_for(survey=survey, user=person)
    token = token_for(invitation)
    key = uuid.uuid4()
    client.post(reverse("surveys:answer_token", args=[token]),
                {"submission_key": str(key), f"q{question.pk}": str(choice(question, "Có").pk),
                 f"q{text.pk}": "Ý kiến riêng"})
    response = Response.objects.get()
    found = set()
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            for value in (response.id, key):
                if isinstance(field, models.UUIDField):
                    hit = model._default_manager.filter(**{field.attname: value}).exists()
                elif isinstance(field, models.CharField | models.TextField):
                    hit = model._default_manager.filter(
                        **{f"{field.attname}__icontains": str(value)}).exists()
                elif field.is_relation and field.related_model is Response:
                    hit = model._default_manager.filter(**{field.attname: value}).exists()
                else:
                    continue
                if hit:
                    found.add(f"{model._meta.label}.{field.attname}")
    assert found == {"surveys.Response.id", "surveys.Response.submission_key",
                     "surveys.Answer.response_id"}
    traces = {str(invitation.id), invitation.id.hex, token, person.username, person.full_name}
    for row in [*Response.objects.values(), *Answer.objects.values()]:
        for value in row.values():
            assert str(value) not in traces
    assert not Respondent.objects.exists()
    assert response.submitted_on is None  # no time at all, not even the day


def test_response_keys_are_random_not_sequential(answered):
    survey, question, text, _ = answered
    people = [member(survey.owner_unit) for _ in range(20)]
    created = [submit(survey, p, [AnswerData(question.pk, choice_id=choice(question, "Có").pk)])
               .response_id for p in people]
    assert all(key.version == 4 for key in created)
    assert sorted(created) != created  # 1 chance in 20! of being in order by luck
    keys = Answer.objects.values_list("id", flat=True)
    assert all(key.version == 4 for key in keys)


def test_a_profile_change_after_answering_neither_moves_nor_reidentifies_a_response(
        answered, units, settings):
    survey, question, text, person = answered
    settings.SURVEY_ANONYMITY_K = 1  # the exact profile is kept: see test_anonymity_k
    from surveys.services.generalisation import survey_plan_anonymity

    survey_plan_anonymity(survey=survey)
    submit(survey, person, [AnswerData(question.pk, choice_id=choice(question, "Có").pk)])
    before = Response.objects.values("unit_id", "gender", "age_band", "staff_group").get()
    person.unit, person.gender, person.birth_year = units["QT"], "female", 1999
    person.save()
    assert Response.objects.values("unit_id", "gender", "age_band",
                                   "staff_group").get() == before
    # The groups every breakdown shows come from the stored snapshot (one answer is too
    # few for an anonymous survey to show figures: the groups are read from the decision).
    from surveys.suppression import survey_decision

    assert [row.key for row in survey_decision(survey).rows("gender")] == ["male"]


def test_an_identified_survey_keeps_who_answered_apart_from_the_response(answered):
    survey, question, text, person = answered
    Survey.objects.filter(pk=survey.pk).update(anonymous=False)
    survey.refresh_from_db()
    result = submit(survey, person, [AnswerData(question.pk, choice_id=choice(question, "Có").pk)])
    assert Respondent.objects.get().user == person
    assert Respondent.objects.get().response_id == result.response_id
