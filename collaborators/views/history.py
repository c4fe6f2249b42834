"""A record's change history, readable: who, when, which field from what to what."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from django.db import models
from django.utils.translation import gettext


@dataclass(frozen=True)
class HistoryEntry:
    when: datetime
    who: object
    verb: str  # "+", "~" or "-"
    changes: list[tuple[str, str, str]]
    reason: str


def _display(field: models.Field, value, related: dict) -> str:
    if value in (None, ""):
        return "—"
    if isinstance(field, models.FileField):
        return gettext("a file")  # the stored path is nobody's business
    if field.is_relation:
        return str(related.get((field.related_model, value), value))
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def history_entries(instance: models.Model, limit: int = 20) -> list[HistoryEntry]:
    """The last `limit` changes, newest first; consecutive records are compared in memory,
    and related names are fetched once per related model."""
    records = list(instance.history.select_related("history_user")
                   .order_by("-history_date", "-history_id")[: limit + 1])
    deltas = []
    wanted: dict[type, set] = defaultdict(set)
    for index, record in enumerate(records[:limit]):
        older = records[index + 1] if index + 1 < len(records) else None
        changes = record.diff_against(older).changes if older and record.history_type == "~" \
            else []
        for change in changes:
            field = instance._meta.get_field(change.field)
            if field.is_relation:
                wanted[field.related_model].update(v for v in (change.old, change.new) if v)
        deltas.append((record, changes))
    related = {(model, pk): obj for model, ids in wanted.items()
               for pk, obj in model._default_manager.in_bulk(ids).items()}
    entries = []
    for record, changes in deltas:
        shown = []
        for change in changes:
            field = instance._meta.get_field(change.field)
            shown.append((str(field.verbose_name), _display(field, change.old, related),
                          _display(field, change.new, related)))
        entries.append(HistoryEntry(record.history_date, record.history_user,
                                    record.history_type, shown,
                                    record.history_change_reason or ""))
    return entries
