"""Removing what the database engine itself records about when rows were written.

A response and the invitation it used are written by one transaction, so on PostgreSQL
they carry the same transaction id in their hidden `xmin` column: whoever can run SQL on
the database could join them, whatever the schema says. Rows also sit on disk in the order
they were written (`ORDER BY ctid`), which follows the order of arrival and could be
matched against anything else that records when people answered.

Sealing an anonymous survey, in one transaction: rewrites its used invitations in place
(so they share the sealing transaction's id), copies all its responses and answers aside,
deletes them and writes them back in random order (so they too take that transaction id,
and their order on disk is a fresh shuffle of the whole survey), after first generalising
any stored profile that the audience no longer hides among K people. The tables are then
vacuumed so that no dead copy keeps the old order or ids. A survey with no new response
since its last sealing is skipped. Sealing runs every few minutes while surveys are open,
from beat and from a thread in every worker (`surveys.tasks`), so that it runs even if
beat does not, and once when a survey closes. SQLite keeps no such ids; there it only
generalises.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone

from ..models import AnonymityPlan, Answer, Invitation, Response, Survey
from .generalisation import audience_now, enforce, survey_plan_anonymity

RECENT = timedelta(days=2)
_LOCK = 360_10  # advisory lock key: one sealing of a survey at a time, across workers


def survey_seal(*, survey_id: int, force: bool = False) -> int:
    """Scramble the transaction ids and the order on disk of an anonymous survey's
    responses and answers (see the module docstring). Returns the number of responses
    rewritten (0 when skipped)."""
    survey = Survey.objects.select_related("owner_unit").filter(pk=survey_id).first()
    if survey is None or not survey.anonymous:
        return 0
    plan = AnonymityPlan.objects.filter(survey=survey).first()
    if plan is None:
        plan, force = survey_plan_anonymity(survey=survey), True
    count = Response.objects.filter(survey=survey).count()
    if not force and count == plan.sealed_responses:
        return 0
    if connection.vendor != "postgresql":
        enforce(survey=survey, audience=audience_now(survey))
        AnonymityPlan.objects.filter(survey=survey).update(sealed_responses=count)
        return 0
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s, %s)", [_LOCK, survey_id])
        if not cursor.fetchone()[0]:
            return 0  # another worker is sealing this survey right now
        enforce(survey=survey, audience=audience_now(survey))
        rewritten = _shuffle(cursor, survey_id)
        AnonymityPlan.objects.filter(survey=survey).update(sealed_responses=rewritten)
    if not connection.in_atomic_block:  # VACUUM cannot run inside a transaction
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM {Invitation._meta.db_table}, {Response._meta.db_table}, "
                           f"{Answer._meta.db_table}")
    return rewritten


def _shuffle(cursor, survey_id: int) -> int:
    t_invitation, t_response = Invitation._meta.db_table, Response._meta.db_table
    t_answer = Answer._meta.db_table
    cursor.execute(f"UPDATE {t_invitation} SET used = used WHERE survey_id = %s AND used",
                   [survey_id])
    cursor.execute("CREATE TEMP TABLE sealing_responses ON COMMIT DROP AS "
                   f"SELECT * FROM {t_response} WHERE survey_id = %s", [survey_id])
    cursor.execute("CREATE TEMP TABLE sealing_answers ON COMMIT DROP AS SELECT a.* "
                   f"FROM {t_answer} a JOIN sealing_responses r ON a.response_id = r.id")
    cursor.execute(f"DELETE FROM {t_answer} WHERE response_id IN "
                   "(SELECT id FROM sealing_responses)")
    # By id, not by survey: a response stored meanwhile by another transaction stays.
    cursor.execute(f"DELETE FROM {t_response} WHERE id IN (SELECT id FROM sealing_responses)")
    cursor.execute(f"INSERT INTO {t_response} SELECT * FROM sealing_responses "
                   "ORDER BY random()")
    rewritten = cursor.rowcount
    cursor.execute(f"INSERT INTO {t_answer} SELECT * FROM sealing_answers ORDER BY random()")
    return rewritten


def surveys_to_seal():
    """Anonymous surveys accepting answers or closed within the last two days, and those
    never planned (opened before plans existed: planned and sealed once)."""
    recently = timezone.now() - RECENT
    running = (Survey.objects.filter(anonymous=True).exclude(status=Survey.Status.DRAFT)
               .filter(closes_at__gte=recently, opens_at__lte=timezone.now()))
    unplanned = (Survey.objects.filter(anonymous=True, anonymity_plan__isnull=True)
                 .exclude(status=Survey.Status.DRAFT))
    return (running | unplanned).values_list("pk", flat=True)
