"""Writes of the portal app."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from .models import Unit, User, WorkerHeartbeat


def worker_heartbeat_record(*, hostname: str) -> None:
    WorkerHeartbeat.objects.update_or_create(
        hostname=hostname, defaults={"seen_at": timezone.now()}
    )


def worker_heartbeat_forget(*, hostname: str) -> None:
    WorkerHeartbeat.objects.filter(hostname=hostname).delete()


@transaction.atomic
def unit_update_member_count(*, unit: Unit, member_count: int, by: User) -> Unit:
    """Officers keep their units' member counts current: coverage ratios divide by them."""
    unit.member_count = member_count
    unit._change_reason = "member count updated"  # kept in the unit's history
    unit.full_clean()
    unit.save(update_fields=["member_count"])
    return unit
