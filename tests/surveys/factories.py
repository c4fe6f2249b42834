"""Surveys for tests, built the way the builder builds them."""

from __future__ import annotations

import uuid
from datetime import timedelta

import factory
from django.utils import timezone

from surveys.models import Choice, Question, Section, Survey
from surveys.questionnaire import AnswerData
from surveys.services import invitation_for, survey_submit, survey_sync_invitations
from tests.factories import UserFactory


class SurveyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Survey
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Khảo sát thử {n}")
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    status = Survey.Status.OPEN
    anonymous = True

    @factory.post_generation
    def audience(self, create, extracted, **kwargs):
        if create:
            self.audience_units.set(extracted or [self.owner_unit])
            Section.objects.create(survey=self, title="Phần 1", position=0)
            if self.status == Survey.Status.OPEN:
                survey_sync_invitations(survey=self)


def add_question(survey: Survey, kind: str, text: str = "", choices=(), section=None,
                 condition=None, **fields) -> Question:
    section = section or survey.sections.order_by("position").first()
    position = section.questions.count()
    question = Question.objects.create(
        survey=survey, section=section, kind=kind, position=position,
        text=text or f"Câu hỏi {kind} {position}", **fields)
    for index, label in enumerate(choices):
        Choice.objects.create(question=question, label=label, position=index)
    if condition:
        source, labels = condition
        question.condition_question = source
        question.save()
        question.condition_choices.set(source.choices.filter(label__in=labels))
    Survey.objects.filter(pk=survey.pk).update(structure_version=survey.structure_version + 1)
    survey.refresh_from_db()
    return question


def choice(question: Question, label: str) -> Choice:
    return question.choices.get(label=label)


def member(unit, **fields):
    return UserFactory(unit=unit, **fields)


def submit(survey: Survey, user, rows: list[AnswerData]):
    """Answer as `user` through the submission service."""
    invitation = invitation_for(survey=survey, user=user)
    return survey_submit(survey=survey, invitation=invitation, answers=rows, key=uuid.uuid4())


def open_yes_no_survey(owner, **fields) -> tuple[Survey, Question]:
    """An open survey of `owner` with one yes/no question (Có / Không), audience invited."""
    survey = SurveyFactory(owner_unit=owner, status="draft", **fields)
    question = add_question(survey, Question.Kind.SINGLE, "Có hay không?", ["Có", "Không"])
    Survey.objects.filter(pk=survey.pk).update(status="open")
    survey.refresh_from_db()
    survey_sync_invitations(survey=survey)
    return survey, question
