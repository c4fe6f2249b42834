"""Change history, readable: who, when, which field went from what to what.

The one differ of the portal. A record's own history (`record_history`) and the
committee's page of recent changes across every model (`recent_changes`) both end in
`describe`, which compares each change record with the version just before it of the
same model and the same row: the change history page answered 500 when it looked the
version up by history id alone, since every model's history table counts its own ids
and a report's version 5 was compared with a survey's version 5."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from heapq import merge
from itertools import islice

from django.apps import apps
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext
from simple_history.models import HistoricalChanges


@dataclass(frozen=True)
class HistoryEntry:
    when: datetime
    who: object
    verb: str  # "+" created, "~" changed, "-" deleted
    changes: list[tuple[str, str, str]]  # (field name, old value, new value), shown
    reason: str
    kind: str = ""  # the model's name, on the page of every model's changes
    record: str = ""  # the record's name at that version


def history_models() -> list[type]:
    return [m for m in apps.get_models() if issubclass(m, HistoricalChanges)]


def history_kinds() -> list[tuple[str, str]]:
    """(model label, plural name) of every model with a history, by label."""
    return sorted(
        (m.instance_type._meta.label_lower, str(m.instance_type._meta.verbose_name_plural))
        for m in history_models()
    )


def record_history(instance: models.Model, *, limit: int = 20) -> list[HistoryEntry]:
    """The last `limit` changes of one record, newest first."""
    records = list(instance.history.select_related("history_user")
                   .order_by("-history_date", "-history_id")[: limit + 1])
    pairs = [(record, records[i + 1] if i + 1 < len(records) else None)
             for i, record in enumerate(records[:limit])]
    return describe(pairs)


def recent_changes(*, model_label: str | None = None, limit: int = 50) -> list[HistoryEntry]:
    """The latest changes across every model with a history (or one), newest first,
    each named by its model and record."""
    streams = [
        model.objects.select_related("history_user").order_by("-history_date", "-history_id")
        [:limit]
        for model in history_models()
        if not model_label or model.instance_type._meta.label_lower == model_label
    ]
    records = list(islice(merge(*streams, key=lambda r: r.history_date, reverse=True), limit))
    previous = _previous_versions(records)
    return describe([(r, previous.get(_key(r))) for r in records], named=True)


def _key(record) -> tuple[type, int]:
    return type(record), record.history_id


def _previous_versions(records) -> dict[tuple[type, int], object]:
    """For each change record, the version of the same row just before it: one query
    per model rather than one per record."""
    by_model: dict[type, list] = defaultdict(list)
    for record in records:
        if record.history_type == "~":
            by_model[type(record)].append(record)
    previous: dict[tuple[type, int], object] = {}
    for model, changed in by_model.items():
        key = model.instance_type._meta.pk.attname  # not always "id" (a holiday's is its day)
        versions: dict[object, list] = defaultdict(list)
        for version in model.objects.filter(
                **{f"{key}__in": {getattr(r, key) for r in changed}},
                history_date__lte=max(r.history_date for r in changed),
        ).order_by(key, "history_date", "history_id"):
            versions[getattr(version, key)].append(version)
        for record in changed:
            before = [v for v in versions[getattr(record, key)]
                      if (v.history_date, v.history_id) < (record.history_date, record.history_id)]
            if before:
                previous[_key(record)] = before[-1]
    return previous


def describe(pairs, *, named: bool = False) -> list[HistoryEntry]:
    """Entries for (change record, the version before it or None) pairs of any models;
    related records are named with one query per related model."""
    deltas = []
    wanted: dict[type, set] = defaultdict(set)
    for record, older in pairs:
        changes = []
        if record.history_type == "~" and older is not None and type(older) is type(record):
            changes = record.diff_against(older).changes
        fields = record.instance_type._meta
        for change in changes:
            field = fields.get_field(change.field)
            if field.is_relation:
                wanted[field.related_model].update(v for v in (change.old, change.new) if v)
        deltas.append((record, changes))
    related = {(model, pk): obj for model, ids in wanted.items()
               for pk, obj in model._default_manager.in_bulk(ids).items()}
    return [_entry(record, changes, related, named) for record, changes in deltas]


def _entry(record, changes, related, named: bool) -> HistoryEntry:
    meta = record.instance_type._meta
    shown = []
    for change in changes:
        field = meta.get_field(change.field)
        shown.append((str(field.verbose_name), display(field, change.old, related),
                      display(field, change.new, related)))
    return HistoryEntry(
        when=record.history_date, who=record.history_user, verb=record.history_type,
        changes=shown, reason=record.history_change_reason or "",
        kind=str(meta.verbose_name) if named else "",
        record=_label(record) if named else "",
    )


def display(field: models.Field, value, related: dict | None = None) -> str:
    """A field's value as a person reads it: choices by their label, related records by
    their name, dates as dd/mm/yyyy, files not by their stored path."""
    if value in (None, ""):
        return "—"
    if isinstance(field, models.FileField):
        return gettext("a file")
    if field.is_relation:
        return str((related or {}).get((field.related_model, value), value))
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return formats.date_format(value, "SHORT_DATETIME_FORMAT")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def _label(record) -> str:
    """The record as its model names it, built from the history row alone
    (`record.instance` reads the live row again to fill excluded fields)."""
    model = record.instance_type
    values = {f.attname: getattr(record, f.attname) for f in model._meta.concrete_fields
              if hasattr(record, f.attname)}
    try:
        return str(model(**values))
    except Exception:  # a __str__ that follows a relation the history row cannot fill
        return f"{model._meta.verbose_name} #{getattr(record, model._meta.pk.attname)}"
