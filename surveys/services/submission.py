"""Storing a member's answers: once, whole, and (for an anonymous survey) unlinkably."""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import TYPE_CHECKING

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from portal.models import User

from ..models import AgeBand, Answer, Invitation, Respondent, Response, Survey
from ..questionnaire import AnswerData

if TYPE_CHECKING:
    from ..tokens import Link


class SubmissionRefused(Exception):
    """`reason` is one of: "used" (this person has already answered), "closed" (the survey
    is not accepting answers), "changed" (the questions changed while the person was
    answering), "stale" (the form's key belongs to another response)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Submission:
    response_id: uuid.UUID
    duplicate: bool  # True when this was a repeat of a submission already stored


def survey_submit(*, survey: Survey, invitation: Invitation, answers: Sequence[AnswerData],
                  key: uuid.UUID) -> Submission:
    """Store one response for `invitation`, validated against the survey's questionnaire
    as loaded with `survey`. See `submit_by_link`."""
    from ..tokens import Link

    return submit_by_link(link=Link(invitation.pk, survey.pk),
                          version=survey.structure_version, created_at=survey.created_at,
                          answers=answers, key=key)


def submit_by_link(*, link: Link, version: int, created_at: datetime,
                   answers: Sequence[AnswerData], key: uuid.UUID) -> Submission:
    """Store one response for the invitation of `link`, or recognise a repeat of the same
    form. `answers` were validated against version `version` of the questionnaire of the
    survey created at `created_at` (which tells it from any other survey that ever had the
    same id, as a test database may hand ids out again).

    One transaction (one statement on PostgreSQL), which stores nothing unless, at that
    moment, the survey is accepting answers, its questionnaire is still at `version`, and
    the invitation is unused. The conditional UPDATE of the invitation is the lock: of
    fifty concurrent submits with one link, the first sets `used` and the others wait for
    its row lock, then find it used and store nothing. A repeat carrying the same form key
    (a double tap, a retry after a timeout) then finds the stored response by its key and
    is reported as a duplicate; anything else is refused with its reason.

    The invitation records only that it was used. For an anonymous survey the response
    copies the invitation's kept profile (see `surveys.services.generalisation`) and no
    time at all; for an identified survey, the respondent's unit, staff group, gender and
    age band as they are today, and the day.
    `full_clean()` is not called per answer: the answer form has validated every value
    against the questionnaire, the database constraints hold the invariants, and a clean
    per row would cost queries on the busiest path of the portal."""
    store = (_store_in_one_statement if connection.vendor == "postgresql"
             else _store_in_a_transaction)
    try:
        stored = store(link=link, version=version, created_at=created_at, answers=answers,
                       key=key)
    except IntegrityError:
        # The form key is already taken by another response: nothing was stored, and this
        # invitation is still unused (the whole transaction rolled back).
        raise SubmissionRefused("stale") from None
    if stored is not None:
        return Submission(stored, duplicate=False)
    existing = (Response.objects.filter(submission_key=key, survey_id=link.survey_id)
                .values_list("id", flat=True).first())
    if existing is not None:
        return Submission(existing, duplicate=True)
    survey = Survey.objects.get(pk=link.survey_id)
    if not survey.is_accepting():
        raise SubmissionRefused("closed")
    if (survey.structure_version, survey.created_at) != (version, created_at):
        raise SubmissionRefused("changed")
    raise SubmissionRefused("used")


def _store_in_a_transaction(*, link: Link, version: int, created_at: datetime,
                            answers: Sequence[AnswerData], key: uuid.UUID) -> uuid.UUID | None:
    """The portable way: the checks and three writes in one transaction."""
    with transaction.atomic():
        survey = Survey.objects.filter(pk=link.survey_id, structure_version=version,
                                       created_at=created_at).first()
        if survey is None or not survey.is_accepting():
            return None
        claimed = Invitation.objects.filter(pk=link.invitation_id, survey=survey, used=False)
        invitation = claimed.first()
        if invitation is None or not claimed.update(used=True):
            return None
        return record_response(survey=survey, person=User.objects.get(pk=invitation.user_id),
                               answers=answers, key=key, on=timezone.localdate(),
                               invitation=invitation).id


def _store_in_one_statement(*, link: Link, version: int, created_at: datetime,
                            answers: Sequence[AnswerData], key: uuid.UUID) -> uuid.UUID | None:
    """PostgreSQL: the same checks and writes as `_store_in_a_transaction` in a single
    statement (data-modifying CTEs): one round trip, atomic as any statement is. The
    invitation's kept profile (anonymous) or the person's unit, group, gender and age band
    (identified) are read in the same statement."""
    today = timezone.localdate()
    response_id = uuid.uuid4()
    params: list = [link.invitation_id, link.survey_id, version, created_at, response_id,
                    link.survey_id, today, key]
    if answers:
        params.append(answers_json(answers))
    # Inside an outer transaction (a test, a management command) a savepoint keeps a
    # failure from spoiling it; on its own the statement is its own transaction.
    block = transaction.atomic() if connection.in_atomic_block else nullcontext()
    with block, connection.wrap_database_errors:
        cursor = prepared_cursor()
        cursor.execute(_statement(today.year, bool(answers)), params, prepare=True)
        (stored,) = cursor.fetchone()
    return response_id if stored else None


@lru_cache(maxsize=4)
def _statement(year: int, with_answers: bool) -> str:
    """The text of the submission statement (fixed for a year: the age bands count from it)."""
    t_invitation, t_survey = Invitation._meta.db_table, Survey._meta.db_table
    ctes = [
        f"claimed AS (UPDATE {t_invitation} i SET used = true FROM {t_survey} s "
        "WHERE i.id = %s AND i.survey_id = %s AND NOT i.used AND s.id = i.survey_id "
        "AND s.status = 'open' AND s.opens_at <= now() AND s.closes_at > now() "
        "AND s.structure_version = %s AND s.created_at = %s "
        "RETURNING i.user_id, s.anonymous, i.kept_unit_id, i.kept_staff_group, i.kept_gender, "
        "i.kept_age_band)",
        # An anonymous survey stores the invitation's kept profile and no day.
        "person AS (SELECT u.id, c.anonymous, CASE WHEN c.anonymous THEN c.kept_unit_id "
        "ELSE u.unit_id END AS unit_id, CASE WHEN c.anonymous THEN c.kept_staff_group "
        "ELSE u.staff_group END AS staff_group, CASE WHEN c.anonymous THEN c.kept_gender "
        "ELSE u.gender END AS gender, CASE WHEN c.anonymous THEN c.kept_age_band "
        f"ELSE {AgeBand.sql('u.birth_year', year)} END AS age_band "
        f"FROM {User._meta.db_table} u JOIN claimed c ON u.id = c.user_id)",
        f"response AS (INSERT INTO {Response._meta.db_table} (id, survey_id, submitted_on, "
        "submission_key, unit_id, staff_group, gender, age_band) "
        "SELECT %s, %s, CASE WHEN p.anonymous THEN NULL ELSE %s::date END, %s, p.unit_id, "
        "p.staff_group, p.gender, p.age_band FROM person p RETURNING id)",
        f"who AS (INSERT INTO {Respondent._meta.db_table} (response_id, user_id) "
        "SELECT r.id, p.id FROM response r, person p WHERE NOT p.anonymous)",
    ]
    if with_answers:
        # The answers travel as one JSON text, whatever their number: a fixed statement that
        # can stay prepared, and nearly nothing for the driver to convert. Their ids are
        # drawn by PostgreSQL, random like the response's.
        ctes.append(
            f"answered AS (INSERT INTO {Answer._meta.db_table} (id, response_id, question_id, "
            "choice_id, value, number, date, text, lead) SELECT gen_random_uuid(), response.id, "
            "v.q, v.c, v.v, v.n, v.d, coalesce(v.t, ''), coalesce(v.l, false) FROM response, "
            "json_to_recordset(%s::json) AS v (q bigint, c bigint, v smallint, n numeric, "
            "d date, t text, l boolean))")
    return f"WITH {', '.join(ctes)} SELECT count(*) FROM response"


def prepared_cursor():
    """A cursor of the current connection that binds parameters on the server, so that a
    statement can be prepared; one per connection, kept with it.

    The portal's cursors bind on the client (Django's default): each statement reaches
    PostgreSQL as new text and is planned again. Planning the submission's statement costs
    more than running it, so this one statement is prepared once per connection and then
    only executed. Call it inside `connection.wrap_database_errors`, so that database
    errors arrive as Django's exceptions. Its statements bypass Django's cursor wrapper,
    so they are not in `connection.queries`."""
    import psycopg

    connection.ensure_connection()
    kept = getattr(connection, "_surveys_prepared_cursor", None)
    if kept is None or kept.connection is not connection.connection or kept.closed:
        kept = psycopg.Cursor(connection.connection)
        connection._surveys_prepared_cursor = kept
    return kept


_ANSWERS_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def answers_json(answers: Sequence[AnswerData]) -> str:
    """The rows for `json_to_recordset`, with only the keys that have a value (a missing
    key reads as NULL): numbers and dates as text, which PostgreSQL reads exactly (a
    Decimal never passes through a float)."""
    rows = []
    for answer, lead in zip(answers, leads(answers), strict=True):
        row: dict = {"q": answer.question_id}
        if answer.choice_id is not None:
            row["c"] = answer.choice_id
        if answer.value is not None:
            row["v"] = answer.value
        if answer.number is not None:
            row["n"] = str(answer.number)
        if answer.date is not None:
            row["d"] = answer.date.isoformat()
        if answer.text:
            row["t"] = answer.text
        if lead:
            row["l"] = True
        rows.append(row)
    return _ANSWERS_JSON.encode(rows)


def leads(answers: Sequence[AnswerData]) -> list[bool]:
    """True for the first row of each question (see `Answer.lead`)."""
    seen: set[int] = set()
    out = []
    for answer in answers:
        out.append(answer.question_id not in seen)
        seen.add(answer.question_id)
    return out


def record_response(*, survey: Survey, person: User, answers: Sequence[AnswerData],
                    key: uuid.UUID, on: date, invitation: Invitation | None = None) -> Response:
    """Write a response and its answers: for an anonymous survey with the kept profile of
    the person's invitation and no day, otherwise with the snapshot of `person` on the day
    `on`.

    Claims no invitation: `submit_by_link` does that first, in the same transaction. Called
    directly only by the demo data and the benchmark, which mark invitations themselves."""
    if survey.anonymous:
        invitation = invitation or Invitation.objects.get(survey=survey, user=person)
        response = Response(survey=survey, submitted_on=None, submission_key=key,
                            unit_id=invitation.kept_unit_id,
                            staff_group=invitation.kept_staff_group,
                            gender=invitation.kept_gender, age_band=invitation.kept_age_band)
    else:
        response = Response(survey=survey, submitted_on=on, submission_key=key,
                            unit_id=person.unit_id, staff_group=person.staff_group,
                            gender=person.gender, age_band=AgeBand.of(person.birth_year, on))
    response.save(force_insert=True)
    Answer.objects.bulk_create([
        Answer(response=response, question_id=a.question_id, choice_id=a.choice_id,
               value=a.value, number=a.number, date=a.date, text=a.text, lead=lead)
        for a, lead in zip(answers, leads(answers), strict=True)])
    if not survey.anonymous:
        Respondent.objects.create(response=response, user=person)
    return response
