"""Writing a checked sheet: keep it for the preview, then check it again and write all of
it in one transaction with bulk statements (and their history), or nothing."""

from __future__ import annotations

import tempfile
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.models import Unit, User

from ..models import Collaborator, ImportBatch
from ..normalise import compose_text_fields
from .limits import CHUNK, copy_in_chunks
from .plan import LOOKUP_CHUNK, ImportPlan, plan_roster_import
from .rejected import rejected_workbook
from .sheet import check_workbook


class ImportRejected(Exception):
    def __init__(self, plan: ImportPlan):
        super().__init__(plan.file_error or f"{len(plan.errors)} errors")
        self.plan = plan


def _apply(plan: ImportPlan, by: User, reason: str) -> None:
    from simple_history.utils import bulk_create_with_history, bulk_update_with_history

    today, now = timezone.localdate(), timezone.now()
    new = []
    for row in plan.to_create:
        collaborator = Collaborator(**{"joined_on": today, "status_since": today, **row.values})
        compose_text_fields(collaborator)  # bulk writes skip every save() hook
        collaborator.refresh_derived()
        # Everything was checked per row and across the sheet; the per-object uniqueness and
        # foreign-key queries of a full_clean() are what bulk writing exists to avoid.
        collaborator.full_clean(exclude=["unit", "account"], validate_unique=False,
                                validate_constraints=False)
        new.append(collaborator)
    changed_fields: set[str] = {"search_text", "sort_given", "sort_rest", "updated_at"}
    updated = []
    for row in plan.to_update:
        collaborator = row.existing
        assert collaborator is not None
        status_before = collaborator.status
        for key, value in row.values.items():
            setattr(collaborator, key, value)
            changed_fields.add(key)
        if collaborator.status != status_before and "status_since" not in row.values:
            collaborator.status_since = today
            changed_fields.add("status_since")
        collaborator.updated_at = now
        compose_text_fields(collaborator)
        collaborator.refresh_derived()
        collaborator.full_clean(exclude=["unit", "account"], validate_unique=False,
                                validate_constraints=False)
        updated.append(collaborator)
    bulk_create_with_history(new, Collaborator, batch_size=LOOKUP_CHUNK, default_user=by,
                             default_change_reason=reason)
    if updated:
        bulk_update_with_history(updated, Collaborator, sorted(changed_fields),
                                 batch_size=LOOKUP_CHUNK, default_user=by,
                                 default_change_reason=reason)


@transaction.atomic
def roster_import_preview(*, upload: UploadedFile, by: User) -> ImportBatch:
    """Keep the uploaded sheet (privately) for its preview, once it is known to be a
    workbook of a sensible size; stale sheets are deleted (`_discard_stale`)."""
    if not Unit.objects.changeable_by(by).exists():
        raise PermissionDenied  # only those who keep a unit's roster upload one
    with tempfile.SpooledTemporaryFile(max_size=CHUNK * 16) as copy:
        copy_in_chunks(upload, copy)  # refused as soon as it passes the limit
        check_workbook(copy)  # a zip bomb is refused before it is stored or opened
        _discard_stale(by)
        batch = ImportBatch(created_by=by, file_name=(upload.name or "")[-200:])
        batch.file.save("roster.xlsx", File(copy), save=False)
    batch.save()
    return batch


def _discard_stale(by: User) -> None:
    """Sheets never confirmed (this person's earlier ones, and anyone's older than a day),
    and sheets of rejected rows older than a day: they hold phones and emails for nothing."""
    old = Q(created_at__lt=timezone.now() - timedelta(days=1))
    stale = ImportBatch.objects.filter(Q(created_by=by) | old,
                                       status=ImportBatch.Status.PREVIEWED)
    for batch in stale:
        batch.file.delete(save=False)
        batch.delete()
    for batch in ImportBatch.objects.filter(old).exclude(rejected_file=""):
        batch.rejected_file.delete(save=False)
        batch.save(update_fields=["rejected_file"])


def roster_import_plan(batch: ImportBatch, by: User) -> ImportPlan:
    if not batch.file:
        return ImportPlan(file_error=_("This file has already been imported."))
    with batch.file.open("rb") as handle:
        return plan_roster_import(fileobj=handle, user=by)


def roster_import_confirm(*, batch: ImportBatch, by: User,
                          valid_rows_only: bool = False) -> ImportBatch:
    """Check the kept sheet again and write all of it in one transaction, or nothing
    (raising ImportRejected with the new plan). Confirming twice imports once.

    With `valid_rows_only`, the rows that pass the checks now are written (in one
    transaction) and the others are kept as a sheet to fix and upload again
    (`batch.rejected_file`, with a reason per row)."""
    if batch.created_by_id != by.pk:
        raise PermissionDenied  # only the person who uploaded it confirms it
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk, created_by=by)
        if batch.status == ImportBatch.Status.APPLIED:
            return batch
        plan = roster_import_plan(batch, by)
        if not (plan.can_confirm or valid_rows_only and plan.can_import_valid):
            raise ImportRejected(plan)
        try:
            with transaction.atomic():
                _apply(plan, by, _("Imported from %(file)s") % {"file": batch.file_name})
        except IntegrityError:
            # Someone saved the same email or phone between our check and our write.
            plan.file_error = _("The roster changed while you were importing; upload the file "
                                "again to see the new preview.")
            raise ImportRejected(plan) from None
        batch.status = ImportBatch.Status.APPLIED
        batch.applied_at = timezone.now()
        batch.created_count, batch.updated_count = len(plan.to_create), len(plan.to_update)
        if plan.errors:
            batch.rejected_count = plan.error_rows
            batch.rejected_file.save("rejected.xlsx", ContentFile(rejected_workbook(plan)),
                                     save=False)
        # The sheet holds people's phones and emails: once applied, only the counts are kept.
        stored, storage = batch.file.name, batch.file.storage
        batch.file = ""
        batch.save()
        transaction.on_commit(lambda: storage.delete(stored))
    return batch
