"""Reads of the portal app that span models or depend on the viewer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from heapq import merge
from itertools import islice

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.db.models import Count, Q, Sum
from django.utils import timezone
from simple_history.models import HistoricalChanges

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


# --- audit history -------------------------------------------------------------------


def history_models() -> list[type]:
    return [m for m in apps.get_models() if issubclass(m, HistoricalChanges)]


@dataclass(frozen=True)
class AuditEntry:
    when: datetime
    who: User | None
    kind: str
    verb: str
    record: str
    changes: list[tuple[str, str, str]]
    reason: str


_VERBS = {"+": "created", "~": "changed", "-": "deleted"}


def _previous_versions(records) -> dict[int, object]:
    """For each change record (by its history id), the version just before it: one query
    per model rather than one per record."""
    by_model: dict[type, list] = {}
    for record in records:
        if record.history_type == "~":
            by_model.setdefault(type(record), []).append(record)
    previous: dict[int, object] = {}
    for model, changed in by_model.items():
        older = model.objects.filter(
            id__in={r.id for r in changed},
            history_date__lt=max(r.history_date for r in changed),
        ).order_by("id", "history_date")
        versions: dict[object, list] = {}
        for version in older:
            versions.setdefault(version.id, []).append(version)
        for record in changed:
            before = [v for v in versions.get(record.id, [])
                      if v.history_date < record.history_date]
            if before:
                previous[record.history_id] = before[-1]
    return previous


def _label(record) -> str:
    """The record as its model names it, built from the history row alone
    (`record.instance` reads the live row again to fill excluded fields)."""
    model = record.instance_type
    values = {f.attname: getattr(record, f.attname) for f in model._meta.concrete_fields
              if hasattr(record, f.attname)}
    return str(model(**values))


def _changes(record, previous) -> list[tuple[str, str, str]]:
    if previous is None:
        return []
    delta = record.diff_against(previous)
    out = []
    for change in delta.changes:
        field = record.instance_type._meta.get_field(change.field)
        out.append((str(field.verbose_name), str(change.old), str(change.new)))
    return out


def audit_entries(*, model_label: str | None = None, limit: int = 50) -> list[AuditEntry]:
    """The latest changes across every model with history, newest first."""
    streams = []
    for model in history_models():
        if model_label and model.instance_type._meta.label_lower != model_label:
            continue
        streams.append(
            model.objects.select_related("history_user").order_by("-history_date")[:limit]
        )
    records = list(islice(merge(*streams, key=lambda r: r.history_date, reverse=True), limit))
    previous = _previous_versions(records)
    return [
        AuditEntry(
            when=r.history_date,
            who=r.history_user,
            kind=str(r.instance_type._meta.verbose_name),
            verb=_VERBS[r.history_type],
            record=_label(r),
            changes=_changes(r, previous.get(r.history_id)) if r.history_type == "~" else [],
            reason=r.history_change_reason or "",
        )
        for r in records
    ]


def audit_models() -> list[tuple[str, str]]:
    return sorted(
        (m.instance_type._meta.label_lower, str(m.instance_type._meta.verbose_name_plural))
        for m in history_models()
    )


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
