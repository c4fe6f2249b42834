"""Storing a member's answers: once, whole, and (for an anonymous survey) unlinkably."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone

from ..models import AgeBand, Answer, Invitation, Respondent, Response, Survey
from ..questionnaire import AnswerData

if TYPE_CHECKING:
    from portal.models import User


class SubmissionRefused(Exception):
    """`reason` is one of: "used" (this person has already answered), "closed" (the survey
    is not accepting answers), "stale" (the form's key belongs to another response)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Submission:
    response_id: uuid.UUID
    duplicate: bool  # True when this was a repeat of a submission already stored


def survey_submit(*, survey: Survey, invitation: Invitation, answers: Sequence[AnswerData],
                  key: uuid.UUID) -> Submission:
    """Store one response for `invitation`, or recognise a repeat of the same form.

    One transaction. The conditional UPDATE on the invitation is the lock: of fifty
    concurrent submits with one token, the first sets `used` and the others wait for its
    row lock, then find `used` already true and match none. A repeat carrying the same form
    key (a double tap, a retry after a timeout) then finds the stored response by its key
    and is reported as a duplicate; any other gets "used".

    The invitation records only that it was used. The response copies the respondent's
    unit, staff group, gender and age band as they are today, and the day, nothing finer.
    `full_clean()` is not called per answer: the answer form has validated every value
    against the questionnaire, the database constraints hold the invariants, and a clean
    per row would cost queries on the busiest path of the portal."""
    if not survey.is_accepting():
        raise SubmissionRefused("closed")
    try:
        with transaction.atomic():
            claimed = Invitation.objects.filter(pk=invitation.pk, used=False).update(used=True)
            if not claimed:
                existing = (Response.objects.filter(submission_key=key, survey=survey)
                            .values_list("id", flat=True).first())
                if existing is None:
                    raise SubmissionRefused("used")
                return Submission(existing, duplicate=True)
            response = record_response(survey=survey, person=invitation.user,
                                       answers=answers, key=key, on=timezone.localdate())
            return Submission(response.id, duplicate=False)
    except IntegrityError:
        # The form key is already taken by another response: nothing was stored, and this
        # invitation is still unused (the whole transaction rolled back).
        raise SubmissionRefused("stale") from None


def record_response(*, survey: Survey, person: User, answers: Sequence[AnswerData],
                    key: uuid.UUID, on: date) -> Response:
    """Write a response and its answers, with the snapshot of `person` on the day `on`.

    Claims no invitation: `survey_submit` does that first, in the same transaction. Called
    directly only by the demo data and the benchmark, which mark invitations themselves."""
    response = Response(survey=survey, submitted_on=on, submission_key=key,
                        unit_id=person.unit_id, staff_group=person.staff_group,
                        gender=person.gender, age_band=AgeBand.of(person.birth_year, on))
    response.save(force_insert=True)
    Answer.objects.bulk_create([
        Answer(response=response, question_id=a.question_id, choice_id=a.choice_id,
               value=a.value, number=a.number, date=a.date, text=a.text) for a in answers])
    if not survey.anonymous:
        Respondent.objects.create(response=response, user=person)
    return response
