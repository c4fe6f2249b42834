"""Celery tasks of dialogue sessions: the daily reminders (scheduled by a data migration,
once a day at 07:00). Each reminder goes at most once (`portal.reminders.send_once`)."""

from __future__ import annotations

from celery import shared_task

__all__ = ["dialogue_session_reminders"]


@shared_task(name="dialogue.session_reminders")
def dialogue_session_reminders() -> int:
    from .reminders import send_due_reminders

    return send_due_reminders()
