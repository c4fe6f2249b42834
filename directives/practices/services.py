"""Writes of the good-practice library: keyword-only, atomic, validated before saving.

`require_change(by, unit)` first, as everywhere: a practice is changed by its unit's
officers (and those above, and the committee); an adoption is recorded by the adopting
unit's officers; only the committee endorses."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.files import validate_upload
from portal.markup import plain
from portal.models import Unit, User
from portal.permissions import require_change
from portal.text import fold, nfc

from .models import Adoption, Attachment, Practice, Tag

PRACTICE_FIELDS = ("unit", "title", "summary", "body", "area", "survey_before", "survey_after",
                   "figures")
MAX_TAGS = 8


def search_text(practice: Practice, tags: Iterable[Tag] = ()) -> str:
    """What the library's search reads: title, summary, body words, tags, unit, folded."""
    words = [practice.title, practice.summary, plain(practice.body),
             *(t.name for t in tags), practice.unit.name, practice.unit.code]
    return fold(" ".join(words))


def tags_from(names: Iterable[str]) -> list[Tag]:
    """The tags named, made once each: "Khảo sát" and "khao sat" are one tag."""
    found: dict[str, Tag] = {}
    for name in names:
        name = " ".join(nfc(name).split())[:50]
        key = fold(name)
        if not key or key in found:
            continue
        tag = Tag.objects.filter(key=key).first() or Tag.objects.create(name=name, key=key)
        found[key] = tag
    if len(found) > MAX_TAGS:
        raise ValidationError(_("At most %(n)s tags.") % {"n": MAX_TAGS}, code="tags")
    return list(found.values())


def _save(practice: Practice, *, tags: Iterable[str] | None, by: User) -> Practice:
    practice._history_user = by  # type: ignore[attr-defined]
    practice.full_clean()
    chosen = tags_from(tags) if tags is not None else list(practice.tags.all())
    practice.search = search_text(practice, chosen)
    practice.save()
    if tags is not None:
        practice.tags.set(chosen)
    return practice


def _attach(practice: Practice, upload: Any, by: User) -> Attachment | None:
    if not upload:
        return None
    validate_upload(upload)
    attachment = Attachment(practice=practice, file=upload, uploaded_by=by,
                            name=nfc(upload.name)[:200])
    attachment._history_user = by  # type: ignore[attr-defined]
    attachment.full_clean()
    attachment.save()
    return attachment


def _check_surveys(data: Mapping[str, Any], unit: Unit) -> None:
    from .selectors import evidence_surveys

    allowed = evidence_surveys(unit)
    for field in ("survey_before", "survey_after"):
        survey = data.get(field)
        if survey is not None and not allowed.filter(pk=survey.pk).exists():
            raise ValidationError({field: _("Choose one of the unit's closed surveys.")},
                                  code="survey")


@transaction.atomic
def practice_create(*, data: Mapping[str, Any], by: User, tags: Iterable[str] = (),
                    attachment: Any = None, inspection: Any = None,
                    review: Any = None) -> Practice:
    require_change(by, data["unit"])
    _check_surveys(data, data["unit"])
    practice = Practice(created_by=by, **{f: data[f] for f in PRACTICE_FIELDS if f in data})
    _link_source(practice, inspection=inspection, review=review)
    _save(practice, tags=tags, by=by)
    _attach(practice, attachment, by)
    return practice


def _link_source(practice: Practice, *, inspection: Any, review: Any) -> None:
    """Where the practice was found: an inspection or a review (the inspections app)."""
    for field, value in (("inspection", inspection), ("review", review)):
        if value is not None and hasattr(practice, f"{field}_id"):
            setattr(practice, field, value)


@transaction.atomic
def practice_update(*, practice: Practice, data: Mapping[str, Any], by: User,
                    tags: Iterable[str] | None = None, attachment: Any = None) -> Practice:
    require_change(by, practice.unit)  # the unit it belongs to now
    for field in PRACTICE_FIELDS:
        if field in data:
            setattr(practice, field, data[field])
    require_change(by, practice.unit)  # and the one it moves to
    _check_surveys(data, practice.unit)
    _save(practice, tags=tags, by=by)
    _attach(practice, attachment, by)
    return practice


@transaction.atomic
def practice_publish(*, practice: Practice, by: User) -> Practice:
    """Open the practice to everyone signed in."""
    require_change(by, practice.unit)
    if not practice.is_published:
        practice.status = Practice.Status.PUBLISHED
        practice.published_at = timezone.now()
        _save(practice, tags=None, by=by)
    return practice


@transaction.atomic
def practice_endorse(*, practice: Practice, note: str, by: User) -> Practice:
    """The committee recommends the practice for replication, with a note."""
    require_change(by, practice.unit)
    if not by.is_committee:
        raise PermissionDenied
    if not practice.is_published:
        raise ValidationError(_("Only a published practice can be endorsed."), code="draft")
    practice.endorsed_at = timezone.now()
    practice.endorsed_by = by
    practice.endorsement_note = note
    return _save(practice, tags=None, by=by)


@transaction.atomic
def attachment_delete(*, attachment: Attachment, by: User) -> None:
    require_change(by, attachment.practice.unit)
    attachment._history_user = by  # type: ignore[attr-defined]
    attachment.delete()  # the file stays on disk: the history refers to it


@transaction.atomic
def adoption_record(*, practice: Practice, unit: Unit, adopted_on: date, outcome: str,
                    rating: int, by: User) -> Adoption:
    """`unit` adopted `practice`: another unit than the practice's own, once."""
    require_change(by, unit)
    if not practice.is_published:
        raise ValidationError(_("Only a published practice can be adopted."), code="draft")
    if unit.pk == practice.unit_id:
        raise ValidationError({"unit": _("A unit does not adopt its own practice.")},
                              code="own")
    if Adoption.objects.filter(practice=practice, unit=unit).exists():
        raise ValidationError({"unit": _("This unit has already recorded adopting it.")},
                              code="twice")
    if adopted_on > timezone.localdate():
        raise ValidationError({"adopted_on": _("This date is in the future.")}, code="future")
    adoption = Adoption(practice=practice, unit=unit, adopted_on=adopted_on, outcome=outcome,
                        rating=rating, recorded_by=by)
    adoption._history_user = by  # type: ignore[attr-defined]
    adoption.full_clean()
    adoption.save()
    return adoption
