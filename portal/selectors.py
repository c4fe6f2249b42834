"""Reads of the portal app that span models or depend on the viewer."""

from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.db.models import Count, Q, Sum
from django.utils import timezone

from .history import history_models  # noqa: F401  (the crawl test lists models by it)
from .models import Unit, User, WorkerHeartbeat


def units_for(user: User):
    """Units the user may see, with their direct sub-unit and account counts."""
    return (
        Unit.objects.visible_to(user)
        .select_related("parent")
        .annotate(
            child_count=Count("children", distinct=True),
            account_count=Count("users", filter=Q(users__is_active=True), distinct=True),
        )
        .order_by("path")  # Meta.ordering is not applied to aggregating queries
    )


def unit_totals(units) -> dict:
    return units.aggregate(
        unit_count=Count("id"),
        member_total=Sum("member_count", filter=Q(kind=Unit.Kind.GRASSROOTS)),
        grassroots_count=Count("id", filter=Q(kind=Unit.Kind.GRASSROOTS)),
        missing_members=Count("id", filter=Q(member_count=0, is_active=True)),
    )


def unit_role_counts(unit: Unit) -> dict[str, int]:
    rows = (
        User.objects.filter(unit__path__startswith=unit.path, is_active=True)
        .values("role")
        .annotate(n=Count("id"))
    )
    return {row["role"]: row["n"] for row in rows}


def units_missing_member_count(user: User):
    return Unit.objects.changeable_by(user).active().filter(member_count=0)


# --- health --------------------------------------------------------------------------


def database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        return False


def broker_ok() -> bool:
    from .celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, timeout=2)
        return True
    except Exception:
        return False


def live_workers() -> list[str]:
    cutoff = timezone.now() - settings.WORKER_STALE_AFTER
    try:
        return list(
            WorkerHeartbeat.objects.filter(seen_at__gte=cutoff).values_list("hostname", flat=True)
        )
    except Exception:
        return []
