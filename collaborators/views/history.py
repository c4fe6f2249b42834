"""A record's change history: the portal's one differ (portal.history)."""

from portal.history import HistoryEntry, record_history


def history_entries(instance, limit: int = 20) -> list[HistoryEntry]:
    return record_history(instance, limit=limit)
