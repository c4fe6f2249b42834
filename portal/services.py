"""Writes of the portal app."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Unit, User, WorkerHeartbeat
from .permissions import require_change


def worker_heartbeat_record(*, hostname: str) -> None:
    WorkerHeartbeat.objects.update_or_create(
        hostname=hostname, defaults={"seen_at": timezone.now()}
    )


def worker_heartbeat_forget(*, hostname: str) -> None:
    WorkerHeartbeat.objects.filter(hostname=hostname).delete()


@transaction.atomic
def unit_update_member_count(*, unit: Unit, member_count: int, by: User) -> Unit:
    """Officers keep their units' member counts current: coverage ratios divide by them."""
    require_change(by, unit)
    unit.member_count = member_count
    unit._change_reason = "member count updated"  # kept in the unit's history
    unit.full_clean()
    unit.save(update_fields=["member_count"])
    return unit


@transaction.atomic
def tracked_item_progress(*, item, by: User, status: str, note: str = "",
                          evidence=None, evidence_link: str = "", today=None):
    """Report progress on a tracked item (see `portal.tracking`): its unit's officers, the
    units above, the committee, or the person in charge of it. Done items keep the day they
    were done; reopening one forgets it. Evidence files are checked by type, size and
    content. Raises PermissionDenied or ValidationError and then changes nothing."""
    from django.core.exceptions import PermissionDenied, ValidationError

    from .files import validate_upload
    from .permissions import can_change_unit
    from .text import nfc
    from .tracking import TrackedStatus

    if not (can_change_unit(by, item.unit) or (item.owner_id and item.owner_id == by.pk)):
        raise PermissionDenied
    if status not in TrackedStatus.values:
        raise ValidationError({"status": _("Choose one of the statuses offered.")})
    today = today or timezone.localdate()
    try:
        validate_upload(evidence)
    except ValidationError as error:
        raise ValidationError({"evidence": error.messages}) from None
    item.status, item.note = status, nfc(note).strip()
    item.evidence_link = (evidence_link or "").strip()
    if evidence:
        item.evidence = evidence
    if status == TrackedStatus.DONE:
        item.completed_on = item.completed_on or today
    else:
        item.completed_on = None
    item.full_clean()
    item._history_user = by
    item.save()
    return item
