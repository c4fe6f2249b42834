"""Removing what the database engine itself records about when rows were written.

A response and the invitation it used are written by one transaction, so on PostgreSQL
they carry the same transaction id in their hidden `xmin` column: whoever can run SQL on
the database could join them, whatever the schema says. The transaction ids of responses
also follow the order in which they arrived, which can be matched against other rows
written just after them (a logged-in member's session, say).

Sealing rewrites, in one transaction, the used invitations of a survey and its responses
and answers of the last two days: they all take that transaction's id, so none can be told
from another by it. The invitation table is then vacuumed so that the rewritten versions
leave no dead copies behind. It runs every few minutes while surveys are open (a Celery
beat schedule, editable in the admin) and once when a survey closes. SQLite keeps no such
ids; there it does nothing.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone

from ..models import Answer, Invitation, Response, Survey

RECENT = timedelta(days=2)


def survey_seal(*, survey_id: int) -> int:
    """Give the survey's used invitations and recent responses and answers one transaction
    id. Returns the number of responses rewritten."""
    if connection.vendor != "postgresql":
        return 0
    since = timezone.localdate() - RECENT
    t_response = Response._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {Invitation._meta.db_table} SET used = used "
                       "WHERE survey_id = %s AND used", [survey_id])
        cursor.execute(f"UPDATE {t_response} SET submitted_on = submitted_on "
                       "WHERE survey_id = %s AND submitted_on >= %s", [survey_id, since])
        rewritten = cursor.rowcount
        cursor.execute(f"UPDATE {Answer._meta.db_table} SET lead = lead WHERE response_id IN "
                       f"(SELECT id FROM {t_response} WHERE survey_id = %s "
                       "AND submitted_on >= %s)", [survey_id, since])
    if not connection.in_atomic_block:  # VACUUM cannot run inside a transaction
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM {Invitation._meta.db_table}")
    return rewritten


def surveys_to_seal():
    """Surveys accepting answers, or closed within the last two days."""
    recently = timezone.now() - RECENT
    return (Survey.objects.exclude(status=Survey.Status.DRAFT)
            .filter(closes_at__gte=recently, opens_at__lte=timezone.now())
            .values_list("pk", flat=True))
